/** The real BrowserSource: the interactive browser's view of the store. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transcriptToMarkdown } from '../format/markdown.js';
import { planResume, resumeCwd } from '../store/resume.js';
import { moveToTrash } from '../store/trash.js';
import type { SessionSummary } from '../store/types.js';
import { copyToClipboard } from './clipboard.js';
import type { AppContext } from './context.js';
import type { BrowserSource } from './source.js';

export function storeSource(ctx: AppContext): BrowserSource {
  let loaded: SessionSummary[] = [];
  const labels = new Map<string, string>();
  // The preview strip plans a resume on every move of the selection: look each workspace up once.
  const cwds = new Map<string, string | null>();
  const cwdOf = (s: SessionSummary): string | null => {
    const key = s.workspace ?? '';
    if (!cwds.has(key)) cwds.set(key, resumeCwd(s));
    return cwds.get(key) ?? null;
  };
  return {
    project: { id: ctx.project.id, root: ctx.project.root },
    nowMs: ctx.now,
    async loadSessions(scope) {
      const { sessions } = await ctx.catalog.summaries(scope === 'all' ? null : [ctx.project.id], { includeEmpty: ctx.includeEmpty });
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
    async deleteSession(s) {
      moveToTrash(ctx.home, s.projectId, s.id);
    },
    async exportMarkdown(s) {
      const t = await ctx.catalog.transcript(s);
      const dir = join(ctx.home, 'exports');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, `${s.id}.md`);
      writeFileSync(path, transcriptToMarkdown(t, { nowMs: ctx.now() }), { mode: 0o600 });
      return path;
    },
    copyId: (id) => copyToClipboard(id),
  };
}
