/**
 * The one place zod is set up; the store's schemas import this module as a
 * namespace (`import * as z`). zod/mini rather than classic zod: its
 * functional API (`z.optional(s)`, `s.check(z.positive())`) tree-shakes, so a
 * bundle carries ~80 KB of zod instead of ~750 KB. Re-exported with
 * `export *`, not as a `z` object: esbuild drops a namespace's unused parts
 * only where it is imported as a namespace; one passed on as a value
 * (`export { z }`, even zod/mini's own `z`) keeps all of zod and every locale.
 * mini sets no locale (every message would be a bare "Invalid input"), so
 * English is set here, imported alone so no other locale is loaded, for the
 * messages config and pricing errors show ("expected number, received string").
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
