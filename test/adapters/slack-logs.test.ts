/**
 * The log never says who asked: with LOG_LEVEL=trace (Bolt's and the Web API client's request
 * bodies included) and a failing users.info, no Slack user id appears in what is written.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { createLogger } from '../../src/log.ts';
import { eventPayload, type FakeSlack, slashCommandPayload, startFakeSlack } from '../fakes/slack.ts';
import { type SlackBot, startSlackBot } from '../helpers/slack-bot.ts';

const ASKER = 'U0123ABCD';
const MENTIONED = 'W0456EFGH';
const ADMIN = 'U0789IJKL';

let fake: FakeSlack;
let bot: SlackBot;
const lines: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.setUser(ADMIN, { isAdmin: true, tz: 'Asia/Seoul' });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  bot = await startSlackBot(fake, createFeud(loadFacts()), { logger: createLogger('trace', false, sink) });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('Slack logs', () => {
  it('mask user ids in users.info warnings and in Bolt and Web API trace output', async () => {
    // a failed lookup (the warning), a mention of someone, a lookup that works (trace of its body)
    fake.failMethod('users.info', 'user_not_found', 1);
    const status = fake.responseUrl();
    await bot.send(slashCommandPayload({ text: 'daily status', responseUrl: status, userId: ASKER, channelId: 'C0LOGS' }));
    await fake.waitFor((r) => r.method === 'response_url' && r.path === new URL(status).pathname);

    await bot.send(
      eventPayload({
        type: 'app_mention',
        user: ASKER,
        text: `<@${fake.botUserId}> what does <@${MENTIONED}> think of Musk`,
        ts: '1700000900.000100',
        channel: 'C0LOGS',
      }),
    );
    await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.channel === 'C0LOGS');

    const listen = fake.responseUrl();
    await bot.send(slashCommandPayload({ text: 'listen on', responseUrl: listen, userId: ADMIN, channelId: 'C0LOGS' }));
    await fake.waitFor((r) => r.method === 'response_url' && r.path === new URL(listen).pathname);

    const text = lines.join('');
    // the capture is real: the warning and the request bodies were written
    expect(text).toContain('users.info failed');
    expect(text).toMatch(/http request body/);
    expect(text).toContain('[user]');
    for (const id of [ASKER, MENTIONED, ADMIN]) expect(text).not.toContain(id);
  });
});
