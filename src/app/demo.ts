/**
 * The bundled demo (`--demo`): the checked-in fixture home, its main
 * project, and the clock its timestamps were written against, so "2h ago"
 * and the cache-warm badge look the way they will on live data.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEMO_NOW = '2026-11-21T12:00:00.000Z';
export const DEMO_MAIN_ROOT = '/home/demo/webapp';

/** fixtures/demo, found from the bundle (dist/cli.js) or the source tree (src/app/demo.ts). */
export function demoHome(): string {
  for (const rel of ['../fixtures/demo', '../../fixtures/demo']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('the demo fixtures (fixtures/demo) are missing from this install');
}
