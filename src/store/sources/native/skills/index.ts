/** The `skills` dialect (FORMAT.md §2.4): one record per skill invocation with its attempts. */
import type { LogFormat } from '../../format.js';
import { nativeLocation } from '../location.js';
import { skillsFold, type SkillsState } from './fold.js';
import { skillsTranscript } from './transcript.js';

/** Discriminator: a string `skill` and a string `final_status`. */
export const skillsFormat: LogFormat<SkillsState> = {
  id: 'skills',
  location: nativeLocation,
  recognise: (r) => typeof r.skill === 'string' && typeof r.final_status === 'string',
  fold: skillsFold,
  transcript: skillsTranscript,
};
