/**
 * The project root a writer files its sessions under. It must be the root
 * the browser computes (format §1), or the sessions land in a project folder
 * the browser never looks in.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findProjectRoot } from '../project.js';

/**
 * The canonical project root of `dir`: for an existing path, the nearest
 * ancestor holding `.git`, else the path itself, symlinks resolved (exactly
 * the browser's rule, so a writer started in a subfolder still files under
 * the repository); for a path that does not exist, its absolute form without
 * a trailing slash.
 */
export function resolveProjectRoot(dir: string): string {
  const abs = resolve(dir);
  return existsSync(abs) ? findProjectRoot(abs) : abs;
}
