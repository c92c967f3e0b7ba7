/**
 * Resolves an id given on the command line to a session file: the whole id
 * or a unique prefix (git-style), validated (format §1) before any path is
 * built.
 *
 * Where it looks: with an explicit `--project` (and no `--all`), in that
 * project only; otherwise in every project of the home. It never prefers the
 * current project: an id (or prefix) matching sessions in two projects is
 * refused with the candidates listed (exit 2), and `--project DIR` picks one.
 * One id held by several files of one project is read from the newest file
 * by the commands that only read (said on stderr), and refused by delete.
 */
import { renderTable } from '../../format/table.js';
import { sanitize } from '../../format/sanitize.js';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { SessionFile } from '../../store/sources/native/discover.js';
import { SYMLINKED_SESSION } from '../../store/sources/common/refused.js';
import { assertSessionId, InvalidIdError } from '../../store/project.js';
import { resolveIdPrefix } from '../../store/catalog/resolve-id.js';
import { listTrash, type TrashEntry } from '../../store/actions/trash.js';
import { UsageError } from '../cli-args.js';
import type { AppContext } from '../context.js';
import { readingWhere } from '../sources.js';
import { shownValue } from '../../format/shown-value.js';

/** No session has this id (exit 1). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** An id or prefix that matches several sessions: a usage error (exit 2) whose message lists them. */
export class AmbiguousIdError extends UsageError {
  override name = 'AmbiguousIdError';
}

/** At most this many candidates are listed (each costs a summary read). */
const MAX_CANDIDATES = 10;

/** How {@link findSession} treats one id held by several files of one project (a copied log, a session moved between folders). */
export interface SameIdChoice {
  /** Read the newest file (by modification time), after calling this with the line that says so (for stderr); absent: refuse, naming the files. */
  newest?: (line: string) => void;
}

/**
 * The session file `idOrPrefix` names. Throws UsageError for an invalid id,
 * AmbiguousIdError for several matches, NotFoundError for none. Several
 * files of one project with the same whole id (which `--project` cannot
 * tell apart) give the newest when `same.newest` is given (reading it, not
 * changing it), else AmbiguousIdError naming the files.
 */
export async function findSession(ctx: AppContext, idOrPrefix: string, same: SameIdChoice = {}): Promise<SessionFile> {
  let found;
  try {
    found = await ctx.catalog.resolve(idOrPrefix, { projectId: ctx.projectGiven ? ctx.project.id : null });
  } catch (err) {
    if (err instanceof InvalidIdError) throw new UsageError(err.message);
    throw err;
  }
  if (found.kind === 'match') return found.match;
  const where = ctx.projectGiven ? ` in project ${ctx.project.root}` : '';
  if (found.kind === 'none') {
    // A file the scan refused (a symbolic link) is not "no session": say why it is not read.
    const refused = found.skipped.find((s) => {
      const name = basename(s.path);
      return s.error === SYMLINKED_SESSION && name.endsWith('.jsonl') && name.startsWith(idOrPrefix);
    });
    const why = refused ? `; skipped ${refused.path}: ${refused.error}` : '';
    const looked = readingWhere(ctx.home, ctx.catalog.locations);
    throw new NotFoundError(sanitize(`no session ${shownValue(idOrPrefix)} under ${looked}${where}${why}`, { singleLine: true }));
  }
  const copies = sameProjectCopies(found.candidates);
  if (copies) {
    const [newest, ...others] = copies;
    const id = newest!.id;
    const label = ctx.catalog.projectLabel(newest!.projectId);
    const paths = others.map((c) => c.path).join(', ');
    if (same.newest) {
      same.newest(sanitize(`session-browser: session ${id} has ${copies.length} files in project ${label}: reading the newest, ${newest!.path} (the others: ${paths})`, { singleLine: true }));
      return newest!;
    }
    throw new AmbiguousIdError(sanitize(`session ${id} has ${copies.length} files in project ${label}, which --project cannot tell apart: ${copies.map((c) => c.path).join(', ')}; show, replay, export and resume read the newest`, { singleLine: true }));
  }
  throw new AmbiguousIdError(await ambiguityMessage(ctx, idOrPrefix, found.candidates));
}

/** When every candidate has one id in one project (a prefix of it given, or all of it): them, newest file first (by mtime; one that cannot be stat'ed last); else null. */
function sameProjectCopies(candidates: readonly SessionFile[]): SessionFile[] | null {
  const first = candidates[0];
  if (candidates.length < 2 || !candidates.every((c) => c.id === first!.id && c.projectId === first!.projectId)) return null;
  // Paths the discovery found (never built from the id), so stat'ing them is safe.
  const mtime = (c: SessionFile): number => statSync(c.path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  return [...candidates].map((c) => ({ c, t: mtime(c) })).sort((a, b) => b.t - a.t).map(({ c }) => c);
}

/**
 * The trashed session `idOrPrefix` names, by the same rule as
 * {@link findSession} (whole id or unique prefix; `--project` narrows; two
 * projects are ambiguous), as the copy deleted last when the trash holds
 * several. Throws UsageError, AmbiguousIdError or NotFoundError.
 */
export function findTrashed(ctx: AppContext, idOrPrefix: string): TrashEntry {
  try {
    assertSessionId(idOrPrefix);
  } catch (err) {
    if (err instanceof InvalidIdError) throw new UsageError(err.message);
    throw err;
  }
  // One entry per session: its copy deleted last, the one restore brings back.
  const entries = listTrash(ctx.home).filter((e) => e.latest && (!ctx.projectGiven || e.projectId === ctx.project.id));
  const found = resolveIdPrefix(idOrPrefix, entries);
  if (found.kind === 'match') return found.match;
  if (found.kind === 'none') throw new NotFoundError(sanitize(`no deleted session ${shownValue(idOrPrefix)} in the trash of ${ctx.home}`, { singleLine: true }));
  const sameId = found.candidates.every((c) => c.id === found.candidates[0]!.id);
  const head = sameId
    ? `deleted session ${found.candidates[0]!.id} is in ${found.candidates.length} projects; pass --project DIR to pick one:`
    : `session id prefix ${shownValue(idOrPrefix)} matches ${found.candidates.length} deleted sessions; give more of the id:`;
  const rows = found.candidates.map((c) => [c.id, ctx.catalog.projectLabel(c.projectId)]);
  throw new AmbiguousIdError(`${head}\n${renderTable([{ header: 'ID' }, { header: 'PROJECT' }], rows)}`);
}

/** "…matches N sessions:" then one line per candidate: id (whole), project, title. */
async function ambiguityMessage(ctx: AppContext, input: string, candidates: readonly SessionFile[]): Promise<string> {
  // A prefix of one id held in several projects: more of the id would not help, --project does.
  const sameId = candidates.every((c) => c.id === candidates[0]!.id);
  // Files, not projects, when one project holds the id twice (a copied log).
  const projects = new Set(candidates.map((c) => c.projectId)).size;
  const files = projects < candidates.length ? ` (${candidates.length} files)` : '';
  const head = sameId
    ? `session ${candidates[0]!.id} is in ${projects} projects${files}; pass --project DIR to pick one:`
    : `session id prefix ${shownValue(input)} matches ${candidates.length} sessions; give more of the id:`;
  const shown = candidates.slice(0, MAX_CANDIDATES);
  const rows: string[][] = [];
  for (const c of shown) {
    const summary = await ctx.catalog.summary(c).catch(() => null);
    rows.push([c.id, ctx.catalog.projectLabel(c.projectId, summary ? [summary] : []), summary?.title ?? '']);
  }
  const table = renderTable([{ header: 'ID' }, { header: 'PROJECT' }, { header: 'TITLE', maxWidth: 50 }], rows);
  const more = candidates.length > shown.length ? `\n… and ${candidates.length - shown.length} more` : '';
  return `${head}\n${table}${more}`;
}
