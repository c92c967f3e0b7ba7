/**
 * The reasons a scan gives for what it refuses, shared by every location
 * (the native home and the agents' folders), so a refused file reads the
 * same wherever it is: "skipped <path>: session file is a symbolic link".
 *
 * A location names what it saw and refused rather than dropping it
 * silently: a new user who copies or links a log into place, or names it
 * by hand, is otherwise told nothing ("0 with problems") and looks for the
 * session in vain. The entries flow through SessionScan.skipped, which the
 * CLI prints on stderr, `doctor` counts and the browser shows as a note.
 */

import type { SkippedEntry } from '../format.js';

/** The reason given for a project folder that is a symbolic link. */
export const SYMLINKED_PROJECT = 'project folder is a symbolic link';

/**
 * The reason given for a file named and placed as a session file that is a
 * symbolic link: never followed, so nothing outside the folder read is
 * ever read by accident (a link to another user's log, to a device).
 */
export const SYMLINKED_SESSION = 'session file is a symbolic link';

/** The reason given for a file placed as a session file whose name the location cannot take as a session's: `rule` says what the name must be. */
export const notASessionName = (rule: string): string => `its name is not ${rule}: not read`;

/**
 * The reason given for a `.jsonl` file whose name is not a session id
 * (project.ts SESSION_ID_PATTERN): ids name paths and commands, so it is
 * never read, but it is named rather than dropped silently.
 */
export const NOT_A_SESSION_NAME = notASessionName("a session id (letters, digits, '.', '_', '-'; up to 128 characters)");

/** The reason given for a folder that cannot be listed (EACCES, EIO, ...): one skipped entry, never the end of the scan. */
export const unreadableFolder = (err: unknown): string => `cannot read folder: ${(err as Error).message}`;

/** What {@link refusal} needs of a folder entry (a `Dirent`). */
interface EntryKind {
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * Whether a folder entry at `path` that a location would read as a session
 * file (its place and extension say so) is read: a regular file whose name
 * is one the location takes as a session's (`sessionName`). One it refuses
 * goes to `refused` with why: a symbolic link with such a name
 * ({@link SYMLINKED_SESSION}), a regular file with another name (`badName`:
 * {@link NOT_A_SESSION_NAME}, or the agent's own rule). Anything else (a
 * folder, a FIFO, a symbolic link with another name) is passed over.
 */
export function takesEntry(entry: EntryKind, path: string, sessionName: boolean, refused: SkippedEntry[], badName: string = NOT_A_SESSION_NAME): boolean {
  if (sessionName && entry.isFile()) return true;
  if (sessionName ? entry.isSymbolicLink() : entry.isFile()) refused.push({ path, error: sessionName ? SYMLINKED_SESSION : badName });
  return false;
}
