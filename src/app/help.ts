/** The `--help` text: the CLI contract of docs/cli.md in short. */
export const HELP = `session-browser: browse, search, replay, price and resume agent session logs

Usage:
  session-browser [options]                 interactive browser (text list without a terminal)
  session-browser list    [--json] [--query Q] [--limit N]
  session-browser show    ID [--json]
  session-browser replay  ID [--from-checkpoint]
  session-browser usage   [--since SPEC] [--by model|endpoint|day|session] [--json]
  session-browser export  ID [--format md|json] [-o FILE]
  session-browser resume  ID|--last [--max-age DUR] [--dry-run] [--context FILE]
  session-browser cleanup --older-than DUR [--dry-run] [--yes]
  session-browser delete  ID [--yes]          moves it to <home>/.trash/
  session-browser restore ID                  brings a deleted session back
  session-browser doctor  [--json]            per-file problems with line numbers

Options for every command:
  --home DIR            session home (else $SESSION_BROWSER_HOME, $XDG_DATA_HOME/session-browser,
                        ~/.local/share/session-browser)
  --project DIR         the project: DIR's git root (default: the working directory's)
  --all                 every project
  --include-empty       also show sessions without a user message
  --demo                the bundled example sessions
  --pricing FILE        prices per million tokens laid over the built-in table
  --resume-cmd TEMPLATE command for Enter/resume, e.g. "claude --resume {id}"
                        placeholders: {id} {path} {workspace} {context}
  --tz ZONE             IANA zone for --since and days (default UTC)

--since: today, Nd (e.g. 7d), YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD
Durations: 90s, 30m, 2h, 7d, 2w
Config: $XDG_CONFIG_HOME/session-browser/config.json
        {"resumeCommand": "...", "pricing": {...} | "prices.json", "cacheTtlSeconds": {...}, "timeZone": "..."}
Exit codes: 0 ok, 1 runtime error, 2 usage error.
`;
