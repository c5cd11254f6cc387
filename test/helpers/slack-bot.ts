/**
 * A Slack adapter (real Bolt, HTTP mode on 127.0.0.1) on the real conversation and fact base,
 * pointed at a fake Slack, with its errors counted: what the hardening tests start and stop.
 */
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../adapters/slack/adapter.ts';
import { createConversation } from '../../src/bot/conversation.ts';
import type { Feud } from '../../src/core/feud.ts';
import { silentLogger } from '../../src/log.ts';
import { createMetrics, type Metrics } from '../../src/ops/metrics.ts';
import type { Store } from '../../src/store/store.ts';
import { type FakeSlack, postSigned, type SlackPayload } from '../fakes/slack.ts';
import { testState } from './state.ts';

export const SIGNING_SECRET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const BOT_TOKEN = 'xoxb-0000-test-token';

export interface SlackBot {
  adapter: SlackAdapter;
  store: Store;
  metrics: Metrics;
  eventsUrl: string;
  send(
    payload: SlackPayload,
    options?: { headers?: Record<string, string>; timestampSec?: number; signature?: string; timeoutMs?: number },
  ): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export async function startSlackBot(
  fake: FakeSlack,
  feud: Feud,
  options: Partial<Omit<SlackAdapterOptions, 'config'>> & { botToken?: string; store?: Store } = {},
): Promise<SlackBot> {
  const state = testState(options.store);
  const { store } = state;
  const metrics = createMetrics();
  const conversation = createConversation({
    feud,
    ...state,
    logger: options.logger ?? silentLogger,
    limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0 },
    events: metrics.conversationEvents,
  });
  const adapter = createSlackAdapter({
    conversation,
    feud,
    logger: silentLogger,
    host: '127.0.0.1',
    errors: metrics.errors,
    ...options,
    config: { botToken: options.botToken ?? BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, adminUserIds: [] },
  });
  await adapter.start();
  const eventsUrl = `http://127.0.0.1:${adapter.port()}/slack/events`;
  return {
    adapter,
    store,
    metrics,
    eventsUrl,
    send: (payload, sendOptions = {}) => postSigned(eventsUrl, payload, { signingSecret: SIGNING_SECRET, ...sendOptions }),
    async stop() {
      await adapter.stop();
      await state.curation.close();
      if (!options.store) await store.close();
    },
  };
}

/** Settle within `ms`, or say it did not: for "this must not be held up" checks, bounded. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<{ settled: true; value: T } | { settled: false }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.then((value) => ({ settled: true as const, value })),
      new Promise<{ settled: false }>((resolve) => (timer = setTimeout(() => resolve({ settled: false }), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
