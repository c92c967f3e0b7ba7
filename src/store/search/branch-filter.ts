/**
 * The `branch:NAME` terms of a search query: they narrow it to sessions
 * recorded on a git branch whose name holds NAME (any case), and the other
 * words are searched among those. One rule for the browser's search box
 * (app/list-model.ts) and `list --query` (app/commands/list.ts).
 */
import type { SessionSummary } from '../types.js';

/** The `branch:NAME` terms of `query` (lower-cased) and the rest of the query for the search. */
export function branchFilter(query: string): { branches: string[]; rest: string } {
  const branches: string[] = [];
  const rest = query.replace(/(^|\s)branch:(\S*)/gi, (_m, lead: string, name: string) => {
    branches.push(name.toLowerCase());
    return lead;
  });
  return { branches, rest: rest.trim() };
}

/** Whether `s` was recorded on a branch matching every one of `branches` (from {@link branchFilter}). */
export function onBranches(s: Pick<SessionSummary, 'branch'>, branches: readonly string[]): boolean {
  const b = s.branch?.toLowerCase();
  return branches.every((name) => b !== undefined && b.includes(name));
}
