/**
 * Semantic colour tokens of the browser shell. Components name a role
 * ("match", "muted"), never a colour. Under NO_COLOR every token is
 * undefined, so nothing may carry meaning by colour alone: the selected row
 * has a '›' marker, matches are bold, badges are glyphs.
 */

/** Colour of each role (an Ink colour name), undefined when colours are off. */
export interface Theme {
  /** Headers, the selection marker, the search prompt. */
  accent: string | undefined;
  /** Secondary text: column headers, ages, snippets, the help bar. */
  muted: string | undefined;
  /** Matched characters of the query. */
  match: string | undefined;
  /** Project group headers in 'all' scope. */
  group: string | undefined;
  error: string | undefined;
  warning: string | undefined;
  success: string | undefined;
  /** The flash message line. */
  flash: string | undefined;
}

const COLOURS: { [K in keyof Theme]-?: string } = {
  accent: 'cyan',
  muted: 'gray',
  match: 'yellow',
  group: 'magenta',
  error: 'red',
  warning: 'yellow',
  success: 'green',
  flash: 'green',
};

/** The theme for an environment: no colours when NO_COLOR is set (any value, per no-color.org). */
export function makeTheme(env: NodeJS.ProcessEnv): Theme {
  const off = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  if (!off) return { ...COLOURS };
  return Object.fromEntries(Object.keys(COLOURS).map((k) => [k, undefined])) as unknown as Theme;
}

/** The process-wide theme. */
export const theme: Theme = makeTheme(process.env);
