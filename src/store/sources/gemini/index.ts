/** Gemini CLI chats (ADAPTERS.md "Gemini CLI"): `tmp/<dir>/chats/session-*.jsonl` (and legacy `.json`). */
import type { LogFormat } from '../format.js';
import { geminiLocation } from './location.js';
import { explodeGeminiDocument, initGeminiParser, parseGemini, type GeminiParserState } from './parse.js';

export { geminiLocation };

/** Known by its folder (never sniffed). */
export const geminiFormat: LogFormat<GeminiParserState> = {
  id: 'gemini',
  location: geminiLocation({}),
  byLocation: true,
  recognise: () => true,
  initParser: initGeminiParser,
  parse: parseGemini,
  explodeDocument: explodeGeminiDocument,
  resumeTemplate: 'gemini --resume {id}',
  agent: 'Gemini CLI',
};
