/**
 * Markdown code spans and fences that log text cannot break out of. A
 * CommonMark fence only closes on a backtick run at least as long as the one
 * that opened it, and a code span only on a run of exactly its length, so we
 * open with one backtick more than the longest run inside the text.
 */

/** Length of the longest run of '`' in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * A fenced code block holding `text` verbatim (no sanitizing here), opened
 * and closed with a backtick fence longer than any run in the text (at
 * least 3). `info` is the language tag, e.g. 'json'.
 */
export function codeFence(text: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${info}\n${body}${fence}`;
}

/**
 * An inline code span for one line of text. Padded with a space on both
 * sides when the text starts or ends with a backtick (CommonMark strips one
 * such space on each side). Empty text gives '` `'.
 */
export function inlineCode(text: string): string {
  if (text === '') return '` `';
  const ticks = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A fence opener/closer line: up to 3 spaces, then 3+ backticks or tildes. */
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** Up to 3 spaces then '<': where CommonMark starts a raw HTML block. */
const HTML_START = /^( {0,3})</;

/**
 * Make message text (Markdown written by a model or a user) safe to embed in
 * a larger document: a fence left open at the end is closed, so it cannot
 * swallow the headings that follow, and a line that would start a raw HTML
 * block outside a fence gets its '<' backslash-escaped, because an unclosed
 * `<!--` or `<pre>` would hide the rest of the export. Text is otherwise kept.
 */
export function containMarkdown(text: string): string {
  let open = ''; // the fence run that opened the current code block, '' when none
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = FENCE_LINE.exec(line);
    const run = m?.[1] ?? '';
    const rest = m?.[2] ?? '';
    if (open) {
      // Closes only on the same character, at least as long, nothing after.
      if (run[0] === open[0] && run.length >= open.length && rest.trim() === '') open = '';
      continue;
    }
    // A backtick fence's info string may not hold a backtick (it is inline code then).
    if (run && !(run[0] === '`' && rest.includes('`'))) {
      open = run;
      continue;
    }
    if (HTML_START.test(line)) lines[i] = line.replace(HTML_START, '$1\\<');
  }
  const out = lines.join('\n');
  if (!open) return out;
  return `${out}${out.endsWith('\n') ? '' : '\n'}${open}`;
}
