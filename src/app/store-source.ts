/** The real BrowserSource: the interactive browser's view of the store. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transcriptToMarkdown } from '../format/markdown.js';
import { sessionActivity } from '../store/actions/activity.js';
import { planResume, resumeCwd } from '../store/actions/resume.js';
import { trashSession } from '../store/actions/trash.js';
import type { SessionSummary } from '../store/types.js';
import { copyToClipboard } from './clipboard.js';
import { projectRootOf } from './commands/resume.js';
import type { AppContext } from './context.js';
import { restoreHint } from './follow-up.js';
import type { BrowserSource } from './source.js';

export function storeSource(ctx: AppContext): BrowserSource {
  let loaded: SessionSummary[] = [];
  const labels = new Map<string, string>();
  // The preview strip plans a resume on every move of the selection: look each workspace up once.
  const cwds = new Map<string, string | null>();
  const rootOf = projectRootOf(ctx);
  const cwdOf = (s: SessionSummary): string | null => {
    // The workspace, else the project's root: both decide the folder.
    const key = `${s.projectId}\0${s.workspace ?? ''}`;
    if (!cwds.has(key)) cwds.set(key, resumeCwd(s, rootOf));
    return cwds.get(key) ?? null;
  };
  const hintFor = (s: SessionSummary): string => restoreHint(ctx, s.projectId, s.id) ?? `session-browser restore ${s.id} --project DIR`;
  return {
    project: { id: ctx.project.id, root: ctx.project.root },
    nowMs: ctx.now,
    timeZone: ctx.tz,
    includeEmpty: ctx.includeEmpty,
    async loadSessions(scope) {
      // All of them: the list model hides empty ones, the cost view counts every session (FORMAT.md §2.1).
      const { sessions } = await ctx.catalog.summaries(scope === 'all' ? null : [ctx.project.id], { includeEmpty: true });
      loaded = sessions;
      labels.clear();
      cwds.clear();
      return sessions;
    },
    projectLabel(projectId) {
      let label = labels.get(projectId);
      if (label === undefined) {
        label = ctx.catalog.projectLabel(projectId, loaded);
        labels.set(projectId, label);
      }
      return label;
    },
    loadTranscript: (s) => ctx.catalog.transcript(s),
    resumePlan: (s) => planResume(s, ctx.resumeCommand, cwdOf),
    async deleteSession(s, opts) {
      const moved = trashSession(ctx.home, s, { nowMs: ctx.now(), force: opts?.force === true });
      return { to: moved.to, restore: hintFor(s) };
    },
    activity(s) {
      const a = sessionActivity(s, ctx.now());
      return a.active ? { reason: a.reason ?? 'it is active', running: a.running } : null;
    },
    restoreHint: hintFor,
    async exportMarkdown(s) {
      const t = await ctx.catalog.transcript(s);
      const dir = join(ctx.home, 'exports');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, `${s.id}.md`);
      writeFileSync(path, transcriptToMarkdown(t, { nowMs: ctx.now(), tz: ctx.tz }), { mode: 0o600 });
      return path;
    },
    copyId: (id) => copyToClipboard(id),
  };
}
