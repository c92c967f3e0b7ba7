/**
 * Which sources a run reads (issue 8): `--source native,claude,codex,gemini`,
 * else the config's `sources`, else every source (an agent whose folder
 * does not exist finds nothing, silently). Each agent's folder comes from
 * `--claude-dir` / `--codex-dir` / `--gemini-dir`, else the config file,
 * else its own default (`$CLAUDE_CONFIG_DIR`, `$CODEX_HOME`, `~/.gemini`);
 * a folder the user named that is missing is a one-line note, never an
 * error. The demo reads its own copy: native, plus the agents' fixture
 * folders inside it when present.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../store/config.js';
import { headMemoForHome } from '../store/catalog/head-memo.js';
import type { HeadMemo } from '../store/sources/common/heads.js';
import { projectIdOfCwd } from '../store/sources/common/project-scope.js';
import type { SessionLocation } from '../store/sources/format.js';
import { SOURCE_IDS, sourceLocations, type SourceOptions } from '../store/sources/registry.js';
import type { ProjectRef } from '../store/project.js';
import { UsageError, type ParsedOptions } from './cli-args.js';
import { shownValue } from '../format/shown-value.js';

/** The selected source ids (null: all), from `--source` or the config; UsageError for an unknown name. */
export function selectedSources(options: ParsedOptions, config: Config): string[] | null {
  const raw = options.source ?? (Array.isArray(config.sources) ? config.sources.join(',') : config.sources);
  if (raw === undefined) return null;
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  // `--source ""` read as "no agent" and showed the native home alone, without a word: a typo, most likely.
  if (names.length === 0) throw new UsageError(`--source takes a comma list of ${SOURCE_IDS.join(', ')}; it was empty`);
  for (const n of names) {
    if (!(SOURCE_IDS as readonly string[]).includes(n)) throw new UsageError(`--source takes a comma list of ${SOURCE_IDS.join(', ')}, not ${shownValue(n, { quote: true })}`);
  }
  return names;
}

type RunArgs = { options: ParsedOptions; config: Config; env: NodeJS.ProcessEnv; home: string; project: ProjectRef; demo: boolean };

/** The locations of a run: the native home, then each selected agent's folder, with the project's repository as an alias of its id. */
export function runLocations(args: RunArgs): SessionLocation[] {
  const { options, config, demo, home } = args;
  let selected = selectedSources(options, config);
  if (demo && selected === null) selected = SOURCE_IDS.filter((id) => id === 'native' || existsSync(join(home, `.${id}`)));
  return sourceLocations(selected, sourceOptions(args, headMemoForHome(home, args.env)));
}

/**
 * Every agent's folder, selected by `--source` or not (`--claude-dir`, the
 * config, else its default): where logs live that `export -o` must never
 * write over (store/actions/session-logs.ts), even in a run that reads only
 * the native home (or the demo's copies).
 */
export function agentFolders(args: RunArgs): string[] {
  const folders = (a: RunArgs) => sourceLocations(SOURCE_IDS.filter((id) => id !== 'native'), sourceOptions(a, undefined)).flatMap((l) => (l.folder ? [l.folder] : []));
  // The demo reads its own copies of the agents' folders; the user's real ones still hold real logs.
  return [...new Set([...folders(args), ...(args.demo ? folders({ ...args, demo: false }) : [])])];
}

/** Each agent's folder, as the flags, the config and the demo set them, with `memo` (none: only the folders are wanted). */
function sourceOptions(args: RunArgs, memo: HeadMemo | undefined): SourceOptions {
  const { options, config, env, home, project, demo } = args;
  // Another agent's sessions carry their repository's id: in a worktree, the main worktree's (project-scope.ts).
  const repoId = projectIdOfCwd(project.root);
  const aliases = repoId !== project.id ? { [project.id]: [repoId] } : undefined;
  const folder = (flag: string | undefined, configured: string | undefined, demoName: string) => {
    if (demo) return { dir: join(home, demoName), named: false };
    const dir = flag ?? configured;
    return dir ? { dir: resolve(dir), named: true } : {};
  };
  return {
    claude: { ...folder(options['claude-dir'], config.claudeDir, '.claude'), env, memo, aliases },
    codex: { ...folder(options['codex-dir'], config.codexDir, '.codex'), env, memo, aliases },
    gemini: { ...folder(options['gemini-dir'], config.geminiDir, '.gemini'), env, memo, aliases },
  };
}

/**
 * What a run reads, for "checked under …" and "Reading sessions under …": the
 * session home when the native source is selected, then the agents' folders
 * by name ("/h and the claude, codex folders"; "the claude folder" alone
 * with `--source claude`, whose run never reads the home). An agent whose
 * folder does not exist is not named (it was not read: a machine without
 * Codex is not told "the codex folder"), unless no folder is left to name.
 */
export function readingWhere(home: string, locations: readonly Pick<SessionLocation, 'id' | 'folder'>[]): string {
  const agents = locations.filter((l) => l.id !== 'native');
  const found = agents.filter((l) => l.folder === undefined || existsSync(l.folder));
  const native = locations.some((l) => l.id === 'native');
  const named = found.length > 0 || native ? found : agents;
  // None of the agents' folders exists and only they were asked for: say where they were looked for.
  const missing = found.length === 0 && !native && agents.length > 0 ? ` (${agents.map((l) => `${l.folder ?? l.id}`).join(', ')}: no such folder)` : '';
  const folders = named.length > 0 ? `the ${named.map((l) => l.id).join(', ')} folder${named.length > 1 ? 's' : ''}${missing}` : '';
  if (!native) return folders || home;
  return folders ? `${home} and ${folders}` : home;
}
