/**
 * Copies a session id two ways at once: the system clipboard tool when one
 * is installed (no shell), and the terminal's own clipboard through OSC 52,
 * which is what reaches the user's machine over SSH and through tmux. The
 * OSC 52 sequence is built only from the id's own characters (letters,
 * digits, `.`, `_`, `-`, `:`): nothing a log contains can reach the
 * clipboard or the terminal, only the id the user chose to copy.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const TOOLS: { program: string; args: string[] }[] = [
  { program: 'pbcopy', args: [] },
  { program: 'wl-copy', args: [] },
  { program: 'xclip', args: ['-selection', 'clipboard'] },
  { program: 'xsel', args: ['--clipboard', '--input'] },
  { program: 'clip.exe', args: [] },
];

/** What a copy reached: the tool that took it (null: none), and whether OSC 52 was sent to the terminal. */
export interface CopyResult {
  tool: string | null;
  terminal: boolean;
}

/** Characters outside an id's charset (every id we make or read is made of these). */
const NOT_ID = /[^A-Za-z0-9._:-]/g;

/** The id with anything outside the id charset removed (a hostile id cannot smuggle ESC or BEL). */
export function idText(id: string): string {
  return id.replace(NOT_ID, '');
}

/**
 * The OSC 52 sequences that set the terminal's clipboard to `id` (its id
 * characters only). Inside tmux, also the same sequence wrapped for tmux's
 * passthrough (`allow-passthrough on`); tmux with `set-clipboard on` takes
 * the plain one itself. Inside GNU screen, wrapped for screen.
 */
export function osc52(id: string, env: NodeJS.ProcessEnv = process.env): string {
  const text = idText(id);
  const seq = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  if (env.TMUX) return seq + `\u001bPtmux;${seq.replaceAll('\u001b', '\u001b\u001b')}\u001b\\`;
  if ((env.TERM ?? '').startsWith('screen')) return `\u001bP${seq}\u001b\\`;
  return seq;
}

function onPath(program: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/** Resolves with the name of the clipboard tool that took `text`, or null when none could. */
export async function copyWithTool(text: string): Promise<string | null> {
  // Wayland/X tools need a display; without one they hang or fail.
  const hasDisplay = Boolean(process.env.WAYLAND_DISPLAY || process.env.DISPLAY);
  for (const tool of TOOLS) {
    if ((tool.program === 'wl-copy' || tool.program.startsWith('xc') || tool.program === 'xsel') && !hasDisplay) continue;
    if (!onPath(tool.program)) continue;
    const ok = await new Promise<boolean>((resolve) => {
      const child = spawn(tool.program, tool.args, { stdio: ['pipe', 'ignore', 'ignore'], shell: false });
      child.on('error', () => resolve(false));
      child.on('exit', (code) => resolve(code === 0));
      child.stdin.end(text);
    });
    if (ok) return tool.program;
  }
  return null;
}

/**
 * Copies `id` with the clipboard tool and, when `terminal` is given (a
 * writer to the terminal the browser draws on), through OSC 52.
 */
export async function copyId(id: string, terminal?: (seq: string) => void): Promise<CopyResult> {
  let sent = false;
  if (terminal) {
    try {
      terminal(osc52(id));
      sent = true;
    } catch {
      // The terminal went away: the tool may still work.
    }
  }
  return { tool: await copyWithTool(idText(id)), terminal: sent };
}

/** What to tell the user: which way worked, or that none could (then the id is shown to copy by hand). */
export function copyMessage(id: string, r: CopyResult): string {
  if (r.tool && r.terminal) return `Copied ${id} (${r.tool}, and the terminal via OSC 52)`;
  if (r.tool) return `Copied ${id} (${r.tool})`;
  if (r.terminal) return `Sent ${id} to the terminal's clipboard (OSC 52; no clipboard tool here)`;
  return `No clipboard could take it; id: ${id}`;
}
