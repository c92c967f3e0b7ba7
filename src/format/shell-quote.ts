/**
 * Quoting for a POSIX shell (sh, bash, zsh), so that a command we print can
 * be pasted and run verbatim: every argument comes back as exactly one word,
 * with no expansion of `$`, backticks, globs or `~`.
 */

/** Characters that never need quoting in any POSIX shell position. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One argument as a shell word: unchanged when it is plain, else wrapped in
 * single quotes, with each `'` written as `'\''`. The empty string is `''`.
 */
export function shellQuote(arg: string): string {
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** An argv as one pasteable command line (each argument quoted by {@link shellQuote}). */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
