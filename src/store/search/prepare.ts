/**
 * The haystacks the search runs over, prepared once when the session list
 * loads so that no keystroke lower-cases or concatenates anything.
 */
import type { SessionSummary } from '../types.js';
import { buildTrigrams, type Trigrams } from './grams.js';
import { lowerKeepOffsets } from './text.js';

/** Where a word matched. Order matters only for readability, not ranking. */
export const FIELD = { none: 0, title: 1, prompt: 2, meta: 3, content: 4 } as const;
export type FieldCode = (typeof FIELD)[keyof typeof FIELD];

/** Per-session strings and offsets; index `i` everywhere is the session's position in `sessions`. */
export interface Prepared {
  readonly sessions: readonly SessionSummary[];
  readonly size: number;
  /** Original titles (uFuzzy matches case-insensitively on its own). */
  readonly titles: string[];
  /** First prompt, then the last one on its own line when it differs. */
  readonly prompts: string[];
  /** Length of the first prompt inside `prompts[i]` (the last prompt starts one after). */
  readonly firstPromptLen: Int32Array;
  /** Model and workspace: the meta fields worth fuzzy matching (ids are hex noise). */
  readonly fuzzyMeta: string[];
  /** Title, prompts and fuzzyMeta on their own lines: one uFuzzy pass instead of three. */
  readonly fuzzyAll: string[];
  /** `title \n prompts \n model \n id \n workspace`: one indexOf finds the best head field. */
  readonly head: string[];
  readonly headLower: string[];
  /** Offsets inside `head[i]` where the prompts and the meta block begin. */
  readonly promptStart: Int32Array;
  readonly metaStart: Int32Array;
  /** `searchText` lower-cased with the same offsets. */
  readonly contentLower: string[];
  /** Trigram signatures of `contentLower`: which sessions may hold a word at all. */
  readonly trigrams: Trigrams;
  /** Session indexes newest first (updatedAt), and each session's place in that order. */
  readonly byRecency: Int32Array;
  readonly recencyRank: Int32Array;
}

/** Builds every haystack once. Cost is linear in the total text (≈50 MB for 10k sessions). */
export function prepare(sessions: readonly SessionSummary[]): Prepared {
  const n = sessions.length;
  const titles: string[] = new Array<string>(n);
  const prompts: string[] = new Array<string>(n);
  const fuzzyMeta: string[] = new Array<string>(n);
  const fuzzyAll: string[] = new Array<string>(n);
  const head: string[] = new Array<string>(n);
  const headLower: string[] = new Array<string>(n);
  const contentLower: string[] = new Array<string>(n);
  const firstPromptLen = new Int32Array(n);
  const promptStart = new Int32Array(n);
  const metaStart = new Int32Array(n);
  const times = new Float64Array(n);

  sessions.forEach((s, i) => {
    const title = s.title ?? '';
    const first = s.firstPrompt ?? '';
    const last = s.lastPrompt ?? '';
    const prompt = last !== '' && last !== first ? `${first}\n${last}` : first;
    const meta = `${s.model ?? ''}\n${s.id}\n${s.workspace ?? ''}`;
    const h = `${title}\n${prompt}\n${meta}`;
    titles[i] = title;
    prompts[i] = prompt;
    firstPromptLen[i] = first.length;
    fuzzyMeta[i] = `${s.model ?? ''}\n${s.workspace ?? ''}`;
    fuzzyAll[i] = `${title}\n${prompt}\n${fuzzyMeta[i]}`;
    head[i] = h;
    headLower[i] = lowerKeepOffsets(h);
    promptStart[i] = title.length + 1;
    metaStart[i] = title.length + 1 + prompt.length + 1;
    contentLower[i] = lowerKeepOffsets(s.searchText ?? '');
    const t = Date.parse(s.updatedAt);
    times[i] = Number.isNaN(t) ? -Infinity : t;
  });

  // Newest first; equal times keep list order so results are stable.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (times[b] ?? 0) - (times[a] ?? 0) || a - b,
  );
  const byRecency = Int32Array.from(order);
  const recencyRank = new Int32Array(n);
  order.forEach((idx, rank) => {
    recencyRank[idx] = rank;
  });

  return {
    sessions,
    size: n,
    titles,
    prompts,
    firstPromptLen,
    fuzzyMeta,
    fuzzyAll,
    head,
    headLower,
    promptStart,
    metaStart,
    contentLower,
    trigrams: buildTrigrams(contentLower),
    byRecency,
    recencyRank,
  };
}

/** Which head field an offset inside `head[i]` falls in. */
export function headField(p: Prepared, i: number, pos: number): FieldCode {
  if (pos < (p.promptStart[i] ?? 0)) return FIELD.title;
  if (pos < (p.metaStart[i] ?? 0)) return FIELD.prompt;
  return FIELD.meta;
}
