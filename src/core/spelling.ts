/**
 * Typo correction against a known vocabulary, SymSpell-style: every word is indexed under the
 * strings left after deleting up to its allowed edits, so a typo is found by looking up its own
 * deletions — microseconds, however large the vocabulary — then checked with a real edit distance.
 *
 * The work of one lookup is bounded by design, whatever is typed: a word longer than every known
 * word by more than its allowed edits is no typo of one and is not looked at, and no lookup makes
 * more than MAX_DELETIONS strings or edit distances.
 */

/** Strings one lookup may generate (a 2-edit lookup of a 30-letter word makes about 470). */
export const MAX_DELETIONS = 1000;
/** Edit distances one lookup may compute. */
export const MAX_COMPARISONS = 200;

/** What lookups have cost so far: for tests and the bench, which check that the work stays bounded. */
export interface SpellingWork {
  lookups: number;
  deletions: number;
  comparisons: number;
}

export class SpellingIndex<T> {
  private readonly keys: string[] = [];
  private readonly values: T[] = [];
  /** Deletion → the entries (indexes into keys and values) it comes from: one number when there is one, as for most. */
  private readonly byDeletion = new Map<string, number | number[]>();
  /** Longest indexed key: a word longer than this by more than its allowed edits matches nothing. */
  private readonly longestKey: number;
  readonly work: SpellingWork = { lookups: 0, deletions: 0, comparisons: 0 };

  /** Ties in lookup go to the first entry for a key. */
  constructor(entries: Iterable<[key: string, value: T]>) {
    const unique = new Map<string, T>();
    for (const [key, value] of entries) if (!unique.has(key)) unique.set(key, value);
    let longest = 0;
    for (const [key, value] of unique) {
      longest = Math.max(longest, key.length);
      const entry = this.keys.push(key) - 1;
      this.values.push(value);
      for (const d of deletions(key, editsAllowed(key), Infinity)) {
        const had = this.byDeletion.get(d);
        if (had === undefined) this.byDeletion.set(d, entry);
        else if (typeof had === 'number') this.byDeletion.set(d, [had, entry]);
        else had.push(entry);
      }
    }
    this.longestKey = longest;
  }

  /**
   * The closest entry within the edits a word of this length is allowed, or undefined. (A long typo of a
   * shorter word is always at least one insertion, so indexing short words one deletion deep is enough.)
   */
  lookup(word: string): T | undefined {
    this.work.lookups++;
    const allowed = editsAllowed(word);
    if (word.length > this.longestKey + allowed) return undefined;
    let best: { distance: number; value: T } | undefined;
    const seen = new Set<string>();
    const candidates = deletions(word, allowed, MAX_DELETIONS);
    this.work.deletions += candidates.size;
    for (const d of candidates) {
      const entries = this.byDeletion.get(d);
      for (const entry of entries === undefined ? [] : typeof entries === 'number' ? [entries] : entries) {
        const key = this.keys[entry]!;
        if (seen.has(key)) continue;
        if (seen.size >= MAX_COMPARISONS) return best?.value;
        seen.add(key);
        this.work.comparisons++;
        const distance = editDistance(word, key);
        if (distance <= allowed && (!best || distance < best.distance)) best = { distance, value: this.values[entry]! };
      }
    }
    return best?.value;
  }
}

/** One edit for short words, two from eight characters (Hangul counted in jamo). */
function editsAllowed(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

/** The word and the strings made by deleting up to `edits` of its characters, at most `cap` of them. */
function deletions(word: string, edits: number, cap: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let e = 0; e < edits; e++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        if (out.size >= cap) return out;
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
