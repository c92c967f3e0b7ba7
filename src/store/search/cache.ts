/**
 * A small LRU of word matches, the memory that makes typing incremental.
 *
 * Typing "auth" after "aut": every session whose text holds "auth" also
 * holds "aut", so "auth" is looked for only among the literal matches of
 * "aut", starting at the offset where "aut" was found. The same holds for
 * any cached word inside the new one, under a case rule no looser (a
 * case-sensitive hit is also a case-insensitive hit). Backspace finds the
 * shorter word still cached.
 */
import type { Prepared } from './prepare.js';
import { FUZZY_MONOTONE, matchWord, type Bases, type WordMatch } from './word.js';

const DEFAULT_SIZE = 32;

export class WordCache {
  private readonly entries = new Map<string, WordMatch>();

  constructor(private readonly max = DEFAULT_SIZE) {}

  /** The matches of `word`, from the cache or computed with the best cached bases. */
  get(p: Prepared, word: string, caseSensitive: boolean): WordMatch {
    const key = `${caseSensitive ? 'C' : 'i'}:${word}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const made = matchWord(p, word, caseSensitive, this.basesFor(word, caseSensitive));
    this.entries.set(key, made);
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return made;
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * For literal matching: the contained cached word with the fewest literal
   * matches. For fuzzy matching: the longest cached word the new word
   * extends by letters, when both are single 5+-letter terms (FUZZY_MONOTONE):
   * one typo in "flakey" implies at most one in "flake".
   */
  private basesFor(word: string, caseSensitive: boolean): Bases {
    const lower = word.toLowerCase();
    const bases: Bases = {};
    for (const m of this.entries.values()) {
      if (m.caseSensitive && !caseSensitive) continue;
      const offset = m.caseSensitive ? word.indexOf(m.word) : lower.indexOf(m.word);
      if (offset < 0) continue;
      if (!bases.literal || m.literal.length < bases.literal.match.literal.length) {
        bases.literal = { match: m, offset };
      }
      const extends_ = offset === 0 && m.word.length < word.length;
      if (extends_ && FUZZY_MONOTONE.test(m.word) && FUZZY_MONOTONE.test(word)) {
        if (!bases.fuzzy || m.word.length > bases.fuzzy.word.length) bases.fuzzy = m;
      }
    }
    return bases;
  }
}
