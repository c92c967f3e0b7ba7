/** Summary fold for the `turns` dialect (format §2.3). */
import { appendSearchText, cleanTitle, countChars, notePrompt, noteTime, toTokens, type TimeSpan } from '../../common/fold-common.js';
import type { DialectFigures, DialectFold } from '../../fold.js';
import { turnRecordSchema } from './schema.js';
import { ownWords } from '../../common/title.js';

export interface TurnsState {
  span: TimeSpan;
  user: number;
  assistant: number;
  toolCalls: number;
  /** Characters (code points) of all content. */
  chars: number;
  /** Characters of assistant text and tool calls: the estimated output share. */
  outputChars: number;
  hasUserText: boolean;
  firstPrompt: string;
  lastPrompt: string;
  model: string;
  searchText: string;
  /** The resume context is the whole conversation: every written line, and its text. */
  contextMessages: number;
  contextChars: number;
}

export const turnsFold: DialectFold<TurnsState> = {
  dialect: 'turns',
  init: () => ({
    span: { first: null, last: null },
    user: 0,
    assistant: 0,
    toolCalls: 0,
    chars: 0,
    outputChars: 0,
    hasUserText: false,
    firstPrompt: '',
    lastPrompt: '',
    model: '',
    searchText: '',
    contextMessages: 0,
    contextChars: 0,
  }),

  step(s, raw) {
    const parsed = turnRecordSchema.safeParse(raw);
    if (!parsed.success) return false;
    const r = parsed.data;
    noteTime(s.span, r.timestamp);
    const chars = countChars(r.content);
    s.chars += chars;
    if (r.model) s.model = r.model;
    s.contextMessages++;
    // A tool call enters the context as an assistant message with no text.
    if (r.type !== 'tool_call') s.contextChars += r.content.length;
    switch (r.type) {
      case 'user':
        s.user++;
        if (r.content.trim() !== '') {
          s.hasUserText = true;
          const words = ownWords(r.content);
          if (words) notePrompt(s, words);
        }
        s.searchText = appendSearchText(s.searchText, r.content);
        break;
      case 'assistant':
        s.assistant++;
        s.outputChars += chars;
        s.searchText = appendSearchText(s.searchText, r.content);
        break;
      case 'tool_call':
        s.toolCalls++;
        s.outputChars += chars;
        break;
      case 'system':
        s.searchText = appendSearchText(s.searchText, r.content);
        break;
      case 'tool_result':
        break;
      default:
        r.type satisfies never;
    }
    return true;
  },

  finish(s) {
    // No usage is recorded: tokens are estimated as characters / 3 (format §4).
    const total = Math.floor(s.chars / 3);
    const output = Math.min(total, Math.floor(s.outputChars / 3));
    return {
      title: s.firstPrompt,
      firstMs: s.span.first,
      lastMs: s.span.last,
      userMessages: s.user,
      assistantMessages: s.assistant,
      messageCount: s.user + s.assistant,
      toolCalls: s.toolCalls,
      model: s.model,
      provider: s.model.includes('/') ? s.model.slice(0, s.model.indexOf('/')) : 'default',
      workspace: null,
      endpoints: [],
      models: [],
      tokens: toTokens({ input: total - output, output, cacheRead: 0, cacheWrite: 0, total }, true),
      costMicros: null,
      status: 'unknown',
      durationMs: null,
      checkpoints: 0,
      lastCheckpoint: null,
      empty: !s.hasUserText,
      lastCallMs: null,
      lastCallProvider: 'default',
      strikes: 0,
      firstPrompt: s.firstPrompt,
      lastPrompt: cleanTitle(s.lastPrompt),
      searchText: s.searchText,
      contextMessages: s.contextMessages,
      contextChars: s.contextChars,
    } satisfies DialectFigures;
  },
};
