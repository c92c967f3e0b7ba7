/**
 * Writer for the `store` dialect (format §2.1): a conversation with usage,
 * metrics and compaction checkpoints, appended one record per line while an
 * agent runs, plus the maintenance an agent needs (atomic rewrite, list,
 * load, delete, age-based cleanup, Markdown export).
 */
import { lstatSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { trashSession } from '../actions/trash.js';
import { emptyCleanupReport, trashEach, type CleanupReport } from '../actions/cleanup.js';
import { sessionPath } from '../project.js';
import { fileSink, writableSink, writeThrough, type TextSink } from '../actions/text-sink.js';
import { writeMarkdownExport } from '../actions/transcript-export.js';
import type { SessionSummary, Transcript } from '../types.js';
import { writeRecordsAtomic } from './atomic.js';
import { readSummary } from '../scan/summary-reader.js';
import { loadTranscript } from '../scan/transcript.js';
import { assertProjectId, listProject, readOptionsFor, type ReadOptions } from './listing.js';
import type {
  ChatMessage,
  Metric,
  StoreCheckpointRecord,
  StoreMessageRecord,
  StoreMeta,
  StoreMetaRecord,
  StoreMetricRecord,
  StoreRecord,
  StoreTunnelRecord,
  StoreUsageRecord,
  UsageEntry,
} from './records.js';
import { SessionWriter, type SessionWriterOptions } from './session-writer.js';
import { assertCount, assertFinite, assertUsage } from './validate.js';

export type SessionStoreOptions = SessionWriterOptions;

/** Options of {@link SessionStore.delete}: the reader's (clock, prices) plus `force`. */
export interface DeleteOptions extends ReadOptions {
  /**
   * Move the session even when it is active (running, or its last record or
   * file changed in the last 10 minutes): an agent still appending to it
   * would start a second file. Default false: an active session is refused.
   */
  force?: boolean;
}

/** Options of {@link SessionStore.exportMarkdown}: the reader's plus the zone of the times shown. */
export interface ExportOptions extends ReadOptions {
  /** IANA zone of every time in the export, named in it (default 'UTC'). */
  tz?: string;
  /** Write secret-shaped values (keys, tokens, private keys) in clear; default false: masked. */
  revealSecrets?: boolean;
}

/** Writes one `store` session. Nothing is written until the first record. */
export class SessionStore extends SessionWriter {
  /** The last meta this instance wrote: the next `appendMeta` merges into it. */
  private meta: StoreMeta | null = null;

  constructor(opts: SessionStoreOptions) {
    super(opts);
  }

  private write<R extends StoreRecord>(record: R): R {
    return this.append(record);
  }

  /**
   * Appends a `meta` record. Readers keep only the last meta (it replaces,
   * it does not merge), so the fields are merged here with the last meta this
   * instance wrote and the record written is complete. `id` defaults to the
   * session id. `created_at`/`updated_at` are written only when given: when
   * absent the reader takes them from the records' timestamps, which stay
   * right as the session grows; a fixed `updated_at` would not.
   */
  appendMeta(meta: StoreMeta): StoreMetaRecord {
    if (meta.token_usage) assertUsage('token_usage', meta.token_usage);
    for (const [key, usage] of Object.entries(meta.endpoint_usage ?? {})) assertUsage(`endpoint_usage[${key}]`, usage);
    const merged: StoreMeta = { id: this.sessionId, ...this.meta, ...meta };
    const record = this.write({ type: 'meta' as const, ...merged });
    this.meta = merged;
    return record;
  }

  /** Appends a `message` record (timestamp defaults to now). */
  appendMessage(message: ChatMessage, timestamp: string = this.iso()): StoreMessageRecord {
    return this.write({ type: 'message', timestamp, message });
  }

  /**
   * Appends a compaction `checkpoint`: `messages` summarise everything before
   * it, `token_count` is the size of that compacted context.
   */
  appendCheckpoint(checkpoint: { messages: ChatMessage[]; token_count: number }, timestamp: string = this.iso()): StoreCheckpointRecord {
    assertCount('token_count', checkpoint.token_count);
    return this.write({ type: 'checkpoint', timestamp, token_count: checkpoint.token_count, messages: checkpoint.messages });
  }

  /** Appends one LLM call's `usage` entry (its timestamp defaults to now). */
  appendUsage(entry: UsageEntry): StoreUsageRecord {
    assertUsage('usage', entry.usage);
    if (entry.turn_index !== undefined) assertCount('turn_index', entry.turn_index);
    return this.write({ type: 'usage', entry: { ...entry, timestamp: entry.timestamp ?? this.iso() } });
  }

  /** Appends a `metric` for one endpoint, e.g. `appendMetric('anthropic', url, {name: 'ttft_ms', value: 420})`. */
  appendMetric(vendor: string, endpoint: string, metric: Metric, timestamp: string = this.iso()): StoreMetricRecord {
    assertFinite('metric.value', metric.value);
    return this.write({ type: 'metric', timestamp, vendor, endpoint, metric: { name: metric.name, value: metric.value } });
  }

  /** Appends a `tunnel_event` record (opaque to the browser, shown as a note). */
  appendTunnelEvent(event: Record<string, unknown>): StoreTunnelRecord {
    return this.write({ type: 'tunnel_event', event });
  }

  /**
   * Replaces the whole session with `records`, atomically: a temporary file
   * in the same folder, fsync, rename, fsync of the folder. A reader sees the
   * old file or the new one, never a mix.
   */
  save(records: readonly StoreRecord[]): void {
    for (const r of records) {
      if (r.type === 'usage') assertUsage('usage', r.entry.usage);
      else if (r.type === 'checkpoint') assertCount('token_count', r.token_count);
      else if (r.type === 'metric') assertFinite('metric.value', r.metric.value);
    }
    this.prepare();
    writeRecordsAtomic(this.path, records);
    const lastMeta = [...records].reverse().find((r) => r.type === 'meta');
    if (lastMeta) {
      const { type: _type, ...meta } = lastMeta;
      this.meta = meta;
    } else {
      this.meta = null;
    }
  }

  /** This session read back in full (summary, transcript, resume context). */
  transcript(opts: ReadOptions = {}): Promise<Transcript> {
    return SessionStore.load(this.home, this.projectId, this.sessionId, { now: this.now(), ...opts });
  }

  /**
   * Writes this session as a Markdown document (the browser's `e` export,
   * the CLI's `export`) to `out`: a file path (created 0600, removed again
   * when the export fails), a Node writable (left open, e.g. process.stdout),
   * or a TextSink (ended). Streamed record by record: memory stays bounded
   * whatever the session's size; nothing is built as one string. Rejects when
   * `out` is the session's own file (a file with no records yet exports as an
   * empty session).
   */
  async exportMarkdown(out: string | Writable | TextSink, opts: ExportOptions = {}): Promise<void> {
    const read = readOptionsFor(this.projectId, { now: this.now(), ...opts });
    // The header comes first: read the summary before the entries.
    const { summary } = await readSummary(this.path, read);
    const sink: TextSink = typeof out === 'string' ? fileSink(out, 0o600, this.path) : isWritable(out) ? writableSink(out, { close: false }) : out;
    await writeThrough(sink, (w) => writeMarkdownExport(w, this.path, summary, { ...read, tz: opts.tz, revealSecrets: opts.revealSecrets }), typeof out === 'string' ? out : undefined);
  }

  /** Reads a session in full. Ids are validated (rejects on a bad one); rejects when the file holds no session records. */
  static async load(home: string, projectId: string, sessionId: string, opts: ReadOptions = {}): Promise<Transcript> {
    const path = sessionPath(resolve(home), projectId, sessionId);
    return await loadTranscript(path, readOptionsFor(projectId, opts));
  }

  /** Summaries of a project's sessions (every dialect, empty ones included), newest first. */
  static async list(home: string, projectId: string, opts: ReadOptions = {}): Promise<SessionSummary[]> {
    return (await listProject(resolve(home), projectId, opts)).map((l) => l.summary);
  }

  /**
   * Moves a session to `<home>/.trash/` (restorable, as in the CLI's
   * `delete`). Resolves to false when there was no such session. Like the
   * CLI, it refuses a session that is active — running, or whose last record
   * or file changed in the last 10 minutes (by `opts.now`, default the
   * clock) — rejecting with ActiveSessionError (its `reason` says why)
   * unless `opts.force`. Ids are validated first (throws InvalidIdError).
   */
  static delete(home: string, projectId: string, sessionId: string, opts: DeleteOptions = {}): Promise<boolean> {
    const root = resolve(home);
    assertProjectId(projectId);
    const path = sessionPath(root, projectId, sessionId); // validates the ids before anything is read
    return (async () => {
      if (!lstatSync(path, { throwIfNoEntry: false })?.isFile()) return false;
      const nowMs = opts.now ?? Date.now();
      // Forced: no read needed; else the summary tells trashSession whether it is running.
      const summary = opts.force
        ? { id: sessionId, projectId, path, status: 'unknown' as const, updatedAt: '' }
        : (await readSummary(path, readOptionsFor(projectId, { ...opts, now: nowMs }))).summary;
      trashSession(root, summary, { nowMs, force: opts.force });
      return true;
    })();
  }

  /**
   * Moves to the trash the sessions of a project last updated (format §4
   * `updatedAt`) more than `maxAgeMs` (ms) before `now` (epoch ms), each in
   * turn. A session that is active at `now` (see {@link SessionStore.delete})
   * or whose file grew or vanished while it was being judged is in use and
   * is `skipped`; one that cannot move (a file system error, a symlink) is
   * `failed` with the error's message, and the others still move. When a
   * session with the same id is already in the trash, both copies are kept
   * (`moved[i].keptAs`). Rejects only for a bad project id or `maxAgeMs`.
   */
  static async cleanupOlderThan(home: string, projectId: string, maxAgeMs: number, now: number = Date.now()): Promise<CleanupReport> {
    assertProjectId(projectId);
    if (!Number.isFinite(maxAgeMs) || maxAgeMs < 0) throw new RangeError(`maxAgeMs must be a non-negative number, got ${maxAgeMs}`);
    const cutoff = now - maxAgeMs;
    const report = emptyCleanupReport();
    const old: SessionSummary[] = [];
    for (const { summary, size } of await listProject(resolve(home), projectId, { now })) {
      if (Date.parse(summary.updatedAt) >= cutoff) continue;
      // A file that changed since it was read is being written: judging it by the old read could trash a live session.
      let current: number | undefined;
      try {
        current = statSync(summary.path).size;
      } catch {
        // Gone (or unreadable) since the listing: nothing to move.
      }
      if (current === size) old.push(summary);
      else report.skipped.push({ projectId, id: summary.id, reason: current === undefined ? 'its file vanished while it was being judged' : 'its file grew while it was being judged' });
    }
    return trashEach(resolve(home), old, now, report);
  }
}

/** A Node stream (it has `on`), not one of our TextSinks. */
function isWritable(out: Writable | TextSink): out is Writable {
  return typeof (out as Partial<Writable>).on === 'function';
}
