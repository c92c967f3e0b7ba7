/**
 * The exports (`export --format md|json`) written to a sink as the session
 * is read: memory holds one entry at a time, whatever the session's size.
 * The text is exactly what the in-memory forms give (transcriptToMarkdown;
 * JSON.stringify of `{summary, entries, resumeContext}` with 2-space indents,
 * made inert by inertJson). Secret-shaped values (keys, tokens, private
 * keys) are masked (format/secrets.ts) unless `revealSecrets` is set.
 */
import { inertJson } from '../../format/json.js';
import { MarkdownStream, type MarkdownOptions } from '../../format/markdown.js';
import { maskSecrets } from '../../format/secrets.js';
import type { TextSink } from './text-sink.js';
import { streamEntries, streamResumeContext, type StreamOptions } from '../scan/transcript-stream.js';
import type { SessionSummary } from '../types.js';

/** What the exports take besides the reader's options. */
export interface ExportSecrets {
  /** Write secret-shaped values in clear (`export --reveal-secrets`); default false: masked. */
  revealSecrets?: boolean;
}

/**
 * `sink` masking each chunk: every chunk the exports write is whole (a header,
 * one entry, one JSON item), so no secret is split between two. The masks
 * hold no quote or backslash, so JSON stays valid.
 */
function masking(sink: TextSink, opts: ExportSecrets): TextSink {
  if (opts.revealSecrets) return sink;
  return { write: (chunk) => sink.write(maskSecrets(chunk)), end: () => sink.end() };
}

/** Writes the Markdown export of the session at `path`; `summary` heads it (read it first: the header comes first). */
export async function writeMarkdownExport(out: TextSink, path: string, summary: SessionSummary, opts: StreamOptions & MarkdownOptions & ExportSecrets): Promise<void> {
  const sink = masking(out, opts);
  const md = new MarkdownStream(summary, { tz: opts.tz });
  await sink.write(md.head());
  await streamEntries(path, opts, (e) => sink.write(md.entry(e)));
  await sink.write(md.end());
}

/** `value` as pretty, inert JSON whose lines after the first are indented by `pad`: it sits nested in the document. */
function nested(value: unknown, pad: string): string {
  return inertJson(JSON.stringify(value, null, 2)).replace(/\n/g, `\n${pad}`);
}

/** Writes one array's items as they come: `[`, items at `pad`, `]` (or `[]` when there were none). */
function arrayWriter(sink: TextSink, pad: string): { item(v: unknown): Promise<void>; close(): Promise<void> } {
  let count = 0;
  return {
    // JSON.stringify escapes line breaks inside strings, so every '\n' it writes is layout.
    item: (v) => sink.write(`${count++ === 0 ? '' : ','}\n${pad}${nested(v, pad)}`),
    close: () => sink.write(count === 0 ? ']' : `\n${pad.slice(2)}]`),
  };
}

/**
 * Writes the JSON export `{"summary", "entries", "resumeContext"}` of the
 * session at `path`, followed by a newline. `summaryJson` is the summary as
 * the export shows it (the CLI leaves out the search text).
 */
export async function writeJsonExport(out: TextSink, path: string, summaryJson: unknown, opts: StreamOptions & ExportSecrets): Promise<void> {
  const sink = masking(out, opts);
  await sink.write(`{\n  "summary": ${nested(summaryJson, '  ')},\n  "entries": [`);
  const entries = arrayWriter(sink, '    ');
  const pass = await streamEntries(path, opts, (e) => entries.item(e));
  await entries.close();
  await sink.write(',\n  "resumeContext": [');
  const context = arrayWriter(sink, '    ');
  await streamResumeContext(path, opts, (m) => context.item(m), pass);
  await context.close();
  await sink.write('\n}\n');
}
