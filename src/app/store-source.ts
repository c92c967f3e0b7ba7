/** The real BrowserSource: the interactive browser's view of the store. */
import { join } from 'node:path';
import { sessionActivity } from '../store/actions/activity.js';
import { SYMLINKED_PROJECT } from '../store/sources/common/refused.js';
import { ensureRealDir } from '../store/actions/safe-path.js';
import { fileSink, writeThrough } from '../store/actions/text-sink.js';
import { writeMarkdownExport } from '../store/actions/transcript-export.js';
import { commandFor, planResume, resumeFolder, type ResumeFolder } from '../store/actions/resume.js';
import { restoreFromTrash, trashSession } from '../store/actions/trash.js';
import { watchSessions } from '../store/catalog/watch.js';
import { exposureNote, exposureOfChecked } from '../store/exposure.js';
import { SessionSearch } from '../store/search/session-search.js';
import type { SessionSummary } from '../store/types.js';
import { copyId } from './clipboard.js';
import { readLabels, writeLabel } from '../store/labels.js';
import { labeled } from './list-model.js';
import { projectRootOf } from './commands/resume.js';
import type { AppContext } from './context.js';
import { restoreHint } from './follow-up.js';
import { readingWhere } from './sources.js';
import type { BrowserSource, Scope, SkippedPath } from './source.js';

/** What the browser's runner wants to hear about. */
export interface StoreSourceHooks {
  /** A session was moved to the trash; `restore` is the command that brings it back, runnable verbatim. */
  onDeleted?(s: SessionSummary, restore: string): void;
  /** A session deleted in this run was brought back (`u`): its restore command need not be printed at exit. */
  onRestored?(s: SessionSummary): void;
}

export function storeSource(ctx: AppContext, hooks: StoreSourceHooks = {}): BrowserSource {
  // The sessions last handed to the browser (the first page, the stored list, a load): project labels come from their workspaces.
  let shown: SessionSummary[] = [];
  const skipped = new Map<Scope, SkippedPath[]>();
  const labels = new Map<string, string>();
  // The preview strip plans a resume on every move of the selection: look each workspace up once.
  const folders = new Map<string, ResumeFolder>();
  const rootOf = projectRootOf(ctx);
  const folderOf = (s: SessionSummary): ResumeFolder => {
    // The workspace, else the project's root: both decide the folder.
    const key = `${s.projectId}\0${s.workspace ?? ''}`;
    let folder = folders.get(key);
    if (!folder) folders.set(key, (folder = resumeFolder(s, rootOf)));
    return folder;
  };
  const projectsOf = (scope: Scope): string[] | null => (scope === 'all' ? null : [ctx.project.id]);
  let searcher: SessionSearch | null = null;
  let indexing: Promise<number> = Promise.resolve(0);
  const hintFor = (s: SessionSummary): string => restoreHint(ctx, s.projectId, s.id) ?? `session-browser restore ${s.id} --project DIR`;
  return {
    project: { id: ctx.project.id, root: ctx.project.root },
    home: ctx.home,
    readingWhere: readingWhere(ctx.home, ctx.catalog.locations),
    demo: ctx.demo,
    nowMs: ctx.now,
    timeZone: ctx.tz,
    includeEmpty: ctx.includeEmpty,
    storedSessions: (scope) =>
      ctx.catalog.storedSummariesInTurns(projectsOf(scope)).then((stored) => {
        shown = stored;
        return stored;
      }),
    storedPage(scope, opts) {
      const page = ctx.catalog.storedPage(projectsOf(scope), { limit: opts.rows, includeEmpty: ctx.includeEmpty, pinned: opts.pinned });
      if (page) shown = page.sessions;
      return page;
    },
    watch(scope, onChange) {
      const w = watchSessions(ctx.home, projectsOf(scope), onChange, { locations: ctx.catalog.locations });
      return () => w.close();
    },
    async loadSessions(scope, opts) {
      // All of them: the list model hides empty ones, the cost view counts every session (FORMAT.md §2.1),
      // each copied call once (sharedCalls: SessionSummary.copies; the first frame, stored, has no copies yet).
      // Text only for appended lines: sessions read from their start are indexed after the list is up (indexText).
      const { sessions, unreadable } = await ctx.catalog.summaries(projectsOf(scope), { includeEmpty: true, sharedCalls: true, onProgress: opts?.onProgress, text: 'appends' });
      // What the CLI names on stderr (list.ts loadScope), the browser shows as a note.
      skipped.set(
        scope,
        unreadable.map((u) => ({ path: u.path, projectFolder: u.error === SYMLINKED_PROJECT, reason: u.error })),
      );
      shown = sessions;
      labels.clear();
      folders.clear();
      return sessions;
    },
    skipped: (scope) => skipped.get(scope) ?? [],
    storeWarning() {
      // The CLI's line (cli.ts) names the parts; the browser's must fit a screen line, the fix first.
      // Asked after the first load, whose check stat'ed every file of the scope: its modes are reused, no second pass.
      return ctx.demo ? null : exposureNote(ctx.home, exposureOfChecked(ctx.home, ctx.catalog.readableFiles()));
    },
    textSettled: () => ctx.catalog.textSettled(),
    pauseIndexing: () => ctx.catalog.pauseText(),
    indexText(scope, opts) {
      // One run at a time: two would read the same pending files twice.
      const run = indexing.then(() => ctx.catalog.indexText(projectsOf(scope), opts));
      indexing = run.catch(() => 0);
      return run;
    },
    search(query, sessions) {
      // Built on first use: by then loadSessions has written the catalog's index.
      searcher ??= new SessionSearch(ctx.catalog.textIndex());
      return searcher.search(query, sessions);
    },
    warmSearch(sessions) {
      searcher ??= new SessionSearch(ctx.catalog.textIndex());
      return searcher.warm(sessions);
    },
    projectLabel(projectId) {
      let label = labels.get(projectId);
      if (label === undefined) {
        label = ctx.catalog.projectLabel(projectId, shown);
        // A bare id (no project.json, no root found yet, no session seen with a workspace) is asked again later.
        if (label !== projectId) labels.set(projectId, label);
      }
      return label;
    },
    loadTranscript: (s, live) => ctx.catalog.transcriptView(s, live),
    resumePlan: (s) => planResume(s, commandFor(s, ctx.resumeCommand), folderOf, ctx.demo ? "the demo's private copy" : 'the project root'),
    async deleteSession(s, opts) {
      const moved = trashSession(ctx.home, s, { nowMs: ctx.now(), force: opts?.force === true });
      const restore = hintFor(s);
      hooks.onDeleted?.(s, restore);
      return { to: moved.to, restore };
    },
    activity(s) {
      const a = sessionActivity(s, ctx.now());
      return a.active ? { reason: a.reason ?? 'it is active', running: a.running } : null;
    },
    restoreHint: hintFor,
    async restoreSession(s) {
      restoreFromTrash(ctx.home, s.id, s.projectId);
      hooks.onRestored?.(s);
    },
    async exportMarkdown(listed) {
      // The header comes first: read the summary afresh (the list's may be minutes old).
      const fresh = (await ctx.catalog.summary(listed)) ?? listed;
      // The user's name heads the export, like the list (the agent's title is kept beside it).
      const s = labeled(fresh, readLabels(ctx.home).get(fresh.id));
      const dir = join(ctx.home, 'exports');
      // Neither the folder nor the file may be a symlink: the export must land in the home (safe-path.ts).
      ensureRealDir(ctx.home, dir);
      const path = join(dir, `${s.id}.md`);
      // Streamed record by record, like the CLI's `export`: a session of any size exports in bounded memory.
      const sink = fileSink(path, 0o600, s.path);
      await writeThrough(sink, (out) => writeMarkdownExport(out, s.path, s, { ...ctx.catalog.optionsFor(s), tz: ctx.tz }), path);
      return path;
    },
    copyId: (id, terminal) => copyId(id, terminal),
    labels: () => readLabels(ctx.home),
    setLabel: (id, patch) => writeLabel(ctx.home, id, patch),
  };
}
