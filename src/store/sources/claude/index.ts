/** Claude Code transcripts (ADAPTERS.md "Claude Code"): `projects/<dir>/<session>.jsonl` plus subagent files. */
import type { LogFormat } from '../format.js';
import { claudeLocation } from './location.js';
import { beginClaudePart, initClaudeParser, parseClaude, type ClaudeParserState } from './parse.js';
import { repairClaudeLine, skimClaudeLine } from './skim.js';

export { claudeLocation };

/** Known by its folder (never sniffed): every JSON object is offered, and `parse` skips what it does not know. */
export const claudeFormat: LogFormat<ClaudeParserState> = {
  id: 'claude',
  location: claudeLocation({}),
  byLocation: true,
  recognise: () => true,
  initParser: initClaudeParser,
  parse: parseClaude,
  beginPart: beginClaudePart,
  skimLine: skimClaudeLine,
  repairLine: repairClaudeLine,
  resumeTemplate: 'claude --resume {id}',
  agent: 'Claude Code',
};
