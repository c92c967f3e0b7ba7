/**
 * Everything a command needs, resolved once from flags, environment and
 * config: the home, the project in scope, prices, clock and resume command.
 */
import { statSync } from 'node:fs';
import { configPath, loadConfig, configPricing, type Config } from '../store/config.js';
import { SessionCatalog, type TextPolicy } from '../store/catalog/catalog.js';
import { SummaryCache } from '../store/catalog/summary-cache.js';
import { BUILTIN_PRICES } from '../store/prices-builtin.js';
import { mergePrices, type PriceTable } from '../store/pricing.js';
import { loadPricingFile } from '../store/pricing-file.js';
import { projectIdOf, resolveHome, resolveProject, type ProjectRef } from '../store/project.js';
import { pickTemplate, type CommandTemplate } from '../store/actions/resume.js';
import { sessionLogFolders } from '../store/actions/session-logs.js';
import { assertTimeZone } from '../store/usage/window.js';
import { canonicalZone, userTimeZone } from '../format/time.js';
import { sanitize } from '../format/sanitize.js';
import { folderReason } from '../store/fs-reason.js';
import { UsageError, type ParsedOptions } from './cli-args.js';
import { DEMO_MAIN_ROOT, DEMO_NOW, demoHome } from './demo.js';
import { agentFolders, runLocations } from './sources.js';
import { shownValue } from '../format/shown-value.js';

export interface AppContext {
  home: string;
  project: ProjectRef;
  /** Projects in scope: null = all projects. */
  projectIds: string[] | null;
  all: boolean;
  /**
   * True when `--project` was given (and not `--all`): ids are then looked up
   * in that project only; otherwise in every project (see find-session.ts).
   */
  projectGiven: boolean;
  includeEmpty: boolean;
  config: Config;
  pricing: PriceTable;
  catalog: SessionCatalog;
  now: () => number;
  /** IANA zone of every calendar time shown and every `--since` window (FORMAT.md §3). */
  tz: string;
  resumeCommand: CommandTemplate | null;
  demo: boolean;
  /**
   * The folders whose `.jsonl`/`.json` files are session logs (the home's
   * `projects/` and `.trash/`, every agent's folder, read by this run or
   * not): `export -o` and `resume --context` never write there
   * (store/actions/session-logs.ts). Worked out on first call: only those
   * two commands ask, and it costs each agent's folder lookup.
   */
  sessionLogFolders: () => readonly string[];
}

/**
 * What the command needs of the context: `search` says it searches (the
 * browser, `list --query`); without a kept catalog (the cache disabled)
 * the other commands then read sessions without indexing their text.
 */
export interface ContextNeeds {
  search: boolean;
}

export function buildContext(options: ParsedOptions, env: NodeJS.ProcessEnv = process.env, needs: ContextNeeds = { search: true }): AppContext {
  const demo = options.demo === true;
  const warn = (message: string): void => void process.stderr.write(`session-browser: ${sanitize(message, { singleLine: true })}\n`);
  const config = loadConfig(undefined, { warn });
  // The demo runs on a private copy of the fixtures: the package itself is never written (demo.ts).
  const home = demo ? demoHome(env) : resolveHome(options.home, env);
  const homeStat = statSync(home, { throwIfNoEntry: false });
  if (homeStat && !homeStat.isDirectory()) throw new UsageError(`the session home ${home} is not a directory`);
  // A home the user named must exist (a typo would otherwise read as "no sessions");
  // the default home may not exist yet: that is a new user.
  const named = options.home ? '--home' : env.SESSION_BROWSER_HOME ? '$SESSION_BROWSER_HOME' : null;
  if (!demo && named && !homeStat) throw new Error(`the session home ${sanitize(home, { singleLine: true })} (from ${named}) does not exist`);
  let project: ProjectRef;
  if (demo) {
    project = { id: projectIdOf(DEMO_MAIN_ROOT), root: DEMO_MAIN_ROOT };
    for (const message of demoIgnored(options, home)) warn(message);
  } else {
    try {
      project = resolveProject(options.project ?? process.cwd());
    } catch (err) {
      throw new UsageError(`cannot use project folder ${options.project ?? process.cwd()}: ${folderReason(err)}`);
    }
  }
  const pricing = mergePrices(BUILTIN_PRICES, configPricing(config, undefined, { warn }), options.pricing ? loadPricingFile(options.pricing, { warn }) : undefined);
  const now = clock(env, demo);
  // FORMAT.md §3: --tz, else the config's timeZone, else the user's own zone.
  let tz = options.tz ?? config.timeZone ?? userTimeZone(env);
  try {
    assertTimeZone(tz);
    tz = canonicalZone(tz);
  } catch (err) {
    // A bad zone from the config is no fault of the command line: the message names the file, and no
    // "--help" hint follows (still exit 2, a usage error, as a bad --tz is).
    if (options.tz === undefined) throw new UsageError(`config ${configPath()}: timeZone: ${(err as Error).message}`, { commandLine: false });
    throw new UsageError((err as Error).message);
  }
  const all = options.all === true;
  const cache = SummaryCache.forHome(home, env);
  const runArgs = { options, config, env, home, project, demo };
  const locations = runLocations(runArgs);
  let logFolders: string[] | undefined;
  return {
    home,
    project,
    projectIds: all ? null : [project.id],
    all,
    projectGiven: options.project !== undefined && !all && !demo, // the demo ignores --project (warned above)
    includeEmpty: options['include-empty'] === true,
    config,
    pricing,
    catalog: new SessionCatalog({ home, pricing, now, cacheTtlSec: config.cacheTtlSeconds, cache, locations, text: textPolicy(cache, needs) }),
    now,
    tz,
    resumeCommand: pickTemplate(options['resume-cmd'], env, config.resumeCommand),
    demo,
    sessionLogFolders: () => (logFolders ??= sessionLogFolders(home, agentFolders(runArgs))),
  };
}

/**
 * The warnings for the options `--demo` overrides, one line each: the
 * demo reads its own private copy and picks its own project, so a
 * `--home`, `--project` or agent folder given beside it would otherwise
 * be dropped without a word (a user who typed `--demo --home ~/logs`
 * believes they are looking at their logs). The config's folders and
 * `$SESSION_BROWSER_HOME` are defaults, not requests of this run: not
 * warned about.
 */
export function demoIgnored(options: ParsedOptions, home: string): string[] {
  const out: string[] = [];
  if (options.project !== undefined) out.push(`--project ignored: --demo picks its own project (${DEMO_MAIN_ROOT})`);
  for (const flag of ['home', 'claude-dir', 'codex-dir', 'gemini-dir'] as const) {
    if (options[flag] !== undefined) out.push(`--${flag} ignored: --demo reads only the example sessions, from its private copy (${home})`);
  }
  return out;
}

/**
 * How this run feeds the full-text index (catalog.ts TextPolicy): a search
 * needs every file's text; other commands index only appended lines and
 * leave files read from their start to the next search (a kept catalog),
 * or index nothing (an in-memory one that dies with the process).
 */
function textPolicy(cache: SummaryCache, needs: ContextNeeds): TextPolicy {
  if (needs.search) return 'all';
  return cache.path !== null ? 'appends' : 'none';
}

/** $SESSION_BROWSER_NOW pins the clock (tests, reproducible reports); the demo pins it to its own date. */
function clock(env: NodeJS.ProcessEnv, demo: boolean): () => number {
  const fixed = env.SESSION_BROWSER_NOW ?? (demo ? DEMO_NOW : undefined);
  if (fixed === undefined) return Date.now;
  const ms = Date.parse(fixed);
  if (Number.isNaN(ms)) throw new UsageError(`SESSION_BROWSER_NOW is not an ISO time: ${shownValue(fixed, { quote: true })}`);
  return () => ms;
}
