/**
 * A Slack token revoked mid-run: every post fails while the HTTP listener stays up. The
 * operator must see it: feud_errors_total counts the failures and /healthz turns 503 naming
 * the adapter and the reason (real Bolt, fake Slack, the real ops server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelGoneError } from '../../src/bot/adapter.ts';
import { createFeud, type Feud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { healthOf } from '../../src/ops/health.ts';
import { type OpsServer, startOpsServer } from '../../src/ops/server.ts';
import { eventPayload, type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { sample } from '../helpers/prometheus.ts';
import { type SlackBot, startSlackBot } from '../helpers/slack-bot.ts';

let fake: FakeSlack;
let feud: Feud;
beforeAll(async () => {
  fake = await startFakeSlack();
  feud = createFeud(loadFacts());
});
afterAll(async () => {
  await fake?.close();
});

async function withOps(
  bot: SlackBot,
): Promise<{ ops: OpsServer; healthz(): Promise<{ status: number; body: Record<string, unknown> }>; errors(): Promise<number> }> {
  const ops = await startOpsServer({ port: 0, host: '127.0.0.1', metrics: bot.metrics, health: () => healthOf(bot.store, [bot.adapter]) });
  const base = `http://127.0.0.1:${ops.port}`;
  return {
    ops,
    async healthz() {
      const res = await fetch(`${base}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async errors() {
      return sample(await (await fetch(`${base}/metrics`)).text(), 'feud_errors_total', { source: 'slack' }) ?? 0;
    },
  };
}

describe.each(['token_revoked', 'invalid_auth', 'account_inactive'])('a Slack token rejected mid-run (%s)', (error) => {
  it('fails the posts, counts them, and turns /healthz 503 with the adapter shown down and why', async () => {
    const token = `xoxb-0000-${error.replace(/_/g, '-')}`;
    const bot = await startSlackBot(fake, feud, { botToken: token });
    const { ops, healthz, errors } = await withOps(bot);
    try {
      expect((await healthz()).status).toBe(200);
      expect(await errors()).toBe(0);

      fake.rejectToken(token, error);
      const channel = `C0REVOKED${error.length}`;
      // a mention's answer and a daily post both fail now
      await bot.send(
        eventPayload({ type: 'app_mention', user: 'U0123ABCD', text: `<@${fake.botUserId}> who founded OpenAI`, ts: '1700000700.000100', channel }),
      );
      const daily = bot.adapter.postToChannel(channel, feud.dailyFact(feud.factIds()[0]!, 'en'));
      await expect(daily).rejects.toThrow(error);
      // the bot's own account being gone is not the channel being gone: subscriptions stay on
      await expect(daily).rejects.not.toBeInstanceOf(ChannelGoneError);
      const deadline = Date.now() + 5000;
      while ((await errors()) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await errors()).toBe(2);

      const health = await healthz();
      expect(health.status).toBe(503);
      expect(health.body).toEqual({
        status: 'unavailable',
        store: true,
        adapters: { slack: false },
        problems: { slack: `SLACK_BOT_TOKEN was rejected by Slack (${error})` },
      });
    } finally {
      await ops.close();
      await bot.stop();
    }
  });
});
