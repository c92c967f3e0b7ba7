/** Summary fold for the `skills` dialect (format §2.4). */
import { appendSearchText, cleanTitle, noteTime, toTokens, zeroRaw, type TimeSpan } from '../../common/fold-common.js';
import type { DialectFigures, DialectFold } from '../../fold.js';
import { providerOf } from '../../../pricing.js';
import { skillRecordSchema } from './schema.js';

export interface SkillsState {
  span: TimeSpan;
  invocations: number;
  attempts: number;
  failed: boolean;
  title: string;
  lastModel: string;
  projectRoot: string | null;
  durationMs: number;
  searchText: string;
}

export const skillsFold: DialectFold<SkillsState> = {
  dialect: 'skills',
  init: () => ({
    span: { first: null, last: null },
    invocations: 0,
    attempts: 0,
    failed: false,
    title: '',
    lastModel: '',
    projectRoot: null,
    durationMs: 0,
    searchText: '',
  }),

  step(s, raw) {
    const parsed = skillRecordSchema.safeParse(raw);
    if (!parsed.success) return false;
    const r = parsed.data;
    noteTime(s.span, r.timestamp);
    if (s.invocations === 0) s.title = cleanTitle(r.message ? `${r.skill}: ${r.message}` : r.skill);
    s.invocations++;
    s.attempts += r.attempts.length;
    if (r.final_status !== 'ok') s.failed = true;
    const model = r.model_used ?? r.attempts[r.attempts.length - 1]?.model;
    if (model) s.lastModel = model;
    if (r.project_root) s.projectRoot = r.project_root;
    s.durationMs += r.duration_ms ?? r.attempts.reduce((sum, a) => sum + a.duration_ms, 0);
    const feedback = r.attempts.map((a) => a.feedback ?? '').join(' ');
    s.searchText = appendSearchText(s.searchText, `${r.skill} ${r.phase ?? ''} ${r.message ?? ''} ${r.file_path ?? ''} ${feedback}`);
    return true;
  },

  finish(s) {
    return {
      title: s.title,
      firstMs: s.span.first,
      lastMs: s.span.last,
      userMessages: 0,
      assistantMessages: 0,
      messageCount: s.invocations,
      toolCalls: s.attempts,
      model: s.lastModel,
      provider: providerOf(s.lastModel, null),
      workspace: s.projectRoot,
      endpoints: [],
      models: [],
      tokens: toTokens(zeroRaw(), true),
      costMicros: null,
      status: s.failed ? 'failed' : 'success',
      durationMs: s.durationMs,
      checkpoints: 0,
      lastCheckpoint: null,
      empty: false,
      lastCallMs: null,
      lastCallProvider: 'default',
      strikes: 0,
      firstPrompt: s.title,
      lastPrompt: s.title,
      searchText: s.searchText,
      // Skill runs are not resumed as a conversation.
      contextMessages: 0,
      contextChars: 0,
    } satisfies DialectFigures;
  },
};
