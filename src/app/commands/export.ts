/** `export ID`: markdown (default) or JSON, to stdout or a file. */
import { writeFileSync } from 'node:fs';
import { transcriptToMarkdown } from '../../format/markdown.js';
import { oneOf, type ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import { toJson, type Io } from '../io.js';
import { findSession } from './find-session.js';
import { publicSummary } from './list.js';

export async function exportCommand(ctx: AppContext, id: string, options: ParsedOptions, io: Io): Promise<number> {
  const format = oneOf('format', options.format, ['md', 'json'] as const, 'md');
  const t = await ctx.catalog.transcript(await findSession(ctx, id));
  const body =
    format === 'md'
      ? transcriptToMarkdown(t, { nowMs: ctx.now() })
      : toJson({ summary: publicSummary(t.summary), entries: t.entries, resumeContext: t.resumeContext });
  if (options.output) {
    writeFileSync(options.output, body.endsWith('\n') ? body : `${body}\n`, { mode: 0o600 });
    io.err(`Exported ${id} to ${options.output}`);
  } else {
    io.out(body);
  }
  return 0;
}
