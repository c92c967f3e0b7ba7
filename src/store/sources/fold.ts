/**
 * Prompt-cache defaults every format shares (FORMAT.md §3 "Prefix-cache
 * warmth"). The summary itself is folded by scan/summarize.ts over the
 * events each format's parser makes.
 */

/** Default prompt-cache TTLs (format §3), seconds. */
export const DEFAULT_CACHE_TTL_SEC: Record<string, number> = { anthropic: 300, openai: 600, default: 300 };
