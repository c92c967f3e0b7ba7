/**
 * The log formats session-browser reads: one line per format, in the order
 * a record is tried against them (FORMAT.md §2: a file takes the format of
 * its first recognised record). Adding a format is a folder under sources/
 * that exports a {@link LogFormat}, plus one line in FORMATS; scan/ and the
 * catalog find its recogniser, fold, builder and location only through here.
 */
import type { LogFormat, SessionFile, SessionLocation, SessionScan } from './format.js';
import { eventsFormat } from './native/events/index.js';
import { skillsFormat } from './native/skills/index.js';
import { storeFormat } from './native/store/index.js';
import { turnsFormat } from './native/turns/index.js';
import { claudeFormat, claudeLocation } from './claude/index.js';
import { codexFormat, codexLocation } from './codex/index.js';
import { geminiFormat, geminiLocation } from './gemini/index.js';
import type { ForeignLocationOptions } from './common/location-kit.js';

/** Every registered format. Each entry is typed by its own parser state; the registry sees them as `LogFormat<unknown>`. */
export const FORMATS: readonly LogFormat[] = [
  storeFormat, // native, FORMAT.md §2.1
  eventsFormat, // native, FORMAT.md §2.2
  turnsFormat, // native, FORMAT.md §2.3
  skillsFormat, // native, FORMAT.md §2.4
  claudeFormat, // Claude Code, ADAPTERS.md (known by its folder, never sniffed)
  codexFormat, // Codex CLI, ADAPTERS.md
  geminiFormat, // Gemini CLI, ADAPTERS.md
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
  for (const format of FORMATS) if (!format.byLocation && format.recognise(record)) return format;
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

/** The native home's locations, each once, in registry order: the default of every catalog (other agents' folders are added by `sourceLocations`). */
export const LOCATIONS: readonly SessionLocation[] = [...new Set(FORMATS.filter((f) => !f.byLocation).map((f) => f.location))];

/** Session files of the given projects (null: all) in every location, with everything refused and the project roots the locations know; `found` as SessionLocation.scan. */
export async function scanLocations(
  home: string,
  projectIds: string[] | null,
  locations: readonly SessionLocation[] = LOCATIONS,
  found?: (files: readonly SessionFile[]) => void,
): Promise<SessionScan> {
  const scans = await Promise.all(locations.map((l) => l.scan(home, projectIds, found)));
  const roots: Record<string, string> = {};
  for (const s of scans) Object.assign(roots, s.roots);
  return { files: scans.flatMap((s) => s.files), skipped: scans.flatMap((s) => s.skipped), roots };
}

/** Project ids with sessions in any location, sorted, each once. */
export async function locatedProjectIds(home: string, locations: readonly SessionLocation[] = LOCATIONS): Promise<string[]> {
  const lists = await Promise.all(locations.map((l) => l.projectIds(home)));
  return [...new Set(lists.flat())].sort();
}

/** Folders to watch for changes to the sessions of the given projects (null: all), over the given locations, each once. */
export async function watchFolders(home: string, projectIds: string[] | null, locations: readonly SessionLocation[] = LOCATIONS): Promise<string[]> {
  const lists = await Promise.all(locations.map((l) => l.watchFolders?.(home, projectIds) ?? Promise.resolve([])));
  return [...new Set(lists.flat())];
}

/** The sources session-browser reads: our own home, then other agents' folders (issue 8). */
export const SOURCE_IDS = ['native', 'claude', 'codex', 'gemini'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** How each other agent's location is set up, by source id. */
export type SourceOptions = Partial<Record<Exclude<SourceId, 'native'>, ForeignLocationOptions>>;

/**
 * The locations of the selected sources (null: every one), in SOURCE_IDS
 * order: the native home's, then each agent's folder. A selected agent
 * whose folder does not exist finds nothing (named by the user: a note).
 */
export function sourceLocations(selected: readonly string[] | null, opts: SourceOptions = {}): SessionLocation[] {
  const on = (id: SourceId): boolean => selected === null || selected.includes(id);
  const out: SessionLocation[] = [];
  if (on('native')) out.push(...LOCATIONS);
  if (on('claude')) out.push(claudeLocation(opts.claude ?? {}));
  if (on('codex')) out.push(codexLocation(opts.codex ?? {}));
  if (on('gemini')) out.push(geminiLocation(opts.gemini ?? {}));
  return out;
}

/** The agent's own resume template for a session of this source (`claude --resume {id}`), or null (native: none). */
export function sourceResumeTemplate(source: string | undefined): string | null {
  if (!source || source === 'native') return null;
  return FORMATS.find((f) => f.id === source)?.resumeTemplate ?? null;
}

/** The agent that wrote a session of this source ("Claude Code"), or null for our own (native) sessions. */
export function sourceAgent(source: string | undefined): string | null {
  if (!source || source === 'native') return null;
  return FORMATS.find((f) => f.id === source)?.agent ?? source;
}
