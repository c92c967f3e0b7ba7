/**
 * `export ID`: markdown (default) or JSON, to stdout or a file, streamed as
 * the session is read (store/transcript-export.ts): a session of any size
 * exports in bounded memory.
 */
import { sanitize } from '../../format/sanitize.js';
import { ExistingFileError } from '../../store/actions/safe-path.js';
import { assertNotSessionLog } from '../../store/actions/session-logs.js';
import { fileSink, writeThrough, type TextSink } from '../../store/actions/text-sink.js';
import { writeJsonExport, writeMarkdownExport } from '../../store/actions/transcript-export.js';
import { oneOf, type ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import { outSink, type Io } from '../io.js';
import { findSession } from './find-session.js';
import { summaryOfFile } from './show.js';

export async function exportCommand(ctx: AppContext, id: string, options: ParsedOptions, io: Io): Promise<number> {
  const format = oneOf('format', options.format, ['md', 'json'] as const, 'md');
  const file = await findSession(ctx, id, { newest: (line) => io.err(line) });
  // The header comes first, so the summary is read before the entries (from the summary cache when it can be); the
  // name the user gave in the browser heads it, the agent's title under it.
  const summary = await summaryOfFile(ctx, file);
  // Keys and tokens are masked unless asked for (format/secrets.ts).
  const opts = { ...ctx.catalog.optionsFor(file), revealSecrets: options['reveal-secrets'] === true };
  // A bad -o path fails here, before anything is read; so does a file that exists (without --force) or a session log.
  const sink = options.output ? outputSink(ctx, options.output, file.path, options.force === true) : outSink(io);
  await writeThrough(
    sink,
    (out) => (format === 'md' ? writeMarkdownExport(out, file.path, summary, { ...opts, tz: ctx.tz }) : writeJsonExport(out, file.path, summary, opts)),
    options.output,
  );
  if (options.output) io.err(sanitize(`Exported ${summary.id} to ${options.output}`, { singleLine: true }));
  return 0;
}

/**
 * The sink of `-o FILE`: never a session log (this one, another session's,
 * any agent's: SessionLogError, even with `force`), and an existing file only
 * with `force` (else an Error saying to pass --force or pick another path,
 * the file untouched). Checked before the file is opened; the open itself is
 * exclusive without `force`, so a file created meanwhile is not replaced.
 */
function outputSink(ctx: AppContext, path: string, readFrom: string, force: boolean): TextSink {
  assertNotSessionLog(path, ctx.sessionLogFolders(), readFrom);
  try {
    return fileSink(path, 0o600, readFrom, { replace: force });
  } catch (err) {
    if (err instanceof ExistingFileError) throw new Error(`refusing to replace ${sanitize(err.path, { singleLine: true })}: the file exists; pass --force to replace it, or choose another path`);
    throw err;
  }
}
