/**
 * A pause of the background text indexing (SessionCatalog.indexText and
 * the big texts written slice by slice after it, held-texts.ts), held while
 * something else needs the memory and the thread: a browser holds it while
 * a session is open in the replay, which reads its file at the same time.
 * A 600 MB session whose text was not indexed yet opened at 314 MB peak RSS
 * with its indexing pass running beside the replay's own read (228 MB with
 * the replay alone, 217 MB with the indexing alone).
 *
 * Holds are counted: indexing runs again once the last one is released.
 * A hold also aborts the read pass that runs when it comes
 * ({@link TextPause.signal}): that pass lets go of what it read (up to
 * PASS_TEXT_CHARS of text) rather than keep it through the pause, and its
 * files, still waiting for their text, are read again after it.
 */
export class TextPause {
  private holds = 0;
  private waiters: (() => void)[] = [];
  /** The controller of the passes started since the last hold; null when none was started. */
  private controller: AbortController | null = null;

  /** True while at least one hold is not released. */
  get paused(): boolean {
    return this.holds > 0;
  }

  /**
   * Pauses indexing until the returned function is called (the first call
   * releases; later calls do nothing), and aborts the passes running now.
   */
  hold(): () => void {
    this.holds++;
    this.controller?.abort();
    this.controller = null;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds > 0) return;
      for (const resolve of this.waiters.splice(0)) resolve();
    };
  }

  /** Resolves once no hold is left: at once when none is. */
  resumed(): Promise<void> {
    if (this.holds === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The signal of a pass starting now: aborted by the next {@link hold} (already aborted when paused now). */
  signal(): AbortSignal {
    if (this.paused) return AbortSignal.abort();
    this.controller ??= new AbortController();
    return this.controller.signal;
  }
}
