/**
 * Everything a command needs, resolved once from flags, environment and
 * config: the home, the project in scope, prices, clock and resume command.
 */
import { existsSync, statSync } from 'node:fs';
import { loadConfig, configPricing, type Config } from '../store/config.js';
import { SessionCatalog } from '../store/catalog.js';
import { SummaryCache } from '../store/summary-cache.js';
import { BUILTIN_PRICES } from '../store/prices-builtin.js';
import { loadPricingFile, mergePrices, type PriceTable } from '../store/pricing.js';
import { projectIdOf, resolveHome, resolveProject, type ProjectRef } from '../store/project.js';
import { pickTemplate, type CommandTemplate } from '../store/resume.js';
import { assertTimeZone } from '../store/window.js';
import { UsageError, type ParsedOptions } from './cli-args.js';
import { DEMO_MAIN_ROOT, DEMO_NOW, demoHome } from './demo.js';

export interface AppContext {
  home: string;
  project: ProjectRef;
  /** Projects in scope: null = all projects. */
  projectIds: string[] | null;
  all: boolean;
  includeEmpty: boolean;
  config: Config;
  pricing: PriceTable;
  catalog: SessionCatalog;
  now: () => number;
  tz: string;
  resumeCommand: CommandTemplate | null;
  demo: boolean;
}

export function buildContext(options: ParsedOptions, env: NodeJS.ProcessEnv = process.env): AppContext {
  const demo = options.demo === true;
  const config = loadConfig();
  const home = demo ? demoHome() : resolveHome(options.home, env);
  if (existsSync(home) && !statSync(home).isDirectory()) throw new UsageError(`the session home ${home} is not a directory`);
  let project: ProjectRef;
  if (demo) project = { id: projectIdOf(DEMO_MAIN_ROOT), root: DEMO_MAIN_ROOT };
  else {
    try {
      project = resolveProject(options.project ?? process.cwd());
    } catch (err) {
      throw new UsageError(`cannot use project folder ${options.project ?? process.cwd()}: ${(err as Error).message}`);
    }
  }
  const pricing = mergePrices(BUILTIN_PRICES, configPricing(config), options.pricing ? loadPricingFile(options.pricing) : undefined);
  const now = clock(env, demo);
  const tz = options.tz ?? config.timeZone ?? 'UTC';
  try {
    assertTimeZone(tz);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const all = options.all === true;
  return {
    home,
    project,
    projectIds: all ? null : [project.id],
    all,
    includeEmpty: options['include-empty'] === true,
    config,
    pricing,
    catalog: new SessionCatalog({ home, pricing, now, cacheTtlSec: config.cacheTtlSeconds, cache: SummaryCache.forHome(home, env) }),
    now,
    tz,
    resumeCommand: pickTemplate(options['resume-cmd'], env, config.resumeCommand),
    demo,
  };
}

/** $SESSION_BROWSER_NOW pins the clock (tests, reproducible reports); the demo pins it to its own date. */
function clock(env: NodeJS.ProcessEnv, demo: boolean): () => number {
  const fixed = env.SESSION_BROWSER_NOW ?? (demo ? DEMO_NOW : undefined);
  if (fixed === undefined) return Date.now;
  const ms = Date.parse(fixed);
  if (Number.isNaN(ms)) throw new UsageError(`SESSION_BROWSER_NOW is not an ISO time: ${JSON.stringify(fixed)}`);
  return () => ms;
}
