/**
 * The `--help` text (the README's Commands section in short) and `help
 * COMMAND`. Laid out at print time for the width it is read at: 80 columns,
 * or the terminal's when it is narrower, so no line runs past either. Each
 * list is a table whose descriptions share one column and wrap under it;
 * hand-padded lines drifted (the delete, restore and doctor descriptions
 * started in three different columns, and several lines ran to 100+).
 */
import type { Command } from './cli-args.js';
import { wrapLine } from '../format/wrap.js';
import { displayWidth } from '../format/width.js';

/** The widest the help is laid out: a terminal's classic width, the width man pages and git's help keep to. */
export const HELP_WIDTH = 80;
/** Below this the columns cannot hold a word or two; the help is laid out at this width instead. */
const MIN_HELP_WIDTH = 40;

/** The width to lay the help out at for a terminal (or $COLUMNS) of `columns`; null (not known) is 80. */
export function helpWidth(columns: number | null | undefined): number {
  return Math.max(MIN_HELP_WIDTH, Math.min(HELP_WIDTH, columns ?? HELP_WIDTH));
}

/** What each command does, in the command list of the whole help (one phrase). */
const SUMMARY: Record<Command, string> = {
  browse:
    'the interactive browser (a text list without a terminal); --no-alt-screen draws on the normal screen (frames stay in the scrollback)',
  list: 'the sessions of the project (or --all), newest first',
  show: "one session's figures",
  replay: 'the transcript as text, every tool call and result unfolded',
  usage: 'tokens and cost by model, endpoint, day or session',
  export: 'the transcript as markdown or JSON, to stdout or a file',
  resume: 'runs the resume command for a session (--last: the most recent one)',
  cleanup: 'moves sessions not updated within DUR to <home>/.trash/ (a dry run without --yes)',
  delete: 'moves it to <home>/.trash/',
  restore: 'brings a deleted session back (no ID: lists the trash)',
  doctor: 'per-file problems with line numbers',
  help: "this help, or one command's",
};

/** What each command does, for `help COMMAND` (one or two paragraphs). */
const ABOUT: Record<Command, string> = {
  browse: 'The interactive browser; without a terminal, the session list as text.',
  list: 'The sessions of the project (or --all), newest first. Ids are printed whole.',
  show: "One session's figures. ID is a whole id or a unique prefix of one.",
  replay: 'The transcript as text, every tool call and result unfolded; keys and tokens masked unless --reveal-secrets. ID may be a unique prefix.',
  usage: 'Tokens and cost by model, endpoint, day or session over a --since window.',
  export:
    'The transcript as markdown or JSON, to stdout or a file; keys and tokens masked unless --reveal-secrets. ID may be a unique prefix.\n' +
    '-o FILE never replaces an existing file unless --force, and never writes a session log (.jsonl/.json in the home or an agent folder), even with --force.',
  resume: 'Runs the resume command for a session (or the most recent with --last). ID may be a unique prefix.',
  cleanup: 'Moves sessions not updated within DUR to <home>/.trash/ (a dry run without --yes).',
  delete: 'Moves one session to <home>/.trash/. ID may be a unique prefix.',
  restore: 'Brings a deleted session back from <home>/.trash/.',
  doctor: 'Per-file problems with line numbers. Exit 1 when it finds any.',
  help: 'This help, or one command\'s.',
};

/** Each command's arguments; the whole help lists the commands in this order. */
const ARGS: Record<Command, string> = {
  browse: '[--no-alt-screen] [options]',
  list: '[--json] [--query Q] [--limit N] [--reveal-secrets]',
  show: 'ID [--json] [--reveal-secrets]',
  replay: 'ID [--from-checkpoint] [--full] [--reveal-secrets]',
  usage: '[--since SPEC] [--by model|endpoint|day|session] [--json]',
  export: 'ID [--format md|json] [-o FILE [--force]] [--reveal-secrets]',
  resume: 'ID|--last [--max-age DUR] [--dry-run] [--context FILE] [--force]',
  cleanup: '--older-than DUR [--dry-run] [--yes]',
  delete: 'ID [--yes] [--force]',
  restore: '[ID | ID~N]',
  doctor: '[--json]',
  help: '[COMMAND]',
};

/** The options every command takes, and what each does. */
const GLOBAL_OPTIONS: readonly [string, string][] = [
  ['--home DIR', 'session home (else $SESSION_BROWSER_HOME, $XDG_DATA_HOME/session-browser, ~/.local/share/session-browser); a home you name must exist'],
  ['--project DIR', "the project: DIR's git root (default: the working directory's); also narrows an ID lookup to that project"],
  ['--all', 'every project'],
  ['--include-empty', 'also show sessions without a user message'],
  ['--demo', 'the bundled example sessions, on a private copy kept in $XDG_CACHE_HOME/session-browser/demo (the package is never written)'],
  ['--pricing FILE', 'prices per million tokens laid over the built-in table'],
  ['--resume-cmd TEMPLATE', 'command for Enter/resume, e.g. "claude --resume {id}"; placeholders: {id} {path} {workspace} {context}'],
  ['--tz ZONE', 'IANA zone for times, --since and days (default: your own zone)'],
  ['--source LIST', 'which sessions: native,claude,codex,gemini (default: every one whose folder exists)'],
  ['--claude-dir DIR', "Claude Code's folder (default $CLAUDE_CONFIG_DIR, else ~/.claude)"],
  ['--codex-dir DIR', "Codex CLI's folder (default $CODEX_HOME, else ~/.codex)"],
  ['--gemini-dir DIR', "Gemini CLI's folder (default $GEMINI_CLI_HOME/.gemini, else ~/.gemini)"],
];

/** The config file's keys, one piece each, so a line breaks between keys and never inside one. */
const CONFIG_KEYS = [
  '{"resumeCommand": "...",', '"pricing": {...} | "prices.json",', '"cacheTtlSeconds": {...},', '"timeZone": "...",',
  '"sources": [...],', '"claudeDir": "...",', '"codexDir": "...",', '"geminiDir": "..."}',
];

const EXIT_CODES: readonly [string, string][] = [
  ['0', 'ok'],
  ['1', 'runtime error (doctor: problems found)'],
  ['2', 'usage error (also an ambiguous ID)'],
  ['130', 'the browser was cancelled (q, Esc, Ctrl+C): nothing is printed on stdout'],
];

/**
 * `pieces` joined by spaces and filled into lines of at most `width`
 * columns: the first line starts with `first`, the others with `rest` (the
 * column they hang under). A line breaks only between pieces; a piece wider
 * than the room left is broken where wrapLine breaks it.
 */
function fill(pieces: readonly string[], width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const room = (): number => width - displayWidth(line);
  for (const piece of pieces) {
    if (!empty && displayWidth(piece) + 1 > room()) {
      lines.push(line);
      [line, empty] = [rest, true];
    }
    const parts = displayWidth(piece) + (empty ? 0 : 1) > room() ? wrapLine(piece, Math.max(1, width - displayWidth(rest))) : [piece];
    parts.forEach((part, i) => {
      if (i > 0) {
        lines.push(line);
        line = rest;
      }
      line += (empty || i > 0 ? '' : ' ') + part;
    });
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** A phrase's words, for {@link fill}. */
const words = (text: string): string[] => text.split(' ').filter((w) => w !== '');

/** The arguments of a synopsis split at the spaces outside brackets: `[--context FILE]` is never broken. */
function argGroups(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of args) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ' ' && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * A two-column table: each term at `indent`, its description from column
 * `column` on, wrapped under that column; a term too wide for its column
 * puts its description on the next line, in the same column.
 */
function table(rows: readonly [string, string][], indent: number, column: number, width: number): string[] {
  const col = Math.max(indent + 2, Math.min(column, width - 20));
  const pad = ' '.repeat(col);
  return rows.flatMap(([term, text]) => {
    const head = `${' '.repeat(indent)}${term}`;
    if (displayWidth(head) + 1 <= col) return fill(words(text), width, head.padEnd(col), pad);
    return [head, ...fill(words(text), width, pad, pad)];
  });
}

/** `session-browser COMMAND` padded so every command's arguments start in one column (browse has no command word). */
const commandHead = (c: Command): string => (c === 'browse' ? 'session-browser ' : `session-browser ${c.padEnd(7)} `);

/**
 * A command's synopsis at `indent`, its arguments wrapped under their first
 * column; in a terminal too narrow for its widest argument there, further
 * left, so `[--by model|endpoint|day|session]` stays whole.
 */
function synopsis(c: Command, indent: number, width: number): string[] {
  const head = `${' '.repeat(indent)}${commandHead(c)}`;
  const groups = argGroups(ARGS[c]);
  const widest = Math.max(...groups.map(displayWidth));
  return fill(groups, width, head, ' '.repeat(Math.max(indent + 2, Math.min(displayWidth(head), width - widest))));
}

/** Where the command list's descriptions start: under `session-browser`, set in from the synopses. */
const DESCRIPTION_INDENT = 6;

/** The command list: each synopsis, then what the command does under it, every description in one column. */
function commandList(width: number): string[] {
  const pad = ' '.repeat(DESCRIPTION_INDENT);
  return (Object.keys(ARGS) as Command[]).flatMap((c) => [...synopsis(c, 2, width), ...fill(words(SUMMARY[c]), width, pad, pad)]);
}

/** A paragraph wrapped to `width`. */
const paragraph = (text: string, width: number): string[] => text.split('\n').flatMap((p) => fill(words(p), width, '', ''));

/** `label` then `pieces`, wrapped under the column after the label. */
function labelled(label: string, pieces: readonly string[], width: number): string[] {
  return fill(pieces, width, `${label} `, ' '.repeat(Math.min(label.length + 1, width - 20)));
}

/** The whole help, laid out `width` columns wide (see {@link helpWidth}). */
export function helpText(width: number = HELP_WIDTH): string {
  return [
    ...paragraph('session-browser: browse, search, replay, price and resume agent session logs', width),
    '',
    'Usage:',
    ...commandList(width),
    '',
    ...paragraph(
      'IDs: a whole session id or a unique prefix of one (git-style). A prefix that matches several sessions, ' +
        'or an id found in two projects, is refused with the candidates listed; --project DIR picks one project.',
      width,
    ),
    '',
    'Options for every command:',
    ...table(GLOBAL_OPTIONS, 2, 24, width),
    '',
    ...labelled('--since:', words('today, Nd (e.g. 7d), a duration (2w, 12h), YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD'), width),
    ...labelled('Durations:', words('90s, 30m, 2h, 7d, 2w'), width),
    ...labelled('Config:', ['$XDG_CONFIG_HOME/session-browser/config.json'], width),
    ...fill(CONFIG_KEYS, width, ' '.repeat(8), ' '.repeat(9)),
    '',
    'Exit codes:',
    ...table(EXIT_CODES, 2, 7, width),
    '',
  ].join('\n');
}

/**
 * The help of one command (its usage line, what it does, the global
 * options), `width` columns wide; the whole help without one.
 */
export function helpFor(command?: string, width: number = HELP_WIDTH): string {
  if (command === undefined || command === 'help' || !(command in ARGS)) return helpText(width);
  const c = command as Command;
  return [
    'Usage:',
    ...synopsis(c, 2, width),
    '',
    ...paragraph(ABOUT[c], width),
    '',
    'Options for every command:',
    ...table(GLOBAL_OPTIONS, 2, 24, width),
    '',
    ...labelled('Exit codes:', words('0 ok, 1 runtime error, 2 usage error.'), width),
    '',
  ].join('\n');
}
