import { register as globalRegistry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/bot/conversation.ts';
import type { Incoming } from '../../src/bot/incoming.ts';
import { createFeud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { createDailyScheduler } from '../../src/schedule/daily-scheduler.ts';
import { StoreError } from '../../src/store/errors.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import type { CurationEntry, Store } from '../../src/store/store.ts';
import { createWriteBehind } from '../../src/store/write-behind.ts';
import { sample } from '../helpers/prometheus.ts';
import { testState } from '../helpers/state.ts';

const slack = (text: string, userId: string): Incoming => ({ platform: 'slack', channelId: 'C1', userId, text, via: 'command' });

describe('createMetrics', () => {
  let store: Store | undefined;
  afterEach(() => store?.close());

  it('counts answered and abstained questions from a real conversation, by platform and language', async () => {
    const metrics = createMetrics();
    const state = testState();
    store = state.store;
    const conversation = createConversation({
      feud: createFeud(loadFacts()),
      ...state,
      logger: silentLogger,
      events: metrics.conversationEvents,
      limits: { userCooldownSeconds: 0 },
    });

    const founded = await conversation.handle(slack('who founded OpenAI', 'U1'));
    expect(founded?.kind).toBe('answer');
    expect((await conversation.handle(slack('오픈AI는 누가 설립했어?', 'U2')))?.kind).toBe('answer');
    expect((await conversation.handle(slack("what's the weather in Seoul tomorrow", 'U3')))?.kind).toBe('abstain');
    // commands are not questions
    await conversation.handle(slack('help', 'U4'));

    const text = await metrics.registry.metrics();
    expect(sample(text, 'feud_questions_total', { platform: 'slack', lang: 'en', outcome: 'answered' })).toBe(1);
    expect(sample(text, 'feud_questions_total', { platform: 'slack', lang: 'ko', outcome: 'answered' })).toBe(1);
    expect(sample(text, 'feud_questions_total', { platform: 'slack', lang: 'en', outcome: 'abstained' })).toBe(1);
    expect(sample(text, 'feud_answer_seconds_count', { platform: 'slack' })).toBe(3);
    // each reply's time lands in a bucket (how fast is the bench's business, not a unit test's: CI machines are loaded)
    expect(sample(text, 'feud_answer_seconds_bucket', { platform: 'slack', le: '+Inf' })).toBe(3);
    expect(sample(text, 'feud_answer_seconds_sum', { platform: 'slack' })).toBeGreaterThan(0);
  });

  it('has sub-millisecond histogram buckets up to one second', async () => {
    const metrics = createMetrics();
    metrics.conversationEvents.question?.({ platform: 'discord', lang: 'en', answered: true, seconds: 0.0003 });
    metrics.conversationEvents.question?.({ platform: 'discord', lang: 'en', answered: true, seconds: 0.2 });
    const text = await metrics.registry.metrics();
    expect(sample(text, 'feud_answer_seconds_bucket', { platform: 'discord', le: '0.0001' })).toBe(0);
    expect(sample(text, 'feud_answer_seconds_bucket', { platform: 'discord', le: '0.0005' })).toBe(1);
    expect(sample(text, 'feud_answer_seconds_bucket', { platform: 'discord', le: '0.25' })).toBe(2);
    expect(sample(text, 'feud_answer_seconds_bucket', { platform: 'discord', le: '1' })).toBe(2);
    expect(sample(text, 'feud_answer_seconds_sum', { platform: 'discord' })).toBeCloseTo(0.2003, 6);
  });

  it('ignores a negative or non-finite duration instead of corrupting the histogram', async () => {
    const metrics = createMetrics();
    metrics.conversationEvents.question?.({ platform: 'console', lang: 'ko', answered: false, seconds: -0.5 });
    metrics.conversationEvents.question?.({ platform: 'console', lang: 'ko', answered: false, seconds: Number.NaN });
    const text = await metrics.registry.metrics();
    expect(sample(text, 'feud_questions_total', { platform: 'console', lang: 'ko', outcome: 'abstained' })).toBe(2);
    expect(sample(text, 'feud_answer_seconds_count', { platform: 'console' })).toBeUndefined();
  });

  it('counts daily posts sent and failed, and errors by source', async () => {
    const metrics = createMetrics();
    metrics.dailyEvents.posted('discord');
    metrics.dailyEvents.posted('discord');
    metrics.dailyEvents.failed('slack');
    metrics.errors.inc({ source: 'slack' });
    metrics.errors.inc({ source: 'store' });
    metrics.errors.inc({ source: 'store' });
    const text = await metrics.registry.metrics();
    expect(sample(text, 'feud_daily_posts_total', { platform: 'discord', status: 'sent' })).toBe(2);
    expect(sample(text, 'feud_daily_posts_total', { platform: 'slack', status: 'failed' })).toBe(1);
    expect(sample(text, 'feud_daily_posts_total', { platform: 'slack', status: 'sent' })).toBeUndefined();
    expect(sample(text, 'feud_errors_total', { source: 'store' })).toBe(2);
    expect(sample(text, 'feud_errors_total', { source: 'slack' })).toBe(1);
  });

  it('counts what failed a user: a store write lost, a conversation that broke, a daily post given up', async () => {
    const metrics = createMetrics();
    const memory = createMemoryStore();
    store = memory;
    const feud = createFeud(loadFacts());
    const broken = Object.create(memory) as Store;
    broken.recordCuration = async () => {
      throw new StoreError('full', 'the disk is full');
    };
    broken.setListen = async () => {
      throw new Error('SQLITE_IOERR');
    };
    // as main.ts wires it: a batch of bookkeeping that could not be written is counted as a store error
    const curation = createWriteBehind<CurationEntry>({
      name: 'curation entries',
      write: (b) => broken.recordCuration(b),
      logger: silentLogger,
      onError: () => metrics.errors.inc({ source: 'store' }),
      retryDelayMs: 60_000,
    });
    const conversation = createConversation({
      feud,
      store: broken,
      curation,
      logger: silentLogger,
      events: metrics.conversationEvents,
      limits: { userCooldownSeconds: 0 },
    });
    // the user still gets the answer; the lost bookkeeping is counted
    expect((await conversation.handle(slack('who founded OpenAI', 'U1')))?.kind).toBe('answer');
    conversation.feedback('openai-founding', true, 'slack');
    // a command that breaks: the user sees "something went wrong", the operator a count
    expect((await conversation.handle({ ...slack('listen on', 'U2'), canManageChannel: async () => true }))?.kind).toBe('error');

    await expect.poll(async () => sample(await metrics.registry.metrics(), 'feud_errors_total', { source: 'store' })).toBe(1);
    // shutting down tries the batch once more (and counts that failure too)
    await curation.close(0);
    await memory.upsertSubscription({ platform: 'slack', channelId: 'C-DAILY', time: '09:00', timeZone: 'Asia/Seoul', lang: 'en' }, 0);
    const scheduler = createDailyScheduler({
      store: memory,
      feud,
      clock: { now: () => Date.parse('2026-12-01T00:00:00Z') },
      logger: silentLogger,
      sleep: async () => undefined,
      events: metrics.dailyEvents,
      post: async () => {
        throw new Error('503 Service Unavailable');
      },
    });
    await scheduler.tick();
    await scheduler.stop();

    const text = await metrics.registry.metrics();
    expect(sample(text, 'feud_errors_total', { source: 'store' })).toBe(2);
    expect(sample(text, 'feud_errors_total', { source: 'conversation' })).toBe(1);
    expect(sample(text, 'feud_errors_total', { source: 'daily-post' })).toBe(1);
    expect(sample(text, 'feud_daily_posts_total', { platform: 'slack', status: 'failed' })).toBe(1);
  });

  it('keeps each instance on its own registry, with the default Node metrics, and leaves the global one alone', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.errors.inc({ source: 'discord' });
    expect(sample(await a.registry.metrics(), 'feud_errors_total', { source: 'discord' })).toBe(1);
    expect(sample(await b.registry.metrics(), 'feud_errors_total', { source: 'discord' })).toBeUndefined();
    expect(await globalRegistry.getSingleMetric('feud_errors_total')).toBeUndefined();
    const text = await a.registry.metrics();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).toContain('# HELP feud_questions_total');
    expect(a.registry.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
