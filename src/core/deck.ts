/**
 * A channel's daily deck: every fact once, in a shuffled order, before any fact comes back.
 * Pure: the state comes in and goes out (the store keeps it), randomness is passed in.
 */
import type { DeckState } from '../store/store.ts';

export type { DeckState };

export interface Draw {
  factId: string;
  deck: DeckState;
}

/**
 * The next fact for a channel.
 * - No fact repeats until every fact in the deck has been drawn.
 * - A fact no longer in `factIds` is skipped; a fact new to `factIds` joins at the next reshuffle.
 * - A reshuffle never starts with the fact drawn last, so no fact is posted two days running
 *   (unless the base holds only one fact).
 * Throws when `factIds` is empty: there is nothing to post.
 */
export function drawNext(state: DeckState | undefined, factIds: readonly string[], random: () => number): Draw {
  const current = new Set(factIds);
  if (current.size === 0) throw new Error('the fact base is empty; there is no fact to post');

  if (state) {
    for (let i = state.position; i < state.order.length; i++) {
      const factId = state.order[i]!;
      if (current.has(factId)) return { factId, deck: { order: state.order, position: i + 1, last: factId } };
    }
  }

  const order = shuffle([...current], random);
  const last = state?.last;
  if (order.length > 1 && order[0] === last) {
    // swap the repeat out of first place with any other fact
    const j = 1 + pick(order.length - 1, random);
    [order[0], order[j]] = [order[j]!, order[0]!];
  }
  const factId = order[0]!;
  return { factId, deck: { order, position: 1, last: factId } };
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = pick(i + 1, random);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** An index in [0, n), safe against a random() that returns 1 or garbage. */
function pick(n: number, random: () => number): number {
  const r = random();
  const i = Math.floor((Number.isFinite(r) ? r : 0) * n);
  return Math.min(Math.max(i, 0), n - 1);
}
