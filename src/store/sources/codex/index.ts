/** Codex CLI rollouts (ADAPTERS.md "Codex CLI"): `sessions/YYYY/MM/DD/rollout-*.jsonl`. */
import type { LogFormat } from '../format.js';
import { codexLocation } from './location.js';
import { initCodexParser, parseCodex, type CodexParserState } from './parse.js';

export { codexLocation };

/** Known by its folder (never sniffed). */
export const codexFormat: LogFormat<CodexParserState> = {
  id: 'codex',
  location: codexLocation({}),
  byLocation: true,
  recognise: () => true,
  initParser: initCodexParser,
  parse: parseCodex,
  resumeTemplate: 'codex resume {id}',
  agent: 'Codex CLI',
};
