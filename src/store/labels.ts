/**
 * What the user says about sessions, kept by us: a name (`R` in the
 * browser) and a pin (`p`). One small JSON file in the session home,
 * `labels.json`; an agent's log is never rewritten. Reads never throw (a
 * missing or damaged file is no labels); writes replace the file atomically.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from './zod.js';

/** The user's name for a session and whether it is pinned to the top of its project. */
export interface SessionLabel {
  name?: string;
  pinned?: boolean;
}

const LabelFile = z.object({
  version: z.literal(1),
  sessions: z.record(z.string(), z.object({ name: z.optional(z.string()), pinned: z.optional(z.boolean()) })),
});

/** The file, in the session home. */
export function labelsPath(home: string): string {
  return join(home, 'labels.json');
}

/** Every label by session id; empty when there is no file or it cannot be read. */
export function readLabels(home: string): Map<string, SessionLabel> {
  let text: string;
  try {
    text = readFileSync(labelsPath(home), 'utf8');
  } catch {
    return new Map();
  }
  try {
    const parsed = LabelFile.safeParse(JSON.parse(text));
    return parsed.success ? new Map(Object.entries(parsed.data.sessions)) : new Map();
  } catch {
    return new Map();
  }
}

/** The label after `patch` (an empty name removes the name); undefined when nothing is left. */
function merged(old: SessionLabel | undefined, patch: SessionLabel): SessionLabel | undefined {
  const next: SessionLabel = { ...old, ...patch };
  if (next.name !== undefined) next.name = next.name.trim();
  if (!next.name) delete next.name;
  if (!next.pinned) delete next.pinned;
  return next.name === undefined && next.pinned === undefined ? undefined : next;
}

/** Changes one session's label and returns every label; throws when the file cannot be written. */
export function writeLabel(home: string, id: string, patch: SessionLabel): Map<string, SessionLabel> {
  const labels = readLabels(home);
  const next = merged(labels.get(id), patch);
  if (next) labels.set(id, next);
  else labels.delete(id);
  // Private, as every folder the store makes (0700; XDG's rule for a folder a program creates): made 0755 under the
  // usual umask, the home then drew the store's own "readable by group or others" warning on every later run.
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const path = labelsPath(home);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: 1, sessions: Object.fromEntries(labels) }, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
  return labels;
}
