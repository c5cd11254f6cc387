/**
 * Posting to a slow or rate-limited Slack, with the real Bolt and Web API client against the
 * fake: never a post twice, and one channel's 429 never holds up another. The client's timeout
 * is shortened (1 s) and the fake's delays scaled with it: a 2.5 s answer is the shape of the
 * 11 s answer measured against the 10 s timeout, a 0.4 s one the shape of a slow 5 s answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryUnknownError } from '../../src/bot/adapter.ts';
import { createFeud, type Feud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { eventPayload, type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { sample } from '../helpers/prometheus.ts';
import { type SlackBot, startSlackBot, within } from '../helpers/slack-bot.ts';

const TIMEOUT_MS = 1000;
const LATE_MS = 2500;
const SLOW_BUT_IN_TIME_MS = 400;

let fake: FakeSlack;
let feud: Feud;
let bot: SlackBot;

beforeAll(async () => {
  fake = await startFakeSlack();
  feud = createFeud(loadFacts());
  bot = await startSlackBot(fake, feud, { apiTimeoutMs: TIMEOUT_MS });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const postsTo = (channel: string) => fake.calls('chat.postMessage').filter((r) => r.body.channel === channel);
const daily = () => feud.dailyFact(feud.factIds()[0]!, 'en');
const slackErrors = async () => sample(await bot.metrics.registry.metrics(), 'feud_errors_total', { source: 'slack' }) ?? 0;

describe('a slow Slack: exactly one post', () => {
  it('a daily post answered after the timeout is posted once and reported as maybe delivered, not retried', async () => {
    fake.delayMethod('chat.postMessage', LATE_MS, 1);
    const attempt = bot.adapter.postToChannel('C0SLOWDAILY', daily());
    await expect(attempt).rejects.toBeInstanceOf(DeliveryUnknownError);
    await expect(attempt).rejects.toThrow(/did not answer in time/);
    expect(postsTo('C0SLOWDAILY')).toHaveLength(1);
  });

  it('a daily post answered slowly but within the timeout is posted once and succeeds', async () => {
    fake.delayMethod('chat.postMessage', SLOW_BUT_IN_TIME_MS, 1);
    await bot.adapter.postToChannel('C0SLOWOK', daily());
    expect(postsTo('C0SLOWOK')).toHaveLength(1);
    expect(postsTo('C0SLOWOK')[0]?.status).toBe(200);
  });

  it('an answer to a mention that Slack acknowledges late is posted once, and the failure is counted', async () => {
    const before = await slackErrors();
    fake.delayMethod('chat.postMessage', LATE_MS, 1);
    const ts = '1700000500.000100';
    const payload = eventPayload({ type: 'app_mention', user: 'U0123ABCD', text: `<@${fake.botUserId}> who founded OpenAI`, ts, channel: 'C0SLOWMENTION' });
    expect((await bot.send(payload)).status).toBe(200);
    // the listener's failure is the signal that it has given up; a retry would come before it
    const deadline = Date.now() + 10_000;
    while ((await slackErrors()) === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await slackErrors()).toBe(before + 1);
    expect(postsTo('C0SLOWMENTION')).toHaveLength(1);
  }, 15_000);
});

describe('a 429 on one channel', () => {
  it('does not hold up a post to another channel, while the limited one waits its turn', async () => {
    const own = await startSlackBot(fake, feud);
    try {
      fake.rateLimitChannel('C0LIMITED', 30, 1);
      const limited = own.adapter.postToChannel('C0LIMITED', daily());
      limited.catch(() => undefined);
      await fake.waitFor((r) => r.body.channel === 'C0LIMITED' && r.status === 429);
      // let the client take in the 429 (a few ms); the old client then paused its whole queue for the 30 s
      await new Promise((resolve) => setTimeout(resolve, 250));
      const other = await within(own.adapter.postToChannel('C0UNRELATED', daily()), 5000);
      expect(other.settled).toBe(true);
      expect(postsTo('C0UNRELATED').map((r) => r.status)).toEqual([200]);
      expect(postsTo('C0LIMITED').map((r) => r.status)).toEqual([429]);
    } finally {
      await own.stop();
    }
  }, 15_000);

  it('is posted once after its Retry-After', async () => {
    fake.rateLimitChannel('C0WAITS', 1, 1);
    await bot.adapter.postToChannel('C0WAITS', daily());
    expect(postsTo('C0WAITS').map((r) => r.status)).toEqual([429, 200]);
  });

  it('gives up at once when the Retry-After is longer than a late answer is worth, and says so', async () => {
    const own = await startSlackBot(fake, feud, { maxRateLimitWaitMs: 5000 });
    try {
      fake.rateLimitChannel('C0LONGLIMIT', 120, 1);
      await expect(own.adapter.postToChannel('C0LONGLIMIT', daily())).rejects.toThrow(/rate.limit/i);
      expect(postsTo('C0LONGLIMIT').map((r) => r.status)).toEqual([429]);
      expect(await sample(await own.metrics.registry.metrics(), 'feud_errors_total', { source: 'slack' })).toBe(1);
    } finally {
      await own.stop();
    }
  }, 10_000);
});
