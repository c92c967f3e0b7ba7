/**
 * The CLI's entry as shipped (dist/cli.js): a small bundle that, for a
 * command about to read every log of a home whose catalog does not exist
 * yet (a first, cold scan: early-scan.ts), starts the scan workers first
 * (store/scan/early-workers.ts), then loads the CLI itself
 * (dist/cli-main.js, from cli.ts). Loading the CLI bundle takes ~0.25 s of
 * one core; the workers load meanwhile on the other, instead of later,
 * beside this thread finding the files. Otherwise nothing starts here: the
 * catalog starts workers itself when it finds that it needs them.
 */
import { existsSync } from 'node:fs';
import { earlyScanWanted } from './early-scan.js';
import { startEarlyScanWorkers } from '../store/scan/early-workers.js';

const workerFile = new URL('./scan-worker.js', import.meta.url);
// Only as the bundle, beside its scan worker.
if (existsSync(workerFile) && earlyScanWanted(process.argv.slice(2))) startEarlyScanWorkers(workerFile);

// A name, not a literal: the bundler leaves the CLI bundle a file of its own, loaded now.
const cli = './cli-main.js';
await import(cli);
