/**
 * What each asker was last answered with, for a few minutes: a follow-up ("그거 언제였어?", "when was that?")
 * is read with that fact's topic. Kept in this process's memory only, bounded, never stored or logged.
 * (With several instances a follow-up that reaches another instance is read on its own.)
 */
export class RecentAnswers {
  private readonly byAsker = new Map<string, { factId: string; at: number }>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly capacity = 10_000,
  ) {}

  remember(asker: string, factId: string, now: number): void {
    this.byAsker.delete(asker);
    this.byAsker.set(asker, { factId, at: now });
    // the oldest first: a Map iterates in insertion order
    while (this.byAsker.size > this.capacity) this.byAsker.delete(this.byAsker.keys().next().value!);
  }

  recall(asker: string, now: number): string | undefined {
    const entry = this.byAsker.get(asker);
    if (!entry) return undefined;
    if (now - entry.at > this.ttlMs) {
      this.byAsker.delete(asker);
      return undefined;
    }
    return entry.factId;
  }

  get size(): number {
    return this.byAsker.size;
  }
}
