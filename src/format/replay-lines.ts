/**
 * Transcript entries → display lines for the Replay tab. Pure, so the view
 * can build the lines once per (transcript, width, expanded set,
 * fromCheckpoint) under useMemo and then only slice the visible window:
 * scrolling a 500-message transcript never re-wraps anything.
 *
 * Every string that came from the log passes `sanitize` (multi-line mode,
 * then split on '\n'), and every line is cut or wrapped by display width,
 * so no line is ever wider than the width it was built for.
 */
import type { EntryFold, Transcript, TranscriptEntry, ResumeMessage } from '../store/types.js';
import type { DisplayLine, LineRole } from './replay-line.js';
import { parseJsonCapped } from './json.js';
import { sanitize } from './sanitize.js';
import { maskSecretsDeep } from './secrets.js';
import { displayWidth, truncate } from './width.js';
import { wrapLine } from './wrap.js';
import { countNoun, formatDuration, formatTokens, formatUsd } from './numbers.js';
import { clock, dayKey } from './time.js';
import { SpeakerLines, speakerHeader, speakerRole } from './replay-speaker.js';

export type { DisplayLine, LineRole } from './replay-line.js';

/** What the lines depend on (the useMemo key). */
export interface ReplayLineOptions {
  /** Columns available to one line. */
  width: number;
  /** Entry indexes the user unfolded with Space. */
  expanded: ReadonlySet<number>;
  /** Only what a resume loads: the last checkpoint and what follows it. */
  fromCheckpoint: boolean;
  /** IANA zone of the clock times (FORMAT.md §3); 'UTC' when omitted. */
  tz?: string;
  /** Entries drawn whole though their text is huge (see ENTRY_MAX_LINES); the rest are cut. */
  full?: ReadonlySet<number>;
  /** How the cut line says to see all, e.g. "press v to show all". */
  moreHint?: string;
  /** How the from-checkpoint banner says to see the whole conversation (default: the browser's key, "(f shows all)"). */
  allHint?: string;
  /** Show secret-shaped values (keys, tokens) in clear; default false: masked (secrets.ts). */
  revealSecrets?: boolean;
}

/** What one entry draws of a text at most, unless shown whole: this many lines of the text… */
export const ENTRY_MAX_LINES = 1000;
/** …and this many characters: a 64 KB tool output is drawn whole, a one-line 3 MB message some 1,700 rows at 80 columns (it was 3,400 at 256 Ki, 77,000 whole). */
export const ENTRY_MAX_CHARS = 128 * 1024;

/**
 * The head of a huge text, cut at ENTRY_MAX_LINES lines or ENTRY_MAX_CHARS
 * characters, and what was left out (null: nothing, the text is whole).
 */
export function capText(raw: string): { head: string; rest: { bytes: number; lines: number } | null } {
  let cut = Math.min(raw.length, ENTRY_MAX_CHARS);
  let at = -1;
  for (let n = 0; n < ENTRY_MAX_LINES; n++) {
    at = raw.indexOf('\n', at + 1);
    if (at === -1 || at >= cut) break;
    if (n === ENTRY_MAX_LINES - 1) cut = at;
  }
  if (cut >= raw.length) return { head: raw, rest: null };
  // Never split a surrogate pair.
  if (cut > 0 && /[\ud800-\udbff]/.test(raw[cut - 1]!)) cut--;
  const tail = raw.slice(cut);
  // The newline that ends the last line shown is not a line of the rest.
  const body = tail.startsWith('\n') ? tail.slice(1) : tail;
  let lines = body !== '' && !body.endsWith('\n') ? 1 : 0;
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) lines++;
  return { head: raw.slice(0, cut), rest: { bytes: Buffer.byteLength(tail, 'utf8'), lines } };
}

/** The first `n` lines of `text` (at most a few KB of each), and whether that is all of it. */
function firstLines(text: string, n: number): { text: string; whole: boolean } {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1) return text.length <= 4096 * n ? { text, whole: true } : { text: text.slice(0, 4096 * n), whole: false };
  }
  return { text: text.slice(0, Math.min(at, 4096 * n)), whole: false };
}

/** Lines of `text` as textLines counts them (trailing blank lines dropped), without splitting it. */
function lineCount(text: string): number {
  let end = text.length;
  while (end > 0 && /[\n\s]/.test(text[end - 1]!)) end--;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** "… 9.7 MB more (77,000 lines) · press v to show all". */
export function moreLine(rest: { bytes: number; lines: number }, hint: string): string {
  return `… ${humanBytes(rest.bytes)} more${rest.lines > 0 ? ` (${countNoun(rest.lines, 'more line')})` : ''}${hint ? ` · ${hint}` : ''}`;
}

/** Characters of each line a folded result's `head` keeps (wider than any terminal). */
const FOLD_HEAD_LINE_CHARS = 2048;
/** Characters of a tool call's arguments summary kept in its fold. */
const FOLD_SUMMARY_CHARS = 4096;

/** What a folded result shows of `text`: its first lines, and the size of the whole. */
function foldedText(text: string): Omit<EntryFold, 'summary'> {
  const shown = firstLines(text, FOLDED_RESULT_LINES + 1);
  const head = text.trim() === '' ? '' : shown.text;
  return { head, lines: shown.whole ? textLines(shown.text).length : lineCount(text), bytes: Buffer.byteLength(text, 'utf8') };
}

/**
 * The figures of a big entry's folded lines, from the whole entry: what a
 * windowed transcript keeps instead of the text (TranscriptView). The head's
 * lines are cut to a couple of KB each: a folded line shows one screen row.
 */
export function entryFold(e: TranscriptEntry): EntryFold {
  const text = e.kind === 'tool_result' || e.kind === 'message' || e.kind === 'note' ? e.text : '';
  const f = foldedText(text);
  const head = f.head.split('\n').map((l) => (l.length > FOLD_HEAD_LINE_CHARS ? l.slice(0, FOLD_HEAD_LINE_CHARS) : l)).join('\n');
  const summary = e.kind === 'tool_call' ? argsSummary(e.arguments).slice(0, FOLD_SUMMARY_CHARS) : '';
  // Copies, not slices: a slice would keep the whole text alive, which is what the fold is for not keeping.
  return { ...f, head: detached(head), summary: detached(summary) };
}

/** A copy of `s` that shares no memory with the string it was cut from (V8 keeps a slice's parent alive). */
function detached(s: string): string {
  // Slicing a concatenation flattens it into a new string first: the result keeps only that copy alive (code units as they are).
  return s === '' ? s : (s + ' ').slice(0, -1);
}

/** Result lines of a folded tool result before the "(+N lines" summary. */
export const FOLDED_RESULT_LINES = 2;

/** Log text → safe physical lines: sanitized, tabs expanded, trailing blank lines dropped. */
export function textLines(raw: string): string[] {
  const lines = sanitize(raw).replace(/\t/g, '    ').split('\n');
  while (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines;
}

/** "512 B", "3.4 KB", "1.2 MB" of the UTF-8 size of `text`. */
export function byteSize(text: string): string {
  return humanBytes(Buffer.byteLength(text, 'utf8'));
}

function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseJsonCapped(raw) };
  } catch {
    return { ok: false };
  }
}

/** `path=auth_test.go n=3` for a JSON object, else the raw text on one line. */
export function argsSummary(raw: string): string {
  const j = parseJson(raw);
  if (!j.ok) return sanitize(raw, { singleLine: true });
  const v = j.value;
  const text = v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.entries(v).map(([k, x]) => `${k}=${typeof x === 'string' ? x : JSON.stringify(x)}`).join(' ')
    : (JSON.stringify(v) ?? '');
  return sanitize(text, { singleLine: true });
}

/** Text of a resume message's content: a string, or parts shown by their text (else `[type]`). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? '' : (JSON.stringify(content) ?? '');
  return content
    .map((p: unknown) => {
      const part = p as { type?: unknown; text?: unknown } | null;
      return typeof part?.text === 'string' ? part.text : `[${typeof part?.type === 'string' ? part.type : 'part'}]`;
    })
    .join('\n');
}

/** Builds the lines of one transcript; `one` and `wrapped` keep every line within the width. */
class LineBuilder {
  readonly lines: DisplayLine[] = [];
  /** Draw huge texts whole (else capText cuts them, with moreLine after). */
  whole = false;
  constructor(
    private readonly width: number,
    private readonly tz: string,
    private readonly moreHint = '',
  ) {}

  /** The lines of a text from the log, cut when huge (see capText); `indent` for the "… more" line. */
  text(raw: string, indent: string, role: LineRole, entry: number): void {
    const { head, rest } = this.whole ? { head: raw, rest: null } : capText(raw);
    this.wrapped(textLines(head), indent, role, entry);
    if (rest) {
      this.one(`${indent}${moreLine(rest, this.moreHint)}`, 'usage', entry);
      this.lines[this.lines.length - 1]!.cut = true;
    }
  }

  /** One line, cut to the width. */
  one(text: string, role: LineRole, entry: number): void {
    this.lines.push({ text: truncate(text, this.width), role, entry });
  }

  /** Several physical lines, each wrapped after `indent` (parts fit already: no second measure). */
  wrapped(lines: string[], indent: string, role: LineRole, entry: number): void {
    const room = Math.max(1, this.width - displayWidth(indent));
    for (const line of lines) for (const part of wrapLine(line, room)) this.lines.push({ text: indent + part, role, entry });
  }

  message(role: string, timestamp: string | null, text: string, entry: number): void {
    this.one(speakerHeader(role, timestamp, this.tz), speakerRole(role), entry);
    if (text.trim() === '') this.one('  (no text)', 'usage', entry);
    else this.text(text, '  ', 'text', entry);
  }

  toolResult(name: string | undefined, text: string, extra: string, isError: boolean, open: boolean, entry: number, fold?: EntryFold): void {
    const role: LineRole = isError ? 'error' : 'toolResult';
    const head = `  ${isError ? '✗' : '↳'} ${name ? sanitize(name, { singleLine: true }) : 'result'}${extra}: `;
    // An empty output reads the same folded or not: one line, not a header over a blank row.
    if (open && text.trim() === '') return this.one(`${head}(empty)`, role, entry);
    if (open) {
      this.one(head.trimEnd(), role, entry);
      this.text(text, '    ', role, entry);
      return;
    }
    // Folded: the first lines only, never the whole of a huge text (a big entry held cut brings them in `fold`).
    const f = fold ?? foldedText(text);
    const lines = textLines(f.head);
    const first = lines[0] ?? '';
    this.one(head + (f.head === '' ? '(empty)' : first), role, entry);
    for (const line of lines.slice(1, FOLDED_RESULT_LINES)) this.one(`    ${line}`, role, entry);
    const hidden = f.lines - FOLDED_RESULT_LINES;
    if (hidden > 0) this.one(`    (+${countNoun(hidden, 'line')}, ${humanBytes(f.bytes)})`, 'usage', entry);
  }

  checkpoint(e: Extract<TranscriptEntry, { kind: 'checkpoint' }>, open: boolean, entry: number): void {
    const time = clock(e.timestamp, false, this.tz);
    const label = `──── checkpoint · ${formatTokens(e.tokenCount)} tokens${time ? ` · ${time}` : ''} `;
    this.one(label + '─'.repeat(Math.max(4, this.width - displayWidth(label))), 'checkpoint', entry);
    if (!open) return;
    for (const m of e.messages as ResumeMessage[]) this.message(String(m.role), null, contentText(m.content), entry);
    this.one('─'.repeat(this.width), 'checkpoint', entry);
  }

  /** The lines of entry `e` (index `i`); `fold`: a big entry held cut, drawn folded from its figures. */
  entry(e: TranscriptEntry, i: number, open: boolean, prev: TranscriptEntry | undefined, fold?: EntryFold): void {
    switch (e.kind) {
      case 'message':
        if (e.role === 'tool') this.toolResult(e.name, e.text, '', false, open, i, fold);
        else this.message(e.role, e.timestamp, e.text, i);
        return;
      case 'tool_call':
        this.one(`  ⚙ ${sanitize(e.name, { singleLine: true })} ${fold ? fold.summary : argsSummary(e.arguments)}`.trimEnd(), 'tool', i);
        if (open) {
          // Unfolded: the arguments pretty-printed (as they are when not JSON).
          const j = parseJson(e.arguments);
          this.text(j.ok ? (JSON.stringify(j.value, null, 2) ?? '') : e.arguments, '    ', 'tool', i);
        }
        return;
      case 'tool_result': {
        const extra = e.durationMs !== undefined ? ` · ${formatDuration(e.durationMs)}` : '';
        this.toolResult(e.name, e.text, extra, e.isError === true, open, i, fold);
        return;
      }
      case 'checkpoint':
        this.checkpoint(e, open, i);
        return;
      case 'usage': {
        const t = e.tokens;
        const cache = t.cacheRead || t.cacheWrite ? ` · cache ${formatTokens(t.cacheRead)} r / ${formatTokens(t.cacheWrite)} w` : '';
        const latency = e.latencyMs !== undefined ? ` · ${formatDuration(e.latencyMs)}` : '';
        const tok = (n: number): string => formatTokens(n, t.estimated);
        this.one(`  Σ ${tok(t.input)} in / ${tok(t.output)} out${cache} · ${formatUsd(e.costMicros)}${latency}`, 'usage', i);
        return;
      }
      case 'note':
        this.text(`${e.type}: ${e.text}`, '│ ', 'timeline', i);
        return;
      case 'attempt': {
        if (prev?.kind !== 'attempt' || prev.skill !== e.skill || prev.invocation !== e.invocation) {
          this.one(`◆ ${sanitize(e.skill, { singleLine: true })} · invocation ${e.invocation}${e.timestamp ? ` · ${clock(e.timestamp, true, this.tz)}` : ''}`, 'timeline', i);
        }
        const mark = e.verified ? '✓' : '✗';
        const feedback = e.feedback ? ` — ${e.feedback}` : '';
        const line = `#${e.attempt} ${e.tier} ${e.model} ${formatDuration(e.durationMs)} ${mark} ${e.verdict}${feedback}`;
        this.wrapped([sanitize(line, { singleLine: true })], '│ ', e.verified ? 'timeline' : 'error', i);
        return;
      }
      default:
        e satisfies never;
    }
  }
}

/** Each entry with its secrets masked, made once while the entry lives (its lines are cached by identity below). */
const masked = new WeakMap<TranscriptEntry, TranscriptEntry>();
export function maskedEntry(e: TranscriptEntry): TranscriptEntry {
  let m = masked.get(e);
  if (!m) masked.set(e, (m = maskSecretsDeep(e)));
  return m;
}

/**
 * Lines of each entry per (index, width, open, first shown, zone), kept while the
 * entry lives: unfolding one tool call or toggling from-checkpoint then
 * rebuilds one entry, not the whole transcript.
 */
const entryLines = new WeakMap<TranscriptEntry, Map<string, DisplayLine[]>>();

/** Build every display line of `t` for the given width, unfolded entries and mode. */
export function buildReplayLines(t: Transcript, opts: ReplayLineOptions): DisplayLine[] {
  const width = Math.max(1, opts.width);
  const tz = opts.tz ?? 'UTC';
  const out = new LineBuilder(width, tz, opts.moreHint);
  const start = opts.fromCheckpoint && t.lastCheckpointIndex >= 0 ? t.lastCheckpointIndex : 0;
  if (opts.fromCheckpoint) out.one(`${fromCheckpointBanner(t.lastCheckpointIndex >= 0)} ${opts.allHint ?? '(f shows all)'}`, 'banner', -1);
  const days = new DayLines(width, tz);
  const speakers = new SpeakerLines(width, tz);
  const at = (i: number): TranscriptEntry => (opts.revealSecrets ? t.entries[i]! : maskedEntry(t.entries[i]!));
  for (let i = start; i < t.entries.length; i++) {
    const e = at(i);
    const day = days.before(e);
    if (day) out.lines.push(day);
    const speaker = speakers.before(e, i);
    if (speaker) out.lines.push(speaker);
    // In from-checkpoint mode the starting checkpoint is always open: its messages ARE the context.
    const open = opts.expanded.has(i) || (opts.fromCheckpoint && i === start && e.kind === 'checkpoint');
    const whole = opts.full?.has(i) === true;
    const key = `${i}|${width}|${open}|${i === start}|${tz}|${whole}|${opts.moreHint ?? ''}`;
    let cached = entryLines.get(e);
    if (!cached) entryLines.set(e, (cached = new Map()));
    let lines = cached.get(key);
    if (!lines) {
      const b = new LineBuilder(width, tz, opts.moreHint);
      b.whole = whole;
      b.entry(e, i, open, i > start ? at(i - 1) : undefined);
      cached.set(key, (lines = b.lines));
    }
    for (const line of lines) out.lines.push(line);
  }
  if (out.lines.length === 0) out.one(NO_ENTRIES_LINE, 'usage', -1);
  return out.lines;
}

/**
 * The dim day lines of a replay: clocks show the time of day only, so a line
 * naming the date (in the zone) comes before the first dated entry and
 * before each entry on a later (or earlier) day. The first one names the
 * zone, once: "── 2026-05-10 · times in Asia/Tokyo". Shared by the
 * browser's Replay (buildReplayLines) and the streamed `replay` command,
 * which feed it the entries they show, in order.
 */
export class DayLines {
  private last: string | null = null;
  constructor(
    private readonly width: number,
    private readonly tz: string,
  ) {}

  /** The day line to show before `e`, or null when its day is the one shown last (or it has no time). */
  before(e: TranscriptEntry): DisplayLine | null {
    if (!e.timestamp) return null;
    const day = dayKey(e.timestamp, this.tz);
    if (day === '?' || day === this.last) return null;
    const first = this.last === null;
    this.last = day;
    const text = `── ${day}${first ? ` · times in ${sanitize(this.tz, { singleLine: true })}` : ''} ──`;
    return { text: truncate(text, this.width), role: 'usage', entry: -1 };
  }
}

/** The first line of a from-checkpoint replay. */
export function fromCheckpointBanner(hasCheckpoint: boolean): string {
  return hasCheckpoint ? 'From checkpoint: only what a resume loads' : 'No checkpoint: a resume loads the whole conversation';
}

/** The only line of a replay with nothing in it. */
export const NO_ENTRIES_LINE = '(this session has no entries)';

/**
 * The display lines of one entry, built alone: what a streamed replay (the
 * `replay` command, any session size) prints as each entry is read. `index`
 * is the entry's index in the transcript, `prev` the entry shown before it
 * (attempts of one invocation share a heading), `open` whether it is
 * unfolded. Same lines as buildReplayLines gives that entry. `fold`: the
 * entry is a big one held cut (TranscriptView), drawn folded from its figures.
 */
export function entryDisplayLines(
  e: TranscriptEntry,
  index: number,
  opts: { width: number; open: boolean; prev?: TranscriptEntry; tz?: string; whole?: boolean; moreHint?: string; fold?: EntryFold | undefined },
): DisplayLine[] {
  const b = new LineBuilder(Math.max(1, opts.width), opts.tz ?? 'UTC', opts.moreHint);
  b.whole = opts.whole === true;
  b.entry(e, index, opts.open, opts.prev, opts.fold);
  return b.lines;
}

/** True when Space on a line of `entry` unfolds something (calls, results, checkpoints). */
export function isFoldable(e: TranscriptEntry | undefined): boolean {
  if (!e) return false;
  return e.kind === 'tool_call' || e.kind === 'tool_result' || e.kind === 'checkpoint' || (e.kind === 'message' && e.role === 'tool');
}
