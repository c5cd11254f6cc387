/**
 * Prometheus metrics on a registry of our own, so tests and several bots in one process
 * never share counters through prom-client's global registry.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ErrorCounter } from '../bot/adapter.ts';
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

  return {
    registry,
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
