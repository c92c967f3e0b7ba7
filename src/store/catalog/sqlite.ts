/**
 * Loads better-sqlite3 on first use, through a require the bundler leaves
 * alone: the native addon must be found next to its package at run time
 * (esbuild cannot inline a `.node` file), and a machine where the addon
 * failed to build still runs, only without a persisted catalog.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/** The better-sqlite3 `Database` constructor. */
export type SqliteConstructor = typeof BetterSqlite3;
/** An open better-sqlite3 database. */
export type SqliteDatabase = BetterSqlite3.Database;

let loaded: SqliteConstructor | null | undefined;

/** The `Database` constructor, or null when the addon cannot be loaded (never throws). */
export function sqlite(): SqliteConstructor | null {
  if (loaded === undefined) {
    try {
      loaded = createRequire(import.meta.url)('better-sqlite3') as SqliteConstructor;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}
