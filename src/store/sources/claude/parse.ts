/**
 * Claude Code transcript lines as normalized events (ADAPTERS.md "Claude
 * Code"). One parse per line; the parser state is small plain JSON carried
 * from line to line and across the session's files (the main transcript,
 * then its subagent and compaction-worker transcripts as parts).
 *
 * Rules, each from ADAPTERS.md:
 * - usage: one event per assistant line, keyed `message.id:requestId` and
 *   folded `max-output` (streaming partials repeat a response's usage; the
 *   copy with the largest `output_tokens` wins, across the session's files,
 *   and `acrossFiles`: across other sessions' files too, where a fork or an
 *   old-style resume copied it);
 *   `<synthetic>` and `isApiErrorMessage` lines carry no usage;
 * - tokens: `input` excludes the cache, `cacheWrite` is the 5-minute plus
 *   the 1-hour writes (`cacheWrite5m`, `cacheWrite1h` apart);
 * - subagent lines (`isSidechain`, or a part) count only for usage;
 * - title: last custom title, else last AI title, else the last 1.0.x
 *   `summary` whose `leafUuid` is a line of this file, else the first real
 *   prompt (the summarizer's rule), else the first slash command;
 * - compaction: `compact_boundary` then the `isCompactSummary` user line
 *   make one checkpoint whose messages are the summary.
 */
import { basename } from 'node:path';
import { cleanTitle, readCount, textOfContent, type CountTally, type RawTokens } from '../common/fold-common.js';
import { addTokens, subTokens } from '../../counts.js';
import { ownWords } from '../common/title.js';
import type { NormalizedEvent, ToolCallEvent, UsageEvent } from '../events.js';
import { ownValue, setOwn } from '../common/own-keys.js';
import { formatInt } from '../../../format/numbers.js';

/** Parser state: plain JSON (persisted with the summary state). */
export interface ClaudeParserState {
  /** Reading a subagent part: its lines count only for usage. */
  sub: boolean;
  /** The workspace (first `cwd`) and the session model were noted. */
  cwd: boolean;
  model: boolean;
  /** Title candidates by precedence; '' = none. */
  custom: string;
  ai: string;
  summary: string;
  /** The title last emitted, so it is emitted only when it changes. */
  title: string;
  /** 1.0.x summaries waiting for their leaf line: leafUuid → summary. */
  leaves: Record<string, string>;
  /** The first slash command was noted as the fallback title. */
  command: boolean;
  /** Ids of the last assistant messages counted (a response spans several lines). */
  recent: string[];
  /** A compact boundary waiting for its summary line: tokens after compaction when recorded. */
  compact: { pre: number; post: number | null } | null;
}

export function initClaudeParser(): ClaudeParserState {
  return { sub: false, cwd: false, model: false, custom: '', ai: '', summary: '', title: '', leaves: {}, command: false, recent: [], compact: null };
}

const CONTINUED = 'This session is being continued from a previous conversation';
const VENDOR = 'anthropic';
const ENDPOINT = 'claude-code';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/** The counts {@link claudeTokens} rejected in the usage object it read last (reset by each call: no allocation per line). */
const TALLY: CountTally = { rejected: 0 };

/**
 * Tokens of one `message.usage` (ADAPTERS.md: `input_tokens` excludes the
 * cache). A count that is not a non-negative safe integer (1e17, -5,
 * "lots") is read as 0 and counted in `rejected` (fold-common readCount):
 * flagged as an impossible number, never summed nor priced.
 */
export function claudeTokens(usage: Obj): RawTokens {
  TALLY.rejected = 0;
  const input = readCount(usage.input_tokens, TALLY);
  const output = readCount(usage.output_tokens, TALLY);
  const cacheRead = readCount(usage.cache_read_input_tokens, TALLY);
  const creation = obj(usage.cache_creation);
  const hour = readCount(creation?.ephemeral_1h_input_tokens, TALLY);
  const five = readCount(creation?.ephemeral_5m_input_tokens, TALLY);
  // The total write is recorded; its split only in newer versions (all of it is 5-minute otherwise).
  const cacheWrite = Math.max(readCount(usage.cache_creation_input_tokens, TALLY), addTokens(hour, five));
  const total = addTokens(addTokens(input, output), addTokens(cacheRead, cacheWrite));
  const raw: RawTokens = { input, output, cacheRead, cacheWrite, total, cacheWrite5m: subTokens(cacheWrite, hour), cacheWrite1h: hour };
  if (TALLY.rejected > 0) raw.rejected = TALLY.rejected;
  return raw;
}

/** A terminal's styling (SGR: `ESC [ … m`), which Claude Code writes into a local command's output ("\u001b[2mCompacted …\u001b[22m"). */
const STYLING = /\u001b\[[0-9;]*m/g;

/**
 * `text` without its terminal styling: bold and dim mean nothing in a
 * replay, and shown inert (every escape is, format/sanitize.ts) they were
 * "␛[2m…␛[22m" clutter. Any other control sequence stays, to be shown inert.
 */
function withoutStyling(text: string): string {
  return text.includes('\u001b[') ? text.replace(STYLING, '') : text;
}

/** `/name args` of a slash command's `<command-name>` markup, or null. */
function slashCommand(text: string): string | null {
  const name = /<command-name>\s*([^<]*?)\s*<\/command-name>/.exec(text)?.[1];
  if (!name) return null;
  const args = /<command-args>([^<]*)<\/command-args>/.exec(text)?.[1]?.trim();
  const cmd = name.startsWith('/') ? name : `/${name}`;
  return args ? `${cmd} ${args}` : cmd;
}

/** True when a 1.0.x summary waits for its leaf line (ClaudeParserState.leaves is not empty). */
function waitsForLeaves(s: ClaudeParserState): boolean {
  for (const _ in s.leaves) return true;
  return false;
}

function titleEvents(s: ClaudeParserState): NormalizedEvent[] {
  const best = s.custom || s.ai || s.summary;
  if (best === s.title) return [];
  s.title = best;
  return [{ kind: 'meta', title: cleanTitle(best) }];
}

/** One line's events; null for a JSON object with no `type` (unknown). Unknown types are skipped, never fatal. */
export function parseClaude(r: Obj, s: ClaudeParserState): NormalizedEvent[] | null {
  const type = str(r.type);
  if (type === undefined) return null;
  const out: NormalizedEvent[] = [];
  const ts = str(r.timestamp) ?? null;
  const uuid = str(r.uuid);
  // Most sessions wait for no leaf: a lookup by a fresh uuid string costs V8 an internalisation per line (a tenth of a cold scan).
  const leafSummary = uuid && waitsForLeaves(s) ? ownValue(s.leaves, uuid) : undefined;
  if (uuid && leafSummary !== undefined) {
    s.summary = leafSummary;
    delete s.leaves[uuid];
    out.push(...titleEvents(s));
  }
  const side = s.sub || r.isSidechain === true;
  if (!side && !s.cwd && typeof r.cwd === 'string' && r.cwd) {
    s.cwd = true;
    const branch = str(r.gitBranch);
    out.push({ kind: 'meta', workspace: r.cwd, provider: VENDOR, ...(branch ? { branch } : {}) });
  }
  // A cold summary's records come from fast-read.ts with only the fields read here for assistant and user lines
  // (and the header's): a case that reads other fields of its record type must name that type in READ_IN_FULL there.
  switch (type) {
    case 'assistant':
      assistant(r, s, side, ts, out);
      break;
    case 'user':
      if (!side) user(r, s, ts, out);
      break;
    case 'system':
      if (!side) system(r, s, ts, out);
      break;
    case 'custom-title': {
      const t = str(r.customTitle)?.trim();
      if (t) {
        s.custom = t;
        out.push(...titleEvents(s));
      }
      break;
    }
    case 'ai-title': {
      const t = str(r.aiTitle)?.trim();
      if (t) {
        s.ai = t;
        out.push(...titleEvents(s));
      }
      break;
    }
    case 'summary': {
      // 1.0.x: it names its conversation's last line, which may be another file's: used only once that line is seen here.
      const t = str(r.summary)?.trim();
      const leaf = str(r.leafUuid);
      if (t && leaf && Object.keys(s.leaves).length < 64) setOwn(s.leaves, leaf, t);
      break;
    }
    default:
      // progress, attachment, file-history-snapshot, queue-operation, last-prompt, tag, ...: nothing to show or count.
      break;
  }
  return out;
}

function assistant(r: Obj, s: ClaudeParserState, side: boolean, ts: string | null, out: NormalizedEvent[]): void {
  const message = obj(r.message);
  if (!message) return;
  const model = str(message.model) ?? '';
  if (model === '<synthetic>' || r.isApiErrorMessage === true) {
    // Made locally (an API error, an interruption): no call was billed.
    if (!side) {
      const text = textOfContent(message.content);
      if (text.trim()) out.push({ kind: 'note', ts, type: 'error', text });
    }
    return;
  }
  const usage = obj(message.usage);
  const id = str(message.id);
  const requestId = str(r.requestId);
  if (usage) {
    // Built field by field, not from spreads of small objects: every assistant line makes one (a cold scan's hottest event).
    const ev: UsageEvent = { kind: 'usage', ts, vendor: VENDOR, endpoint: ENDPOINT, tokens: claudeTokens(usage), callProvider: VENDOR };
    if (model) ev.model = model;
    if (id && requestId) {
      ev.dedupeKey = `${id}:${requestId}`;
      ev.dedupe = 'max-output';
      ev.acrossFiles = true;
    }
    out.push(ev);
  }
  if (side) return;
  if (model && !s.model) {
    s.model = true;
    out.push({ kind: 'meta', model });
  }
  const blocks = Array.isArray(message.content) ? message.content : [{ type: 'text', text: textOfContent(message.content) }];
  let text = '';
  let calls: ToolCallEvent[] | null = null;
  for (const raw of blocks) {
    const b = obj(raw);
    if (!b) continue;
    // A block counts only when it has words, so `text` is empty until the first one.
    if (b.type === 'text' && typeof b.text === 'string' && b.text.trim()) text = text === '' ? b.text : `${text}\n${b.text}`;
    else if (b.type === 'tool_use') (calls ??= []).push({ kind: 'tool_call', ts, id: str(b.id) ?? '', name: str(b.name) ?? '(tool)', arguments: b.input, counted: true });
  }
  if (text !== '' || calls !== null) {
    // A response is written one content block per line: it counts once, at its first shown block.
    const first = id === undefined || !s.recent.includes(id);
    if (id && first) {
      s.recent.push(id);
      if (s.recent.length > 8) s.recent.shift();
    }
    const content = calls !== null ? { role: 'assistant', content: text, tool_calls: calls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args })) } : { role: 'assistant', content: text };
    out.push({ kind: 'message', ts, message: content, text, tally: first, context: 'append' });
    if (calls !== null) for (const call of calls) out.push(call);
  }
}

function user(r: Obj, s: ClaudeParserState, ts: string | null, out: NormalizedEvent[]): void {
  const message = obj(r.message);
  if (!message || r.isMeta === true) return; // injected (a command's expanded prompt, a caveat): hidden
  const content = message.content;
  const text = typeof content === 'string' ? content : textOfContent((Array.isArray(content) ? content : []).filter((b) => obj(b)?.type === 'text'));
  if (r.isCompactSummary === true || text.trimStart().startsWith(CONTINUED)) {
    const tokenCount = s.compact?.post ?? Math.floor(text.length / 3);
    s.compact = null;
    out.push({ kind: 'checkpoint', ts, tokenCount, messages: [{ role: 'user', content: text }] });
    return;
  }
  if (Array.isArray(content)) {
    for (const raw of content) {
      const b = obj(raw);
      if (b?.type !== 'tool_result') continue;
      const output = typeof b.content === 'string' ? b.content : textOfContent(b.content);
      out.push({ kind: 'tool_result', ts, id: str(b.tool_use_id) ?? '', output, ...(b.is_error === true ? { isError: true } : {}), counted: false });
    }
  }
  if (!text.trim()) return;
  const command = slashCommand(text);
  if (command && !s.command) {
    s.command = true;
    out.push({ kind: 'meta', fallbackTitle: command });
  }
  if (ownWords(text) || command) out.push({ kind: 'message', ts, message: { role: 'user', content: text }, text, tally: true, context: 'append' });
  else out.push({ kind: 'note', ts, type: 'context', text: withoutStyling(text) }); // injected context: shown, never counted nor a title
}

function system(r: Obj, s: ClaudeParserState, ts: string | null, out: NormalizedEvent[]): void {
  const subtype = str(r.subtype);
  if (subtype === 'compact_boundary') {
    const meta = obj(r.compactMetadata);
    const pre = num(meta?.preTokens);
    s.compact = { pre, post: meta && typeof meta.postTokens === 'number' ? num(meta.postTokens) : null };
    out.push({ kind: 'note', ts, type: 'compaction', text: `conversation compacted (${str(meta?.trigger) ?? 'auto'}${pre ? `, ${formatInt(pre)} tokens before` : ''})` });
  } else if (subtype === 'local_command') {
    const text = withoutStyling(str(r.content) ?? '');
    const command = slashCommand(text);
    if (command && !s.command) {
      s.command = true;
      out.push({ kind: 'meta', fallbackTitle: command });
    }
    if (text.trim()) out.push({ kind: 'note', ts, type: 'command', text });
  }
}

/** Before a subagent's transcript: its lines count only for usage. */
export function beginClaudePart(s: ClaudeParserState, _index: number, path: string): NormalizedEvent[] {
  s.sub = true;
  return [{ kind: 'note', type: 'subagent', text: `subagent transcript ${basename(path)} (its usage is counted in this session)` }];
}
