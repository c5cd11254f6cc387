import type { Lang } from '../core/reply.ts';

/** Where a channel lives: the platform and its own channel id. */
export interface ChannelKey {
  platform: string; // 'discord' | 'slack' | 'console'
  channelId: string;
}

export type DailyLang = Lang | 'both';

export interface Subscription extends ChannelKey {
  /** "HH:MM", local to timeZone. */
  time: string;
  /** IANA zone name, e.g. "Asia/Seoul". */
  timeZone: string;
  lang: DailyLang;
  enabled: boolean;
  /**
   * When it was last turned on or changed (epoch ms). A slot earlier than this is never
   * posted, so `daily on 09:00` said at 10:00 starts tomorrow instead of posting at once.
   */
  since: number;
  /** Why it was disabled (channel deleted, bot removed, turned off), if it was. */
  disabledReason?: string;
}

/** What `daily on` stores; enabled, since and disabledReason are set by the store. */
export type SubscriptionInput = Omit<Subscription, 'enabled' | 'since' | 'disabledReason'>;

/** A reply's language is always the question's (Hangul → Korean); no per-channel override. */
export interface ChannelSettings extends ChannelKey {
  listen: boolean;
}

/** claimed: someone is sending it; sent: it went out; failed: gave up for that day. */
export type PostStatus = 'claimed' | 'sent' | 'failed';

export interface PostRecord extends ChannelKey {
  /** Local calendar date of the slot, YYYY-MM-DD in the subscription's zone. */
  localDate: string;
  factId: string;
  status: PostStatus;
  /** Send attempts made so far (successful or not). */
  attempts: number;
  claimedAt: number;
  /** A 'claimed' post whose lease has run out was abandoned (crash) and may be taken over. */
  leaseUntil: number;
  /** How many times an abandoned claim was taken over (at most once). */
  takeovers: number;
  sentAt?: number;
  /** When the last send attempt ended (sent, retried or given up). */
  lastTryAt?: number;
  /** The last send error, kept after a successful retry too. */
  error?: string;
}

export interface UnansweredQuestion {
  text: string;
  normalised: string;
  lang: Lang;
  platform: string;
  at: number;
}

/** How one fact fared with users, summed over platforms. */
export interface FactStats {
  factId: string;
  answers: number;
  helpful: number;
  unhelpful: number;
}

/** A channel's shuffled order of fact ids and how far it has got. */
export interface DeckState {
  order: string[];
  position: number;
  /** The last fact posted, so a reshuffle never starts with it. */
  last?: string;
}

export type DrawFact = (deckState: DeckState | undefined) => { factId: string; deck: DeckState };

/**
 * Everything the bot keeps across restarts. One implementation on SQLite
 * (src/store/sqlite.ts); tests use the same one on ':memory:'.
 */
export interface Store {
  getSettings(key: ChannelKey): ChannelSettings;
  setListen(key: ChannelKey, listen: boolean): void;

  getSubscription(key: ChannelKey): Subscription | undefined;
  /** Every subscription, enabled or not. */
  listSubscriptions(): Subscription[];
  /** Turn on (or change) a channel's daily post; enables it and sets `since` to now. */
  upsertSubscription(sub: SubscriptionInput, now: number): Subscription;
  /** Stop posting; the reason is kept for `daily status` ("turned off", "channel deleted"). */
  disableSubscription(key: ChannelKey, reason: string): void;

  /**
   * In one write transaction, decide who sends the (channel, localDate) post:
   * - no post yet: draw the channel's next deck fact, save the deck, record a 'claimed'
   *   post with a lease of leaseMs, and return it;
   * - a 'claimed' post whose lease has expired and was never taken over (its sender
   *   crashed): take it over once (same fact, new lease, takeovers + 1) and return it;
   * - otherwise (sent, failed, being sent, already taken over): undefined.
   * Two processes on one database file never both get a record for the same slot.
   */
  claimDailyPost(key: ChannelKey, localDate: string, drawFact: DrawFact, now: number, leaseMs: number): PostRecord | undefined;
  /** The send went through. */
  markPostSent(key: ChannelKey, localDate: string, now: number): void;
  /** One send attempt failed and will be retried: count it, keep the error, extend the lease. */
  recordPostRetry(key: ChannelKey, localDate: string, error: string, now: number, leaseUntil: number): void;
  /** Gave up for that day (attempts used up, channel gone). */
  markPostFailed(key: ChannelKey, localDate: string, error: string, now: number): void;
  getPost(key: ChannelKey, localDate: string): PostRecord | undefined;
  /** The channel's most recent post by local date, whatever its status. */
  lastPost(key: ChannelKey): PostRecord | undefined;

  recordUnanswered(q: UnansweredQuestion): void;
  /** Unanswered questions at or after sinceMs, oldest first. */
  listUnanswered(sinceMs: number): UnansweredQuestion[];
  recordFeedback(factId: string, helpful: boolean, platform: string, now: number): void;
  recordAnswer(factId: string | undefined, answered: boolean, platform: string, lang: Lang, now: number): void;
  /** Per fact answered at least once or rated: answers, 👍 and 👎; most answered first. */
  factStats(): FactStats[];

  isOpen(): boolean;
  close(): void;
}
