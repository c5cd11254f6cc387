/** Rules every Store implementation applies the same way, kept once here. */
import * as z from 'zod';
import type { DeckState, RateHit, RateWindow } from './store.ts';

/** A claim that crashed mid-send is taken over this many times at most. */
export const MAX_TAKEOVERS = 1;

const DeckStateSchema = z.object({
  order: z.array(z.string()),
  position: z.number().int().min(0),
  last: z.string().optional(),
});

/** A deck saved by an older or broken build starts over rather than stopping the posts. */
export function parseDeck(json: string | undefined | null): DeckState | undefined {
  if (json === undefined || json === null) return undefined;
  try {
    const parsed = DeckStateSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return undefined;
    const { order, position, last } = parsed.data;
    return last === undefined ? { order, position } : { order, position, last };
  } catch {
    return undefined;
  }
}

/** A take counted into a window: the same window while it lasts, else a new one starting at the take. */
export function countHit(window: RateWindow | undefined, hit: RateHit): RateWindow {
  if (!window || hit.at - window.start >= hit.windowMs) return { start: hit.at, count: 1 };
  return { start: window.start, count: window.count + 1 };
}

/** Rate windows older than this are swept (longer than any window the bot uses: listen spacing is minutes). */
export const RATE_WINDOW_RETENTION_MS = 24 * 60 * 60_000;
