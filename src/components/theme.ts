/**
 * Semantic colour tokens of every screen. Components name a role ("match",
 * "muted", a replay line's "user"), never a colour. Under NO_COLOR every
 * colour is undefined, so nothing may carry meaning by colour alone: the
 * selected row and the replay cursor have a '›' marker, matches are bold,
 * badges are glyphs, each replay role has a glyph or a label.
 */

/** Colour of each role (an Ink colour name), undefined when colours are off. */
export interface Theme {
  /** Headers, the selection marker, the search prompt, the active tab. */
  accent: string | undefined;
  /** Secondary text: column headers, ages, snippets, the help bar. */
  muted: string | undefined;
  /** Matched characters of the query (a background in the replay). */
  match: string | undefined;
  /** Project group headers in 'all' scope. */
  group: string | undefined;
  error: string | undefined;
  warning: string | undefined;
  success: string | undefined;
  /** The flash message line. */
  flash: string | undefined;
  /** A resume that finds the prompt cache warm. */
  warm: string | undefined;
  /** A resume that finds the prompt cache cold. */
  cold: string | undefined;
  /** Bars of the cost chart. */
  bar: string | undefined;
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
  warm: 'green',
  cold: 'gray',
  bar: 'green',
};

/** Style roles of replay lines: defined with the lines (format/replay-lines.ts), styled here. */
import type { LineRole } from '../format/replay-lines.js';
export type { LineRole };

/** How a role is drawn: a foreground colour and/or dim and bold. */
export interface RoleStyle {
  color?: string | undefined;
  dim?: boolean;
  bold?: boolean;
}

const LINE_STYLES: Record<LineRole, RoleStyle> = {
  user: { color: 'cyan', bold: true },
  assistant: { color: 'green', bold: true },
  system: { color: 'magenta', bold: true },
  tool: { color: 'yellow' },
  toolResult: { color: 'yellow', dim: true },
  error: { color: 'red' },
  checkpoint: { color: 'blue', bold: true },
  timeline: { color: 'magenta' },
  usage: { dim: true },
  banner: { color: 'blue' },
  text: {},
};

/** True when NO_COLOR is set to anything but '' (per no-color.org). */
function coloursOff(env: NodeJS.ProcessEnv): boolean {
  return env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
}

/** The theme for an environment: no colours when NO_COLOR is set. */
export function makeTheme(env: NodeJS.ProcessEnv): Theme {
  if (!coloursOff(env)) return { ...COLOURS };
  return Object.fromEntries(Object.keys(COLOURS).map((k) => [k, undefined])) as unknown as Theme;
}

/** The replay line styles for an environment: dim and bold stay when NO_COLOR drops the colours. */
export function makeLineStyles(env: NodeJS.ProcessEnv): Record<LineRole, RoleStyle> {
  const off = coloursOff(env);
  const styled = Object.entries(LINE_STYLES).map(([role, style]) => {
    return [role, off && 'color' in style ? { ...style, color: undefined } : { ...style }];
  });
  return Object.fromEntries(styled) as Record<LineRole, RoleStyle>;
}

/** The process-wide theme. */
export const theme: Theme = makeTheme(process.env);

/** The process-wide style of each replay line role. */
export const lineStyles: Record<LineRole, RoleStyle> = makeLineStyles(process.env);
