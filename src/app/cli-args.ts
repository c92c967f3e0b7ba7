/**
 * Command-line parsing: one table of options, the commands that accept
 * each, and a UsageError (exit 2) for anything else.
 */
import { parseArgs } from 'node:util';
import { shownValue } from '../format/shown-value.js';

/**
 * A usage error: exit 2, the message and "Run 'session-browser --help' for
 * usage". `commandLine: false` says the command line was fine and a setting
 * (the config file) was not: the hint, which could only mislead, is left out.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly commandLine: boolean;
  constructor(message: string, opts: { commandLine?: boolean } = {}) {
    super(message);
    this.commandLine = opts.commandLine ?? true;
  }
}

export const COMMANDS = ['browse', 'list', 'show', 'replay', 'usage', 'export', 'resume', 'cleanup', 'delete', 'restore', 'doctor', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

const GLOBAL = ['home', 'project', 'all', 'demo', 'include-empty', 'pricing', 'resume-cmd', 'tz', 'help', 'source', 'claude-dir', 'codex-dir', 'gemini-dir'] as const;

const OPTIONS = {
  home: { type: 'string' },
  project: { type: 'string' },
  all: { type: 'boolean' },
  demo: { type: 'boolean' },
  'include-empty': { type: 'boolean' },
  pricing: { type: 'string' },
  'resume-cmd': { type: 'string' },
  tz: { type: 'string' },
  /** Which sources to read: a comma list of native, claude, codex, gemini (default: every source that exists). */
  source: { type: 'string' },
  'claude-dir': { type: 'string' },
  'codex-dir': { type: 'string' },
  'gemini-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  query: { type: 'string', short: 'q' },
  limit: { type: 'string' },
  'from-checkpoint': { type: 'boolean' },
  full: { type: 'boolean' },
  since: { type: 'string' },
  by: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  /** Replay or export keys and tokens in clear (they are masked by default). */
  'reveal-secrets': { type: 'boolean' },
  last: { type: 'boolean' },
  'max-age': { type: 'string' },
  'dry-run': { type: 'boolean' },
  context: { type: 'string' },
  'older-than': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  /** Draw the browser on the normal screen (its frames stay in the scrollback) instead of the alternate screen. */
  'no-alt-screen': { type: 'boolean' },
  /** Act on a session that is still active (running, or changed in the last 10 minutes); `export -o`: replace an existing file. */
  force: { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Options each command accepts besides the global ones. */
const COMMAND_OPTIONS: Record<Command, readonly OptionName[]> = {
  browse: ['query', 'no-alt-screen'],
  list: ['json', 'query', 'limit', 'reveal-secrets'],
  show: ['json', 'reveal-secrets'],
  replay: ['from-checkpoint', 'full', 'reveal-secrets'],
  usage: ['since', 'by', 'json'],
  export: ['format', 'output', 'force', 'reveal-secrets'],
  resume: ['last', 'max-age', 'dry-run', 'context', 'force'],
  cleanup: ['older-than', 'dry-run', 'yes'],
  delete: ['yes', 'force'],
  restore: [],
  doctor: ['json'],
  help: [],
};

/** How many positional arguments (ids) each command takes. */
const POSITIONALS: Record<Command, [min: number, max: number]> = {
  browse: [0, 0],
  list: [0, 0],
  show: [1, 1],
  replay: [1, 1],
  usage: [0, 0],
  export: [1, 1],
  resume: [0, 1],
  cleanup: [0, 0],
  delete: [1, 1],
  restore: [0, 1], // no id: list the trash
  doctor: [0, 0],
  help: [0, 1], // `help COMMAND`
};

export type ParsedOptions = {
  [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean;
};

export interface ParsedArgs {
  command: Command;
  positionals: string[];
  options: ParsedOptions;
}

/** The long name of the option that takes a value which `arg` (`--limit`, `-q`) names, or null. */
function valueOption(arg: string): string | null {
  for (const [name, o] of Object.entries(OPTIONS)) {
    if (o.type !== 'string') continue;
    if (arg === `--${name}` || ('short' in o && arg === `-${o.short}`)) return name;
  }
  return null;
}

/**
 * `--limit -3`, `-q -x`: parseArgs refuses a separate value that starts with
 * '-' (it could be an option). Said before parsing, in our words and with the
 * long name `=VALUE` needs, not by reading Node's message, whose wording is
 * not an interface. Throws UsageError.
 */
function refuseDashValues(argv: readonly string[]): void {
  for (let i = 0; i + 1 < argv.length; i++) {
    if (argv[i] === '--') return;
    const name = valueOption(argv[i]!);
    if (name !== null && argv[i + 1]!.startsWith('-')) throw new UsageError(`--${name} needs a value, and one that starts with '-' is written --${name}=VALUE`);
    if (name !== null) i++; // its value, whatever it reads like
  }
}

/**
 * The option as typed (`--frobnicate`, `-Z`) that made parseArgs throw
 * `err` for an unknown option, else null. Found by parseArgs itself
 * (non-strict, with tokens), not by reading its message, which quotes the
 * option whole: a pasted wall of text after `--` filled the terminal.
 */
function unknownOption(argv: readonly string[], err: unknown): string | null {
  if ((err as NodeJS.ErrnoException).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return null;
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const token = tokens.find((t) => t.kind === 'option' && !Object.hasOwn(OPTIONS, t.name));
  return token?.kind === 'option' ? token.rawName : null;
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  refuseDashValues(argv);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const unknown = unknownOption(argv, err);
    if (unknown !== null) throw new UsageError(`unknown option ${shownValue(unknown, { quote: true })}`);
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const options = parsed.values as ParsedOptions;
  const [first, ...rest] = parsed.positionals;
  let command: Command = 'browse';
  let positionals = parsed.positionals;
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first) || first === 'browse') {
      throw new UsageError(`unknown command ${shownValue(first, { quote: true })}; commands: ${COMMANDS.filter((c) => c !== 'browse').join(', ')}`);
    }
    command = first as Command;
    positionals = rest;
  }
  if (options.help || options.version) return { command, positionals, options };

  const allowed = new Set<string>([...GLOBAL, ...COMMAND_OPTIONS[command]]);
  for (const name of Object.keys(options)) {
    if (!allowed.has(name)) throw new UsageError(`option --${name} does not apply to ${command === 'browse' ? 'the browser' : `'${command}'`}`);
  }
  const [min, max] = POSITIONALS[command];
  if (command === 'resume' && options.last && positionals.length > 0) throw new UsageError('resume takes an ID or --last, not both');
  if (command === 'resume' && !options.last && positionals.length === 0) throw new UsageError('resume needs a session ID or --last');
  if (command === 'help' && positionals[0] !== undefined && !(COMMANDS as readonly string[]).includes(positionals[0])) {
    throw new UsageError(`unknown command ${shownValue(positionals[0], { quote: true })}; commands: ${COMMANDS.filter((c) => c !== 'browse').join(', ')}`);
  }
  if (positionals.length < min) throw new UsageError(`'${command}' needs a session ID`);
  if (positionals.length > max) throw new UsageError(`unexpected argument ${shownValue(positionals[max]!, { quote: true })}`);
  return { command, positionals, options };
}

/** A positive whole number option, or a UsageError naming it. */
export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new UsageError(`--${name} takes a positive whole number, not ${shownValue(value, { quote: true })}`);
  return Number(value);
}

export function oneOf<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} takes one of ${choices.join(', ')}, not ${shownValue(value, { quote: true })}`);
  return value as T;
}
