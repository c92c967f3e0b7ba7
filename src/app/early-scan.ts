/**
 * Whether the CLI's entry (cli-launch.ts) starts the scan workers before it
 * loads the CLI: only for a command whose run will read every session
 * file of the home with workers, which is what a first, cold scan does.
 */
import { existsSync } from 'node:fs';
import { parseCommandLine } from './cli-args.js';
import { catalogPath } from '../store/catalog/catalog-files.js';
import { resolveHome } from '../store/project.js';

/** Commands whose first run reads every session file of the home (catalog.ts summaries). */
const SCANNING: readonly string[] = ['usage', 'list'];

/**
 * True when `argv` runs a scanning command (not its help, not the demo)
 * on a home with no catalog file yet, or with the catalog disabled
 * ($SESSION_BROWSER_CACHE=0: every run is cold). False on any doubt (an
 * argument that does not parse: the CLI reports it); a guess that turns
 * out wrong costs the workers' start-up, which the catalog ends
 * (early-workers.ts endEarlyScanWorkers).
 */
export function earlyScanWanted(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  let home: string;
  try {
    const { command, options } = parseCommandLine(argv);
    if (!SCANNING.includes(command) || options.help || options.version || options.demo) return false;
    if (env.SESSION_BROWSER_CACHE === '0') return true;
    home = resolveHome(options.home, env);
  } catch {
    return false;
  }
  return !existsSync(catalogPath(home, env));
}
