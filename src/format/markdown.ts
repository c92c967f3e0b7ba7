/**
 * Markdown export of one session (`export --format md`, the `e` key). All
 * text from the log passes `sanitize`, tool output sits in fences it cannot
 * close, and message Markdown is contained (see containMarkdown), so nothing
 * in a log can inject terminal escapes or rewrite the rest of the document.
 */
import type { ResumeMessage, SessionSummary, Transcript, TranscriptEntry } from '../store/types.js';
import { codeFence, containMarkdown, inlineCode } from './fence.js';
import { parseJsonCapped } from './json.js';
import { countNoun, formatDuration, formatInt, formatUsd, shownTokens, usdToMicros } from './numbers.js';
import { sanitize } from './sanitize.js';
import { formatDateTime } from './time.js';

/** One line of log text, safe for a heading, list item or code span. */
const one = (text: string): string => sanitize(text, { singleLine: true });
/** Multi-line log text, controls made visible. */
const multi = (text: string): string => sanitize(text);

const ROLE_TITLE: Record<string, string> = { user: 'User', assistant: 'Assistant', system: 'System' };

/** ' · 2026-11-20 09:42' (in `tz`) for a heading, '' when the time is missing or bad. */
function when(timestamp: string | null, tz: string): string {
  if (!timestamp) return '';
  const t = formatDateTime(timestamp, tz);
  return t === '?' ? '' : ` · ${t}`;
}

/**
 * The title and the metadata list. Times are absolute only: an export is a
 * document read later, where "(2m ago)" is stale the moment it is saved.
 */
function header(s: SessionSummary, tz: string): string {
  // The metadata names the zone once; entry headings use the same one.
  const updated = `${formatDateTime(s.updatedAt, tz)} ${tz}`;
  const tk = s.tokens;
  const tokens =
    // As the list and `show` count them (numbers.ts shownTokens), not the source's own `total`.
    `${tk.estimated ? '~' : ''}${formatInt(shownTokens(tk))} (${formatInt(tk.input)} input, ` +
    `${formatInt(tk.output)} output, ${formatInt(tk.cacheRead)} cache read, ` +
    `${formatInt(tk.cacheWrite)} cache write)${tk.estimated ? ', estimated' : ''}`;
  const micros = s.costMicros ?? (s.costUsd === null ? null : usdToMicros(s.costUsd));
  const items = [
    `**ID:** ${inlineCode(one(s.id))}`,
    s.originalTitle === undefined ? null : `**Agent's title:** ${one(s.originalTitle) || '(untitled)'}`,
    `**Dialect:** ${s.dialect}`,
    `**Created:** ${formatDateTime(s.createdAt, tz)} ${tz}`,
    `**Updated:** ${updated}`,
    `**Model:** ${s.model ? one(`${s.model} (${s.provider})`) : 'unknown'}`,
    // Every model the session called, when more than one (a Claude session's subagents on Haiku).
    s.models.length > 1
      ? `**Models:** ${s.models.map((m) => one(`${m.model || '(unknown model)'} (${countNoun(m.calls, 'call')}, ${formatInt(shownTokens(m.tokens))} tokens, ${m.costMicros === null ? '? cost' : formatUsd(m.costMicros)})`)).join('; ')}`
      : null,
    s.workspace === null ? null : `**Workspace:** ${inlineCode(one(s.workspace))}`,
    s.status === 'unknown' ? null : `**Status:** ${s.status}`,
    `**Messages:** ${formatInt(s.messageCount)} (${formatInt(s.userMessages)} user, ${formatInt(s.assistantMessages)} assistant)`,
    `**Tool calls:** ${formatInt(s.toolCalls)}`,
    `**Tokens:** ${tokens}`,
    `**Cost:** ${micros === null ? '? (unknown)' : formatUsd(micros)}`,
    s.checkpoints > 0 && s.lastCheckpoint
      ? `**Checkpoints:** ${s.checkpoints} (last: ${formatInt(s.lastCheckpoint.tokenCount)} tokens, ${countNoun(s.lastCheckpoint.messageCountAfter, 'message')} after)`
      : null,
  ];
  const title = one(s.title) || '(untitled)';
  return `# ${title}\n\n${items.filter((i) => i !== null).map((i) => `- ${i}`).join('\n')}`;
}

/** Text of a resume-context message: a string, or text parts (others by type). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (!Array.isArray(content)) return JSON.stringify(content) ?? '';
  return content
    .map((part: unknown) => {
      if (typeof part === 'string') return part;
      if (typeof part !== 'object' || part === null) return '';
      const p = part as { type?: unknown; text?: unknown };
      if (typeof p.text === 'string') return p.text;
      return typeof p.type === 'string' ? `[${p.type}]` : '';
    })
    .join('\n');
}

function quote(text: string): string {
  return text.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
}

function checkpointBlock(tokenCount: number, timestamp: string | null, messages: ResumeMessage[], tz: string): string {
  const head = `---\n\n**Checkpoint** (${formatInt(tokenCount)} tokens)${when(timestamp, tz)}`;
  const quoted = messages.map((m) => quote(`**${one(m.role)}:** ${containMarkdown(multi(contentText(m.content)))}`));
  return quoted.length === 0 ? head : `${head}\n\n${quoted.join('\n>\n')}`;
}

function prettyArguments(args: string): { text: string; info: string } {
  try {
    return { text: JSON.stringify(parseJsonCapped(args), null, 2), info: 'json' };
  } catch {
    return { text: args, info: '' };
  }
}

function resultBlock(label: string, text: string, details: string[]): string {
  const extra = details.length > 0 ? ` (${details.join(', ')})` : '';
  return `**Tool result** ${inlineCode(one(label))}${extra}\n\n${codeFence(multi(text))}`;
}

function entryBlock(e: TranscriptEntry, tz: string): string {
  switch (e.kind) {
    case 'message': {
      if (e.role === 'tool') return resultBlock(e.name ?? e.toolCallId ?? 'tool', e.text, []);
      const body = containMarkdown(multi(e.text)).trim() || '_(no text)_';
      return `### ${ROLE_TITLE[e.role] ?? e.role}${when(e.timestamp, tz)}\n\n${body}`;
    }
    case 'tool_call': {
      const head = `**Tool call** ${inlineCode(one(e.name))}`;
      if (e.arguments.trim() === '') return `${head} (no arguments)`;
      const { text, info } = prettyArguments(e.arguments);
      return `${head}\n\n${codeFence(multi(text), info)}`;
    }
    case 'tool_result': {
      const details = [
        ...(e.durationMs === undefined ? [] : [formatDuration(e.durationMs)]),
        ...(e.isError ? ['error'] : []),
      ];
      return resultBlock(e.name ?? e.id, e.text, details);
    }
    case 'checkpoint':
      return checkpointBlock(e.tokenCount, e.timestamp, e.messages, tz);
    case 'usage': {
      const t = e.tokens;
      const parts = [
        one(e.model) || 'unknown model',
        `${formatInt(t.input)} in`,
        `${formatInt(t.output)} out`,
        ...(t.cacheRead > 0 ? [`${formatInt(t.cacheRead)} cache read`] : []),
        ...(t.cacheWrite > 0 ? [`${formatInt(t.cacheWrite)} cache write`] : []),
        formatUsd(e.costMicros),
        ...(e.latencyMs === undefined ? [] : [formatDuration(e.latencyMs)]),
      ];
      return `*Usage:* ${parts.join(' · ')}`;
    }
    case 'note':
      return quote(`note ${one(e.type)}: ${containMarkdown(multi(e.text))}`);
    case 'attempt': {
      const verdict = `${one(e.verdict)}${e.verified ? ' (verified)' : ''}`;
      const parts = [`attempt ${e.attempt}`, one(e.tier), one(e.model), formatDuration(e.durationMs), verdict];
      if (e.feedback && one(e.feedback)) parts.push(one(e.feedback));
      return `- ${parts.join(' · ')}`;
    }
    default:
      return e satisfies never;
  }
}

/** Options of the Markdown export. */
export interface MarkdownOptions {
  /** IANA zone of every time shown, named in the metadata (FORMAT.md §3); 'UTC' when omitted. */
  tz?: string;
}

/**
 * The Markdown export as a stream of chunks, for sessions of any size: the
 * head (title, metadata list, "## Transcript"), one chunk per entry (with the
 * blank lines that separate it from the one before), then the end. The
 * chunks joined are exactly `transcriptToMarkdown` of the same transcript.
 */
export class MarkdownStream {
  private readonly tz: string;
  private invocation: number | null = null;
  private count = 0;
  /** Whose heading is the last written ('' at the start and after a checkpoint). */
  private speaker = '';

  constructor(
    private readonly summary: SessionSummary,
    private readonly opts: MarkdownOptions = {},
  ) {
    this.tz = opts.tz ?? 'UTC';
  }

  /** Title, metadata and the transcript heading (no trailing newline). */
  head(): string {
    return `${header(this.summary, this.tz)}\n\n## Transcript`;
  }

  /** One entry's block, led by its separator. */
  entry(e: TranscriptEntry): string {
    this.count++;
    const block = entryBlock(e, this.tz);
    if (e.kind !== 'attempt') {
      this.invocation = null;
      return `\n\n${this.speakerHeading(e)}${block}`;
    }
    // Attempts of one invocation form one tight list under a small heading.
    if (this.invocation === e.invocation) return `\n${block}`;
    this.invocation = e.invocation;
    return `\n\n### Skill ${inlineCode(one(e.skill))} · invocation ${e.invocation}${when(e.timestamp, this.tz)}\n\n${block}`;
  }

  /**
   * The Assistant heading before a tool call or output whose turn has no
   * message (Claude writes a call-only turn as a record of its own): without
   * it the call reads as the user's. As the replay does (replay-speaker.ts).
   */
  private speakerHeading(e: TranscriptEntry): string {
    if (e.kind === 'message' && e.role !== 'tool') this.speaker = e.role;
    if (e.kind === 'checkpoint') this.speaker = '';
    const tool = e.kind === 'tool_call' || e.kind === 'tool_result' || (e.kind === 'message' && e.role === 'tool');
    if (!tool || this.speaker === 'assistant') return '';
    this.speaker = 'assistant';
    return `### ${ROLE_TITLE.assistant}${when(e.timestamp, this.tz)}\n\n`;
  }

  /** The closing text: a note when there were no entries, and the final newline. */
  end(): string {
    return this.count === 0 ? '\n\n_No entries._\n' : '\n';
  }
}

/**
 * Render a transcript as a Markdown document: title, metadata list, then
 * every entry in order (see MarkdownOptions for `tz`; the app always
 * passes the user's zone); its times are absolute, so the document depends
 * on the transcript and the zone alone. Builds one string: for a session of
 * any size, write MarkdownStream's chunks instead.
 */
export function transcriptToMarkdown(t: Transcript, opts?: MarkdownOptions): string {
  const md = new MarkdownStream(t.summary, opts);
  const parts = [md.head()];
  for (const e of t.entries) parts.push(md.entry(e));
  parts.push(md.end());
  return parts.join('');
}
