/**
 * The matcher's indexes, packed into typed arrays: at 10,000 facts there are millions of (term, fact)
 * pairs, and an object or a Map for each costs many times the text it stands for (and the garbage
 * collector's time to walk them). Terms get numbers once; everything else refers to the number.
 */

/** How a posting's weight is stored: an index into the few distinct weights (a fact part's weight), in a byte. */
const WEIGHT_BITS = 8;
const MAX_WEIGHTS = 1 << WEIGHT_BITS;
/** Facts above this many cannot be packed with their weight into one 32-bit number. */
export const MAX_FACTS = 2 ** (31 - WEIGHT_BITS);

/** Term → the facts that have it, with the weight of the part it came from, and its rarity (idf). */
export class Postings {
  private constructor(
    private readonly ids: ReadonlyMap<string, number>,
    /** Term id → where its postings start in `packed` (and the next id's start is where they end). */
    private readonly starts: Int32Array,
    /** fact << WEIGHT_BITS | weight index, facts in increasing order within a term. */
    private readonly packed: Int32Array,
    private readonly weightValues: Float64Array,
    private readonly idfs: Float64Array,
  ) {}

  /** A term's number, the same one PackedTermSets use; undefined for a term no fact has. */
  id(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** log(1 + facts / facts with the term), undefined for a term no fact has. */
  idf(term: string): number | undefined {
    const id = this.ids.get(term);
    return id === undefined ? undefined : this.idfs[id];
  }

  idfOfId(id: number): number {
    return this.idfs[id]!;
  }

  /** Calls `visit` for each fact with the term, in fact order. */
  forEach(term: string, visit: (fact: number, weight: number) => void): void {
    const id = this.ids.get(term);
    if (id === undefined) return;
    for (let p = this.starts[id]!; p < this.starts[id + 1]!; p++) {
      const packed = this.packed[p]!;
      visit(packed >>> WEIGHT_BITS, this.weightValues[packed & (MAX_WEIGHTS - 1)]!);
    }
  }

  has(term: string, fact: number): boolean {
    const id = this.ids.get(term);
    if (id === undefined) return false;
    for (let p = this.starts[id]!; p < this.starts[id + 1]!; p++) if (this.packed[p]! >>> WEIGHT_BITS === fact) return true;
    return false;
  }

  /** How many (term, fact) pairs are stored: memory grows with this, not with the number of objects. */
  get size(): number {
    return this.packed.length;
  }

  /** Facts are added in increasing order, each with its terms' weights; `expected`: how many (term, fact) pairs will come, when known (no regrowing). */
  static builder(expected = 1024): PostingsBuilder {
    const ids = new Map<string, number>();
    // every (term id, posting) pair in the order added, sorted by term at build (counting sort, so facts stay in order):
    // no array per term
    let pairs = new Int32Array(Math.max(1, expected) * 2);
    let pairCount = 0;
    const weightValues: number[] = [];
    let lastFact = -1;
    /** A term's id, numbered on first sight. */
    const idOfTerm = (term: string) => {
      let id = ids.get(term);
      if (id === undefined) {
        id = ids.size;
        ids.set(term, id);
      }
      return id;
    };
    /** For terms numbered by their place in one list (FactReading.terms): place → id, so each term is looked up by its text once, not once per fact. */
    let numbered: readonly string[] | undefined;
    let idOfPlace = new Int32Array(0);
    const add = (fact: number, count: number, idOf: (k: number) => number, weights: readonly number[]): number[] => {
      if (fact <= lastFact || fact >= MAX_FACTS) throw new RangeError(`facts are indexed in order and fewer than ${MAX_FACTS}`);
      lastFact = fact;
      if ((pairCount + count) * 2 > pairs.length) {
        const grown = new Int32Array(Math.max(pairs.length * 2, (pairCount + count) * 2));
        grown.set(pairs.subarray(0, pairCount * 2));
        pairs = grown;
      }
      const termIds: number[] = [];
      for (let k = 0; k < count; k++) {
        const weight = weights[k]!;
        const id = idOf(k);
        let w = weightValues.indexOf(weight);
        if (w < 0) {
          if (weightValues.length === MAX_WEIGHTS) throw new RangeError(`more than ${MAX_WEIGHTS} distinct weights`);
          w = weightValues.push(weight) - 1;
        }
        pairs[pairCount * 2] = id;
        pairs[pairCount * 2 + 1] = (fact << WEIGHT_BITS) | w;
        pairCount++;
        termIds.push(id);
      }
      return termIds;
    };
    return {
      addFact: (fact, terms, weights) => add(fact, terms.length, (k) => idOfTerm(terms[k]!), weights),
      addNumbered(fact, places, weights, terms) {
        if (numbered !== terms) {
          numbered = terms;
          idOfPlace = new Int32Array(terms.length).fill(-1);
        }
        return add(
          fact,
          places.length,
          (k) => {
            const place = places[k]!;
            if (!(place >= 0 && place < terms.length)) throw new RangeError(`term ${place} of ${terms.length}`);
            let id = idOfPlace[place]!;
            if (id < 0) idOfPlace[place] = id = idOfTerm(terms[place]!);
            return id;
          },
          weights,
        );
      },
      build(factCount) {
        const termCount = ids.size;
        const starts = new Int32Array(termCount + 1);
        for (let k = 0; k < pairCount; k++) starts[pairs[k * 2]! + 1]!++;
        for (let id = 0; id < termCount; id++) starts[id + 1]! += starts[id]!;
        const next = starts.slice(0, termCount);
        const packed = new Int32Array(pairCount);
        for (let k = 0; k < pairCount; k++) packed[next[pairs[k * 2]!]!++] = pairs[k * 2 + 1]!;
        const n = Math.max(factCount, 1);
        const idfs = new Float64Array(termCount);
        for (let id = 0; id < termCount; id++) idfs[id] = Math.log(1 + n / (starts[id + 1]! - starts[id]!));
        pairs = new Int32Array(0);
        pairCount = 0;
        idOfPlace = new Int32Array(0);
        numbered = undefined;
        return new Postings(ids, starts, packed, Float64Array.from(weightValues), idfs);
      },
    };
  }
}

export interface PostingsBuilder {
  /** One fact's distinct terms and their weights (the same order); gives back each term's id, in that order. */
  addFact(fact: number, terms: readonly string[], weights: readonly number[]): number[];
  /** The same with the terms given as places in `terms` (each place's text there once: FactReading.terms), the same ids as addFact would give. */
  addNumbered(fact: number, places: readonly number[], weights: readonly number[], terms: readonly string[]): number[];
  build(factCount: number): Postings;
}

/**
 * Every fact's variant sets (each a few term ids), in one flat array: per fact its set count, then each
 * set's length and ids. Far fewer objects than an array per set; a fact's sets are unpacked when asked for.
 */
export interface VariantSets {
  /** A fact's sets, as term ids in each set's own order. */
  of(fact: number): number[][];
  /** A fact's sets packed with their weights (the same as PackedTermSets.of(of(fact), weightOf), read straight from the flat array). */
  pack(fact: number, weightOf: (id: number) => number): PackedTermSets;
  /** (term, set) pairs stored, over every fact. */
  readonly memberships: number;
}

export class VariantSetsBuilder {
  private flat: Int32Array;
  private length = 0;
  private readonly starts: number[] = [];
  private memberships = 0;

  /** `length`: how many numbers the facts' flat sets hold together, when known (no regrowing). */
  constructor(length = 1024) {
    this.flat = new Int32Array(Math.max(1, length));
  }

  /** The next fact's sets, as positions into `ids` (its terms' ids). */
  addFact(sets: readonly (readonly number[])[], ids: readonly number[]): void {
    this.addFlat([sets.length, ...sets.flatMap((set) => [set.length, ...set])], ids);
  }

  /** The same, with the sets flat (FactReading's form): the count of sets, then each set's length and its positions. */
  addFlat(sets: readonly number[], ids: readonly number[]): void {
    this.starts.push(this.length);
    this.reserve(Math.max(1, sets.length));
    const flat = this.flat;
    let at = this.length;
    const count = sets[0] ?? 0;
    flat[at++] = count;
    for (let k = 1, s = 0; s < count; s++) {
      const length = sets[k++]!;
      flat[at++] = length;
      for (const end = k + length; k < end; k++) {
        const id = ids[sets[k]!];
        if (id === undefined) throw new Error(`a variant set names term ${sets[k]} of a fact with ${ids.length}`);
        flat[at++] = id;
      }
      this.memberships += length;
    }
    this.length = at;
  }

  build(): VariantSets {
    const flat = this.flat.slice(0, this.length);
    const starts = Int32Array.from(this.starts);
    const memberships = this.memberships;
    return {
      memberships,
      pack: (fact, weightOf) => PackedTermSets.fromFlat(flat, starts[fact]!, weightOf),
      of(fact) {
        let at = starts[fact]!;
        const count = flat[at++]!;
        const sets: number[][] = [];
        for (let s = 0; s < count; s++) {
          const length = flat[at++]!;
          const set: number[] = [];
          for (let end = at + length; at < end; at++) set.push(flat[at]!);
          sets.push(set);
        }
        return sets;
      },
    };
  }

  private reserve(more: number): void {
    if (this.length + more <= this.flat.length) return;
    const grown = new Int32Array(Math.max(this.flat.length * 2, this.length + more));
    grown.set(this.flat.subarray(0, this.length));
    this.flat = grown;
  }
}

/**
 * A few sets of terms (one fact's question variants), each with its total weight, answering
 * "which sets have this term": term ids sorted, each with the sets that have it.
 */
/** Scratch for PackedTermSets.fromFlat: term id → its place among one fact's ids (only the ids of the fact being packed are read). */
let slotById = new Int32Array(0);

/** Where a value is in a sorted array (halving), or -1. */
function indexOf(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid]!;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Sets per PackedTermSets: a set's index fits in 16 bits (and beside a term id in one exact double). */
const SET_KEY = 0x10000;

export class PackedTermSets {
  private constructor(
    readonly weights: Float64Array,
    private readonly termIds: Int32Array,
    private readonly starts: Int32Array,
    private readonly sets: Uint16Array,
  ) {}

  /** `sets`: each set's term ids in its own order (the order its weight is summed in); `weightOf` a term id's weight. */
  static of(sets: readonly (readonly number[])[], weightOf: (id: number) => number): PackedTermSets {
    const flat = [sets.length];
    for (const set of sets) flat.push(set.length, ...set);
    return PackedTermSets.fromFlat(Int32Array.from(flat), 0, weightOf);
  }

  /**
   * The sets laid out from `at` in `flat` as VariantSetsBuilder lays out one fact's (the set count, then each set's
   * length and term ids): typed arrays and two passes, no Map or array per term, as a start packs every fact of a small base.
   */
  static fromFlat(flat: Int32Array, at: number, weightOf: (id: number) => number): PackedTermSets {
    const count = flat[at]!;
    if (count >= SET_KEY) throw new RangeError('too many sets');
    const weights = new Float64Array(count);
    // each set's ids, and which set each id is in
    let members = 0;
    for (let s = 0, p = at + 1; s < count; s++) {
      const length = flat[p]!;
      members += length;
      p += 1 + length;
    }
    const ids = new Int32Array(members);
    const setOf = new Uint16Array(members);
    for (let s = 0, p = at + 1, m = 0; s < count; s++) {
      const length = flat[p++]!;
      let weight = 0;
      for (const end = p + length; p < end; p++, m++) {
        ids[m] = flat[p]!;
        setOf[m] = s;
        weight += weightOf(flat[p]!);
      }
      weights[s] = weight;
    }
    // distinct ids, sorted
    const sorted = ids.slice().sort();
    let distinct = 0;
    for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[distinct++] = sorted[k]!;
    const termIds = sorted.slice(0, distinct);
    // each id's place in termIds, by id (a lookup per membership, not a search)
    const top = distinct > 0 ? termIds[distinct - 1]! : 0;
    if (slotById.length <= top) slotById = new Int32Array(Math.max(top + 1, slotById.length * 2));
    for (let k = 0; k < distinct; k++) slotById[termIds[k]!] = k;
    // each id's sets, in set order (memberships are visited in set order): count, then place
    const starts = new Int32Array(distinct + 1);
    const slot = new Int32Array(members);
    for (let m = 0; m < members; m++) {
      slot[m] = slotById[ids[m]!]!;
      starts[slot[m]! + 1]!++;
    }
    for (let k = 0; k < distinct; k++) starts[k + 1]! += starts[k]!;
    const next = starts.slice(0, distinct);
    const sets = new Uint16Array(members);
    for (let m = 0; m < members; m++) sets[next[slot[m]!]!++] = setOf[m]!;
    return new PackedTermSets(weights, termIds, starts, sets);
  }

  /** (term, set) pairs stored. */
  get memberships(): number {
    return this.sets.length;
  }

  /** Adds `weight` to each set (by index) that has the term. */
  addTo(shared: SharedWeights, termId: number, weight: number): void {
    const k = this.find(termId);
    if (k >= 0) shared.addEach(this.sets, this.starts[k]!, this.starts[k + 1]!, weight);
  }

  private find(termId: number): number {
    return indexOf(this.termIds, termId);
  }
}

/**
 * Weight per set (by index) summed for one question at a time, in an array kept between questions: only the sets
 * touched are listed, read and reset, so a question costs what it touches, not the number of sets there are
 * (thousands of near misses), and allocates nothing.
 */
export class SharedWeights {
  private values = new Float64Array(0);
  /** The question (round) each set was last touched in: an older stamp means 0. */
  private stamps = new Uint32Array(0);
  private round = 0;
  private list = new Int32Array(0);
  /** How many sets the current round touched (the first `touchedCount` of `touched()`). */
  touchedCount = 0;

  /** A new round over sets 0..size-1, every weight 0. */
  reset(size: number): this {
    if (size > this.values.length) {
      const capacity = Math.max(size, this.values.length * 2);
      this.values = new Float64Array(capacity);
      this.stamps = new Uint32Array(capacity);
      this.list = new Int32Array(capacity);
      this.round = 0;
    }
    if (++this.round === 0xffffffff) {
      this.stamps.fill(0);
      this.round = 1;
    }
    this.touchedCount = 0;
    return this;
  }

  add(set: number, weight: number): void {
    this.addEach([set], 0, 1, weight);
  }

  /**
   * Adds `weight` to each of sets[from..to). One call per term, the loop inside: a call per set that is not inlined
   * would box the weight on every call (the garbage a question leaves, and the collector's pauses, grow with it).
   */
  addEach(sets: Uint16Array | Int32Array | readonly number[], from: number, to: number, weight: number): void {
    const { stamps, values, list, round } = this;
    let n = this.touchedCount;
    for (let p = from; p < to; p++) {
      const set = sets[p]!;
      if (stamps[set] !== round) {
        stamps[set] = round;
        values[set] = weight;
        list[n++] = set;
      } else values[set]! += weight;
    }
    this.touchedCount = n;
  }

  /**
   * The `count` highest weighted-Jaccard ratios among the sets touched, highest first (the same whatever order they
   * were touched in): each set's shared weight over the weight of the union of it (`setWeights`) and the question's terms.
   */
  bestRatios(setWeights: Float64Array, termsWeight: number, count: number): number[] {
    const best: number[] = [];
    const { values, list } = this;
    for (let k = 0; k < this.touchedCount; k++) {
      const i = list[k]!;
      const s = values[i]!;
      if (s === 0) continue;
      const ratio = s / (setWeights[i]! + termsWeight - s);
      if (best.length === count && ratio <= best[count - 1]!) continue;
      let at = best.length < count ? best.length : count - 1;
      while (at > 0 && best[at - 1]! < ratio) {
        if (at < count) best[at] = best[at - 1]!;
        at--;
      }
      best[at] = ratio;
    }
    return best;
  }

  /** The weight summed for a set touched this round. */
  weightOf(set: number): number {
    return this.values[set]!;
  }

  /** The sets touched this round, in the order first touched (read the first touchedCount). */
  touched(): Int32Array {
    return this.list;
  }
}
