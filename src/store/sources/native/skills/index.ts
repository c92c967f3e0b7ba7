/** The `skills` dialect (FORMAT.md §2.4): one record per skill invocation with its attempts. */
import type { LogFormat } from '../../format.js';
import { nativeLocation } from '../location.js';
import { initSkillsParser, parseSkills, type SkillsParserState } from './parse.js';

/** Discriminator: a string `skill` and a string `final_status`. */
export const skillsFormat: LogFormat<SkillsParserState> = {
  id: 'skills',
  location: nativeLocation,
  recognise: (r) => typeof r.skill === 'string' && typeof r.final_status === 'string',
  initParser: initSkillsParser,
  parse: parseSkills,
};
