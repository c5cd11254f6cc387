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
  /** Why it was disabled by the bot (channel deleted, bot removed), if it was. */
  disabledReason?: string;
}

export interface ChannelSettings extends ChannelKey {
  listen: boolean;
  lang?: Lang;
}

export type PostStatus = 'claimed' | 'sent' | 'failed';

export interface PostRecord extends ChannelKey {
  /** Local calendar date of the slot, YYYY-MM-DD in the subscription's zone. */
  localDate: string;
  factId: string;
  status: PostStatus;
  attempts: number;
  claimedAt: number;
  sentAt?: number;
  error?: string;
}

export interface UnansweredQuestion {
  text: string;
  normalised: string;
  lang: Lang;
  platform: string;
  at: number;
}

/**
 * Everything the bot keeps across restarts. One implementation on SQLite
 * (src/store/sqlite.ts); tests may use the same one on ':memory:'.
 */
export interface Store {
  getSettings(key: ChannelKey): ChannelSettings;
  setListen(key: ChannelKey, listen: boolean): void;

  getSubscription(key: ChannelKey): Subscription | undefined;
  listSubscriptions(): Subscription[];
  upsertSubscription(sub: Omit<Subscription, 'enabled' | 'disabledReason'>): Subscription;
  disableSubscription(key: ChannelKey, reason: string): void;

  /**
   * Atomically: if no post exists for (channel, localDate), draw the channel's next deck
   * fact and record a 'claimed' post. Returns the record, or undefined when another
   * process (or an earlier run) already claimed that slot.
   */
  claimDailyPost(key: ChannelKey, localDate: string, drawFact: (deckState: DeckState | undefined) => { factId: string; deck: DeckState }, now: number): PostRecord | undefined;
  markPostSent(key: ChannelKey, localDate: string, now: number): void;
  markPostFailed(key: ChannelKey, localDate: string, error: string, now: number): void;
  getPost(key: ChannelKey, localDate: string): PostRecord | undefined;

  recordUnanswered(q: UnansweredQuestion): void;
  listUnanswered(sinceMs: number): UnansweredQuestion[];
  recordFeedback(factId: string, helpful: boolean, platform: string, now: number): void;
  recordAnswer(factId: string | undefined, answered: boolean, platform: string, lang: Lang, now: number): void;

  isOpen(): boolean;
  close(): void;
}

/** A channel's shuffled order of fact ids and how far it has got. */
export interface DeckState {
  order: string[];
  position: number;
  /** The last fact posted, so a reshuffle never starts with it. */
  last?: string;
}
