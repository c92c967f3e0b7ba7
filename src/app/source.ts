/**
 * Everything the interactive browser needs from the outside world, injected
 * as one object so that tests hand in a fake (no module mocking) and the CLI
 * hands in the real store. The App never touches the file system itself.
 */
import type { ResumePlan, SessionSummary, Transcript } from '../store/types.js';

/** Which sessions the list shows: the project in scope, or every project. */
export type Scope = 'project' | 'all';

/** The data and side effects behind the browser. */
export interface BrowserSource {
  /** The project in scope: the header shows its root. null when only 'all' makes sense. */
  project: { id: string; root: string } | null;
  /** The clock every relative time ("2h ago", cache "♨4m") is measured against. */
  nowMs(): number;
  /** Summaries of the scope, newest first. Rejects with a user-facing message. */
  loadSessions(scope: Scope): Promise<SessionSummary[]>;
  /** Display label of a project (project.json root, recorded workspace, else the hash). */
  projectLabel(projectId: string): string;
  /** Full parse of one session, only when it is opened. */
  loadTranscript(s: SessionSummary): Promise<Transcript>;
  /** What Enter would do for this session (shown in the preview strip). */
  resumePlan(s: SessionSummary): ResumePlan;
  /** Moves the session to the trash (restorable with `session-browser restore <id>`). */
  deleteSession(s: SessionSummary): Promise<void>;
  /** Writes the markdown export and returns the written path. */
  exportMarkdown(s: SessionSummary): Promise<string>;
  /** Copies the id to the clipboard; 'shown' when no clipboard tool exists. */
  copyId(id: string): Promise<'clipboard' | 'shown'>;
}

/** How the browser ended: the caller unmounts, then quits or spawns the resume command. */
export type BrowserExit = { kind: 'quit' } | { kind: 'resume'; session: SessionSummary };
