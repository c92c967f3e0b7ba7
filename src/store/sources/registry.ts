/**
 * The log formats session-browser reads: one line per format, in the order
 * a record is tried against them (FORMAT.md §2: a file takes the format of
 * its first recognised record). Adding a format is a folder under sources/
 * that exports a {@link LogFormat}, plus one line in FORMATS; scan/ and the
 * catalog find its recogniser, fold, builder and location only through here.
 */
import type { LogFormat, SessionLocation, SessionScan } from './format.js';
import { eventsFormat } from './native/events/index.js';
import { skillsFormat } from './native/skills/index.js';
import { storeFormat } from './native/store/index.js';
import { turnsFormat } from './native/turns/index.js';

/** Every registered format. Each entry is typed by its own parser state; the registry sees them as `LogFormat<unknown>`. */
export const FORMATS: readonly LogFormat[] = [
  storeFormat, // native, FORMAT.md §2.1
  eventsFormat, // native, FORMAT.md §2.2
  turnsFormat, // native, FORMAT.md §2.3
  skillsFormat, // native, FORMAT.md §2.4
];

const BY_ID = new Map(FORMATS.map((f) => [f.id, f]));

/** The format with this id. Throws for an id no registered format has (e.g. a state persisted by another version). */
export function formatById(id: string): LogFormat {
  const format = BY_ID.get(id);
  if (!format) throw new Error(`unknown log format ${JSON.stringify(id)}`);
  return format;
}

/** The first registered format whose discriminator `record` carries, or null. */
export function recogniseFormat(record: Record<string, unknown>): LogFormat | null {
  for (const format of FORMATS) if (format.recognise(record)) return format;
  return null;
}

/**
 * Whether an unrecognised record is one to drop silently: in a file of
 * format `formatId`, when that format says so; while the file's format is
 * not known yet (`null`), when any format would (the caller counts those
 * apart, see {@link excusesEarlyIgnorables}).
 */
export function isIgnorable(record: Record<string, unknown>, formatId: string | null): boolean {
  if (formatId !== null) return formatById(formatId).ignorable?.(record) ?? false;
  return FORMATS.some((f) => f.ignorable?.(record) ?? false);
}

/**
 * Whether ignorable records seen before the file's format was known are
 * excused (not unknown) once it is: only when that format ignores records
 * itself (the turns dialect's pings before its first turn, FORMAT.md §2.3).
 */
export function excusesEarlyIgnorables(formatId: string | null): boolean {
  return formatId !== null && formatById(formatId).ignorable !== undefined;
}

/** Every location session files are found in, each once, in registry order. */
export const LOCATIONS: readonly SessionLocation[] = [...new Set(FORMATS.map((f) => f.location))];

/** Session files of the given projects (null: all) in every location, with everything refused. */
export async function scanLocations(home: string, projectIds: string[] | null): Promise<SessionScan> {
  const scans = await Promise.all(LOCATIONS.map((l) => l.scan(home, projectIds)));
  return { files: scans.flatMap((s) => s.files), skipped: scans.flatMap((s) => s.skipped) };
}

/** Project ids with sessions in any location, sorted, each once. */
export async function locatedProjectIds(home: string): Promise<string[]> {
  const lists = await Promise.all(LOCATIONS.map((l) => l.projectIds(home)));
  return [...new Set(lists.flat())].sort();
}

/** Folders to watch for changes to the sessions of the given projects (null: all), over every location, each once. */
export async function watchFolders(home: string, projectIds: string[] | null): Promise<string[]> {
  const lists = await Promise.all(LOCATIONS.map((l) => l.watchFolders?.(home, projectIds) ?? Promise.resolve([])));
  return [...new Set(lists.flat())];
}
