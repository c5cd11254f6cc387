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
  /**
   * Each deletion is kept as a 32-bit hash, not as a string in a Map (hundreds of thousands of them for a large base's
   * Korean words, in jamo): the distinct hashes sorted, and for each the entries (indexes into keys and values) with a
   * deletion of that hash, entries[starts[i]..starts[i + 1]) in increasing order. A hash names a few deletions at most;
   * a lookup keeps only the entries its deletion really comes from (isDeletionOf), so it finds what a Map would.
   */
  private readonly hashes: Int32Array;
  private readonly starts: Int32Array;
  private readonly entries: Int32Array;
  /** Longest indexed key: a word longer than this by more than its allowed edits matches nothing. */
  private readonly longestKey: number;
  readonly work: SpellingWork = { lookups: 0, deletions: 0, comparisons: 0 };

  /** Ties in lookup go to the first entry for a key. */
  constructor(entries: Iterable<[key: string, value: T]>) {
    const unique = new Map<string, T>();
    for (const [key, value] of entries) if (!unique.has(key)) unique.set(key, value);
    let longest = 0;
    // (hash, entry) pairs as one number each, hash above entry, so one numeric sort orders them by hash, then entry
    let pairs = new Float64Array(1024);
    let count = 0;
    for (const [key, value] of unique) {
      longest = Math.max(longest, key.length);
      const entry = this.keys.push(key) - 1;
      this.values.push(value);
      for (const d of deletions(key, editsAllowed(key), Infinity)) {
        if (count === pairs.length) {
          const grown = new Float64Array(pairs.length * 2);
          grown.set(pairs);
          pairs = grown;
        }
        pairs[count++] = hashOf(d) * ENTRY_SPAN + entry;
      }
    }
    if (this.keys.length >= ENTRY_SPAN) throw new RangeError(`more than ${ENTRY_SPAN} words to mend typos to`);
    const sorted = pairs.subarray(0, count).sort();
    const hashes: number[] = [];
    const starts: number[] = [];
    const list = new Int32Array(count);
    let listed = 0;
    for (let k = 0; k < count; k++) {
      const hash = Math.floor(sorted[k]! / ENTRY_SPAN);
      const entry = sorted[k]! - hash * ENTRY_SPAN;
      if (hashes.length === 0 || hashes[hashes.length - 1] !== hash) {
        hashes.push(hash);
        starts.push(listed);
      } else if (list[listed - 1] === entry) continue; // two deletions of one key with one hash
      list[listed++] = entry;
    }
    starts.push(listed);
    // unsigned hashes, in order, stored as the same 32 bits
    this.hashes = Int32Array.from(hashes, (h) => h | 0);
    this.starts = Int32Array.from(starts);
    this.entries = list.slice(0, listed);
    this.longestKey = longest;
  }

  /** (deletion, entry) pairs kept, and the bytes they take. */
  size(): { deletions: number; bytes: number } {
    return { deletions: this.entries.length, bytes: this.hashes.byteLength + this.starts.byteLength + this.entries.byteLength };
  }

  /** The entries with a deletion of this hash: a range of `entries`, empty when none. */
  private bucket(hash: number): [from: number, to: number] {
    let lo = 0;
    let hi = this.hashes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.hashes[mid]! >>> 0;
      if (at === hash) return [this.starts[mid]!, this.starts[mid + 1]!];
      if (at < hash) lo = mid + 1;
      else hi = mid - 1;
    }
    return [0, 0];
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
      const [from, to] = this.bucket(hashOf(d));
      for (let at = from; at < to; at++) {
        const entry = this.entries[at]!;
        const key = this.keys[entry]!;
        if (seen.has(key) || !isDeletionOf(d, key)) continue;
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

/** Entries per hash in one (hash, entry) number: 2^32 hashes times this stays within a double's exact integers. */
const ENTRY_SPAN = 2 ** 21;

/** FNV-1a over the UTF-16 code units, unsigned 32 bits. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Whether `d` is among deletions(key, editsAllowed(key)): what is left of the key after deleting up to its allowed edits. */
function isDeletionOf(d: string, key: string): boolean {
  const dropped = key.length - d.length;
  if (dropped < 0 || dropped > editsAllowed(key)) return false;
  let k = 0;
  for (let i = 0; i < d.length; i++, k++) {
    while (k < key.length && key.charCodeAt(k) !== d.charCodeAt(i)) k++;
    if (k === key.length) return false;
  }
  return true;
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
