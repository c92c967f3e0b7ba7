/**
 * Semantic colours of the session screen and the cost view. Components name
 * a role ("user", "checkpoint"), never a colour, so that this table can be
 * merged into the shell's theme.ts later without touching them. Under
 * NO_COLOR (any value, per no-color.org) every colour is undefined, like the
 * shell's theme; nothing may carry meaning by colour alone, so each role also
 * has a glyph or a label, the cursor a '›', and matches are bold.
 */

const colours = !(process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '');

/** `name` when colours are on, else undefined (Ink then leaves the text alone). */
function c(name: string): string | undefined {
  return colours ? name : undefined;
}

/** Style roles of replay lines (see replay-lines.ts). */
export type LineRole =
  | 'user'
  | 'assistant'
  | 'system'
  | 'tool'
  | 'toolResult'
  | 'error'
  | 'checkpoint'
  | 'timeline'
  | 'usage'
  | 'banner'
  | 'text';

/** How a role is drawn: a foreground colour and/or dim. */
export interface RoleStyle {
  color?: string | undefined;
  dim?: boolean;
  bold?: boolean;
}

/** The style of each replay line role. */
export const lineStyles: Record<LineRole, RoleStyle> = {
  user: { color: c('cyan'), bold: true },
  assistant: { color: c('green'), bold: true },
  system: { color: c('magenta'), bold: true },
  tool: { color: c('yellow') },
  toolResult: { color: c('yellow'), dim: true },
  error: { color: c('red') },
  checkpoint: { color: c('blue'), bold: true },
  timeline: { color: c('magenta') },
  usage: { dim: true },
  banner: { color: c('blue') },
  text: {},
};

/** Colours of the chrome around the content. */
export const sessionTheme = {
  title: c('white'),
  accent: c('cyan'),
  muted: c('gray'),
  match: c('yellow'),
  warm: c('green'),
  cold: c('gray'),
  warning: c('yellow'),
  bar: c('green'),
} as const;
