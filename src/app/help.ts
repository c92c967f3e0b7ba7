/** The `--help` text (the CLI contract of docs/cli.md in short) and `help COMMAND`. */
import type { Command } from './cli-args.js';

/** What each command does, for `help COMMAND` (one or two lines). */
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

const USAGE: Record<Command, string> = {
  browse: 'session-browser [--no-alt-screen] [options]',
  list: 'session-browser list    [--json] [--query Q] [--limit N] [--reveal-secrets]',
  show: 'session-browser show    ID [--json] [--reveal-secrets]',
  replay: 'session-browser replay  ID [--from-checkpoint] [--full] [--reveal-secrets]',
  usage: 'session-browser usage   [--since SPEC] [--by model|endpoint|day|session] [--json]',
  export: 'session-browser export  ID [--format md|json] [-o FILE [--force]] [--reveal-secrets]',
  resume: 'session-browser resume  ID|--last [--max-age DUR] [--dry-run] [--context FILE] [--force]',
  cleanup: 'session-browser cleanup --older-than DUR [--dry-run] [--yes]',
  delete: 'session-browser delete  ID [--yes] [--force]',
  restore: 'session-browser restore [ID | ID~N]',
  doctor: 'session-browser doctor  [--json]',
  help: 'session-browser help    [COMMAND]',
};

const GLOBAL_OPTIONS = `Options for every command:
  --home DIR            session home (else $SESSION_BROWSER_HOME, $XDG_DATA_HOME/session-browser,
                        ~/.local/share/session-browser); a home you name must exist
  --project DIR         the project: DIR's git root (default: the working directory's);
                        also narrows an ID lookup to that project
  --all                 every project
  --include-empty       also show sessions without a user message
  --demo                the bundled example sessions, on a private copy kept in
                        $XDG_CACHE_HOME/session-browser/demo (the package is never written)
  --pricing FILE        prices per million tokens laid over the built-in table
  --resume-cmd TEMPLATE command for Enter/resume, e.g. "claude --resume {id}"
                        placeholders: {id} {path} {workspace} {context}
  --tz ZONE             IANA zone for times, --since and days (default: your own zone)
  --source LIST         which sessions: native,claude,codex,gemini (default: every one whose folder exists)
  --claude-dir DIR      Claude Code's folder (default $CLAUDE_CONFIG_DIR, else ~/.claude)
  --codex-dir DIR       Codex CLI's folder (default $CODEX_HOME, else ~/.codex)
  --gemini-dir DIR      Gemini CLI's folder (default $GEMINI_CLI_HOME/.gemini, else ~/.gemini)`;

export const HELP = `session-browser: browse, search, replay, price and resume agent session logs

Usage:
  ${USAGE.browse}  interactive browser (text list without a terminal);
                        --no-alt-screen draws on the normal screen (frames stay in the scrollback)
  ${USAGE.list}
  ${USAGE.show}
  ${USAGE.replay}
  ${USAGE.usage}
  ${USAGE.export}
  ${USAGE.resume}
  ${USAGE.cleanup}
  ${USAGE.delete}  moves it to <home>/.trash/
  ${USAGE.restore}                 brings a deleted session back (no ID: lists the trash)
  ${USAGE.doctor}            per-file problems with line numbers
  ${USAGE.help}         this help, or one command's

IDs: a whole session id or a unique prefix of one (git-style). A prefix that
matches several sessions, or an id found in two projects, is refused with the
candidates listed; --project DIR picks one project.

${GLOBAL_OPTIONS}

--since: today, Nd (e.g. 7d), a duration (2w, 12h), YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD
Durations: 90s, 30m, 2h, 7d, 2w
Config: $XDG_CONFIG_HOME/session-browser/config.json
        {"resumeCommand": "...", "pricing": {...} | "prices.json", "cacheTtlSeconds": {...}, "timeZone": "...",
         "sources": [...], "claudeDir": "...", "codexDir": "...", "geminiDir": "..."}
Exit codes: 0 ok, 1 runtime error (doctor: problems found), 2 usage error (also an ambiguous ID),
            130 the browser was cancelled (q, Esc, Ctrl+C): nothing is printed on stdout.
`;

/** The help of one command (its usage line, what it does, the global options); the whole help without one. */
export function helpFor(command?: string): string {
  if (command === undefined || command === 'help' || !(command in USAGE)) return HELP;
  const c = command as Command;
  return `Usage:\n  ${USAGE[c]}\n\n${ABOUT[c]}\n\n${GLOBAL_OPTIONS}\n\nExit codes: 0 ok, 1 runtime error, 2 usage error.\n`;
}
