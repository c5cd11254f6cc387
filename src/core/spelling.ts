/**
 * Typo correction against a known vocabulary, SymSpell-style: every word is indexed under the
 * strings left after deleting up to `maxEdits` characters, so a typo is found by looking up
 * its own deletions — microseconds, however large the vocabulary — then checked with a real
 * edit distance.
 */
export class SpellingIndex<T> {
  private readonly byDeletion = new Map<string, { key: string; value: T }[]>();

  constructor(
    entries: Iterable<[key: string, value: T]>,
    private readonly maxEdits = 2,
  ) {
    for (const [key, value] of entries) {
      for (const d of deletions(key, maxEdits)) {
        let list = this.byDeletion.get(d);
        if (!list) this.byDeletion.set(d, (list = []));
        if (!list.some((e) => e.key === key)) list.push({ key, value });
      }
    }
  }

  /** The closest entry within `allowed` edits (ties: the first indexed), or undefined. */
  lookup(word: string, allowed: number): T | undefined {
    let best: { distance: number; value: T } | undefined;
    const seen = new Set<string>();
    for (const d of deletions(word, Math.min(allowed, this.maxEdits))) {
      for (const entry of this.byDeletion.get(d) ?? []) {
        if (seen.has(entry.key)) continue;
        seen.add(entry.key);
        const distance = editDistance(word, entry.key);
        if (distance <= allowed && (!best || distance < best.distance)) best = { distance, value: entry.value };
      }
    }
    return best?.value;
  }
}

/** The word and every string made by deleting up to `edits` of its characters. */
function deletions(word: string, edits: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let e = 0; e < edits; e++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
