/**
 * Copies text with the system clipboard tool when one is installed (no
 * shell, no OSC 52: nothing a log contains can reach the clipboard, only the
 * id the user chose to copy).
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

/** Resolves 'clipboard' when a tool took the text, 'shown' when there is none (the caller shows it). */
export async function copyToClipboard(text: string): Promise<'clipboard' | 'shown'> {
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
    if (ok) return 'clipboard';
  }
  return 'shown';
}
