/**
 * Prometheus metrics on a registry of our own, so tests and several bots in one process
 * never share counters through prom-client's global registry.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ErrorCounter, ShardState } from '../bot/adapter.ts';
import type { ConversationEvents } from '../bot/conversation.ts';

export interface DailyPostEvents {
  posted(platform: string): void;
  failed(platform: string): void;
  /** Something in the scheduler itself failed (the store), not one send. */
  error(source: string): void;
}

export interface Metrics {
  registry: Registry;
  conversationEvents: ConversationEvents;
  dailyEvents: DailyPostEvents;
  /** Something went wrong that did not stop the bot: an adapter event, a daily post, a store write. */
  errors: ErrorCounter;
  /** Gateway events handled, by the shard they came on (Discord). */
  shardEvents: { event(shard: number, kind: 'interaction' | 'message'): void };
  /** Read a platform's shards at every scrape (up, servers, heartbeat latency). */
  observeShards(platform: string, read: () => readonly ShardState[]): void;
}

/** The core answers in well under a millisecond; anything near a second means something is wrong. */
export const ANSWER_SECONDS_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const questions = new Counter({
    name: 'feud_questions_total',
    help: 'Questions asked, by platform, reply language and whether the bot answered or abstained',
    labelNames: ['platform', 'lang', 'outcome'] as const,
    registers: [registry],
  });
  const answerSeconds = new Histogram({
    name: 'feud_answer_seconds',
    help: 'Time from receiving a question to having its reply, by platform',
    labelNames: ['platform'] as const,
    buckets: ANSWER_SECONDS_BUCKETS,
    registers: [registry],
  });
  const dailyPosts = new Counter({
    name: 'feud_daily_posts_total',
    help: 'Daily fact posts, by platform and whether they were sent or failed',
    labelNames: ['platform', 'status'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'feud_errors_total',
    help: 'Errors that failed a user or a post and that the bot survived, by where they happened: slack, discord (a send or a listener), daily-post, store, conversation, unhandled-rejection, uncaught-exception',
    labelNames: ['source'] as const,
    registers: [registry],
  });

  const shardReaders = new Map<string, () => readonly ShardState[]>();
  const eachShard = (record: (platform: string, shard: ShardState) => void) => {
    for (const [platform, read] of shardReaders) for (const shard of read()) record(platform, shard);
  };
  new Gauge({
    name: 'feud_gateway_shard_up',
    help: 'Whether each gateway shard this process holds is connected and ready (1) or not (0), by platform and shard',
    labelNames: ['platform', 'shard'] as const,
    registers: [registry],
    collect() {
      this.reset();
      eachShard((platform, s) => this.set({ platform, shard: String(s.id) }, s.status === 'ready' ? 1 : 0));
    },
  });
  new Gauge({
    name: 'feud_gateway_shard_guilds',
    help: 'Servers each gateway shard holds, by platform and shard',
    labelNames: ['platform', 'shard'] as const,
    registers: [registry],
    collect() {
      this.reset();
      eachShard((platform, s) => this.set({ platform, shard: String(s.id) }, s.guilds));
    },
  });
  new Gauge({
    name: 'feud_gateway_shard_latency_seconds',
    help: 'The last heartbeat round trip of each gateway shard, by platform and shard',
    labelNames: ['platform', 'shard'] as const,
    registers: [registry],
    collect() {
      this.reset();
      eachShard((platform, s) => s.latencyMs !== undefined && this.set({ platform, shard: String(s.id) }, s.latencyMs / 1000));
    },
  });
  const gatewayEvents = new Counter({
    name: 'feud_gateway_events_total',
    help: 'Interactions and messages received, by platform, shard and kind',
    labelNames: ['platform', 'shard', 'kind'] as const,
    registers: [registry],
  });

  return {
    registry,
    shardEvents: { event: (shard, kind) => gatewayEvents.inc({ platform: 'discord', shard: String(shard), kind }) },
    observeShards: (platform, read) => void shardReaders.set(platform, read),
    conversationEvents: {
      question({ platform, lang, answered, seconds }) {
        questions.inc({ platform, lang, outcome: answered ? 'answered' : 'abstained' });
        // a clock that went backwards must not poison the histogram
        if (Number.isFinite(seconds) && seconds >= 0) answerSeconds.observe({ platform }, seconds);
      },
      error: (source) => errors.inc({ source }),
    },
    dailyEvents: {
      posted: (platform) => dailyPosts.inc({ platform, status: 'sent' }),
      // a daily post given up for the day is an error an operator should see, not only a count of posts
      failed: (platform) => {
        dailyPosts.inc({ platform, status: 'failed' });
        errors.inc({ source: 'daily-post' });
      },
      error: (source) => errors.inc({ source }),
    },
    errors: { inc: ({ source }) => errors.inc({ source }) },
  };
}
