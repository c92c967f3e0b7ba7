/**
 * The library's entry to reading: lists, summarises and loads the sessions
 * under a home. The CLI and the interactive browser are both clients of it.
 */
import { DEFAULT_CACHE_TTL_SEC } from '../sources/fold.js';
import type { SessionFile, SkippedEntry } from '../sources/format.js';
import { locatedProjectIds, scanLocations } from '../sources/registry.js';
import { BUILTIN_PRICES } from '../prices-builtin.js';
import type { PriceTable } from '../pricing.js';
import { assertSessionId, readProjectJson } from '../project.js';
import { resolveIdPrefix, type IdResolution } from './resolve-id.js';
import { SummaryCache } from './summary-cache.js';
import type { ReadSummaryOptions } from '../scan/summary-reader.js';
import type { ScanProgress } from '../scan/scan-pool.js';
import { loadTranscript } from '../scan/transcript.js';
import { byRecency } from '../recency.js';
import type { SessionSummary, Transcript } from '../types.js';

export { byRecency };

export interface CatalogOptions {
  home: string;
  pricing?: PriceTable;
  /** The clock: "now" for running status and cache warmth. */
  now?: () => number;
  cacheTtlSec?: Record<string, number>;
  maxLineBytes?: number;
  /** Persisted fold states; without one every file is read in full. */
  cache?: SummaryCache;
}

export interface UnreadableFile {
  path: string;
  error: string;
}

export interface SummaryList {
  sessions: SessionSummary[];
  /**
   * Files that could not be read at all (permissions, vanished) and project
   * folders refused because they are symbolic links (sources/native/discover.ts); never fatal.
   */
  unreadable: UnreadableFile[];
}

export class SessionCatalog {
  readonly home: string;
  readonly pricing: PriceTable;
  readonly now: () => number;
  private readonly cacheTtlSec: Record<string, number>;
  private readonly maxLineBytes: number | undefined;
  private readonly cache: SummaryCache;

  constructor(opts: CatalogOptions) {
    this.home = opts.home;
    this.pricing = opts.pricing ?? BUILTIN_PRICES;
    this.now = opts.now ?? Date.now;
    this.cacheTtlSec = { ...DEFAULT_CACHE_TTL_SEC, ...opts.cacheTtlSec };
    this.maxLineBytes = opts.maxLineBytes;
    this.cache = opts.cache ?? new SummaryCache(null);
  }

  readOptions(projectId: string): ReadSummaryOptions {
    return { projectId, pricing: this.pricing, nowMs: this.now(), cacheTtlSec: this.cacheTtlSec, maxLineBytes: this.maxLineBytes };
  }

  projectIds(): Promise<string[]> {
    return locatedProjectIds(this.home);
  }

  /**
   * Summaries of the given projects (null = all), newest first. Empty
   * sessions (format §4 `empty`) are dropped unless `includeEmpty`: that is a
   * list filter only, so anything that adds up tokens or cost must pass
   * `includeEmpty: true` (format §2.1: usage and cost count every session).
   */
  async summaries(projectIds: string[] | null, opts: { includeEmpty?: boolean; onProgress?: (progress: ScanProgress) => void } = {}): Promise<SummaryList> {
    const { files, skipped } = await scanLocations(this.home, projectIds);
    // Files to read go to the scan pool (worker threads for a big cold scan), rows are written as results arrive.
    const read = await this.cache.summaries(files, (file) => this.readOptions(file.projectId), opts.onProgress);
    const sessions = read.summaries.filter((s) => opts.includeEmpty || !s.empty);
    const unreadable: UnreadableFile[] = [...skipped, ...read.unreadable];
    this.cache.forgetMissing(projectIds, new Set(files.map((f) => f.path)));
    this.cache.save();
    sessions.sort(byRecency);
    return { sessions, unreadable };
  }

  /** One session's summary, from the persisted cache where the file allows. */
  async summary(file: SessionFile): Promise<SessionSummary | null> {
    const summary = await this.cache.summary(file, this.readOptions(file.projectId));
    this.cache.save();
    return summary;
  }

  /**
   * Resolves a whole session id or a unique prefix of one (git-style, see
   * resolve-id.ts for the rule): among the sessions of `projectId` when given,
   * else of every project. The same id in two projects, or a prefix shared by
   * several ids, is `ambiguous` with the candidates; nothing is preferred.
   * `skipped` lists what the scan refused (symbolic links), so a caller can
   * say why an id was not found. Throws InvalidIdError (format §1 pattern)
   * before the filesystem is touched.
   */
  async resolve(idOrPrefix: string, opts: { projectId?: string | null } = {}): Promise<IdResolution<SessionFile> & { skipped: SkippedEntry[] }> {
    assertSessionId(idOrPrefix);
    const { files, skipped } = await scanLocations(this.home, opts.projectId ? [opts.projectId] : null);
    files.sort((a, b) => (a.id !== b.id ? (a.id < b.id ? -1 : 1) : a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));
    return { ...resolveIdPrefix(idOrPrefix, files), skipped };
  }

  transcript(file: { path: string; projectId: string }): Promise<Transcript> {
    return loadTranscript(file.path, this.readOptions(file.projectId));
  }

  /** Display label of a project: project.json's root, else a recorded workspace, else the hash. */
  projectLabel(projectId: string, sessions: readonly SessionSummary[] = []): string {
    return readProjectJson(this.home, projectId) ?? sessions.find((s) => s.projectId === projectId && s.workspace)?.workspace ?? projectId;
  }
}
