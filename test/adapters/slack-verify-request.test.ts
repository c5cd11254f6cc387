/**
 * Slack's request checks in HTTP mode: the pure verdicts of verify-request.ts, then the same
 * requests against the real Bolt app on 127.0.0.1 (signed with the fake's signer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_SEC, verifySlackRequest } from '../../adapters/slack/verify-request.ts';
import { MemorySeenRequests } from '../../src/bot/seen-requests.ts';
import { createFeud, type Feud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { type FakeSlack, signSlackRequest, slashCommandPayload, startFakeSlack } from '../fakes/slack.ts';
import { SIGNING_SECRET, type SlackBot, startSlackBot } from '../helpers/slack-bot.ts';

const NOW_MS = Date.UTC(2026, 3, 1, 12, 0, 0);
const nowSec = Math.floor(NOW_MS / 1000);

function check(rawBody: string, options: { timestampSec?: number; contentType?: string; seen?: MemorySeenRequests; signature?: string } = {}) {
  const headers = signSlackRequest(SIGNING_SECRET, rawBody, options.timestampSec ?? nowSec);
  return verifySlackRequest(
    {
      rawBody,
      contentType: options.contentType ?? 'application/json',
      signature: options.signature ?? headers['x-slack-signature'],
      timestamp: headers['x-slack-request-timestamp'],
    },
    { signingSecret: SIGNING_SECRET, nowMs: NOW_MS, seen: options.seen ?? new MemorySeenRequests({ clock: { now: () => NOW_MS } }) },
  );
}

describe('verifySlackRequest', async () => {
  const event = JSON.stringify({ type: 'event_callback', event: { type: 'app_mention' } });

  it('accepts a signed object within 5 minutes either side', async () => {
    for (const skew of [0, -MAX_CLOCK_SKEW_SEC, MAX_CLOCK_SKEW_SEC]) expect(await check(event, { timestampSec: nowSec + skew })).toEqual({ ok: true });
  });

  it.each([
    ['an hour in the future', 3600],
    ['5 minutes and 1 second in the future', MAX_CLOCK_SKEW_SEC + 1],
    ['5 minutes and 1 second in the past', -MAX_CLOCK_SKEW_SEC - 1],
  ])('refuses a timestamp %s with 401', async (_what, skew) => {
    expect(await check(event, { timestampSec: nowSec + skew })).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/5 minutes/) });
  });

  it('refuses a wrong or malformed signature with 401', async () => {
    expect(await check(event, { signature: `v0=${'0'.repeat(64)}` })).toMatchObject({ ok: false, status: 401, reason: 'signature mismatch' });
    expect(await check(event, { signature: 'v1=abc' })).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses the same signed request a second time within the window, and lets it be forgotten after', async () => {
    let now = NOW_MS;
    const seen = new MemorySeenRequests({ clock: { now: () => now } });
    expect(await check(event, { seen })).toEqual({ ok: true });
    expect(await check(event, { seen })).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/replayed/) });
    // a different body (or timestamp) is a different signature
    expect(await check(`${event} `, { seen })).toEqual({ ok: true });
    now += (MAX_CLOCK_SKEW_SEC + 2) * 1000;
    expect(seen.firstSeen('unrelated', now + 1)).toBe(true); // the memory moves on; the old signature is past its window anyway
  });

  it.each([['null'], ['[]'], ['42'], ['"text"'], ['{not json']])('refuses a signed JSON body %s with 400', async (body) => {
    expect(await check(body)).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses a signed form whose payload is not a JSON object with 400, and accepts a slash command form', async () => {
    const form = 'application/x-www-form-urlencoded';
    expect(await check('payload=null', { contentType: form })).toMatchObject({ ok: false, status: 400 });
    expect(await check('payload=%5B1%5D', { contentType: form })).toMatchObject({ ok: false, status: 400 });
    expect(await check('command=%2Ffeud&text=hi', { contentType: form })).toEqual({ ok: true });
  });

  it("lets Slack's unsigned ssl_check through (Bolt answers it and ignores the rest)", async () => {
    expect(
      await verifySlackRequest(
        { rawBody: 'ssl_check=1&token=x', contentType: 'application/x-www-form-urlencoded', signature: undefined, timestamp: undefined },
        { signingSecret: SIGNING_SECRET, nowMs: NOW_MS, seen: new MemorySeenRequests() },
      ),
    ).toEqual({ ok: true });
  });
});

describe('Slack request checks over HTTP (real Bolt, fake Slack)', async () => {
  let fake: FakeSlack;
  let feud: Feud;
  let bot: SlackBot;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    fake = await startFakeSlack();
    feud = createFeud(loadFacts());
    bot = await startSlackBot(fake, feud);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await bot?.stop();
    await fake?.close();
  });

  const responsesTo = (responseUrl: string) => fake.calls('response_url').filter((r) => r.path === new URL(responseUrl).pathname);

  it('refuses a signed command stamped an hour ahead with 401, and never answers it', async () => {
    const responseUrl = fake.responseUrl();
    const res = await bot.send(slashCommandPayload({ text: 'who founded OpenAI', responseUrl }), { timestampSec: Math.floor(Date.now() / 1000) + 3600 });
    expect(res.status).toBe(401);
    // a valid command after it is answered, so had the first been, it would have been by now
    const later = fake.responseUrl();
    expect((await bot.send(slashCommandPayload({ text: 'who founded OpenAI', responseUrl: later }))).status).toBe(200);
    await fake.waitFor((r) => r.method === 'response_url' && r.path === new URL(later).pathname);
    expect(responsesTo(responseUrl)).toHaveLength(0);
  });

  it('answers a signed command once; the same bytes replayed get 401', async () => {
    const responseUrl = fake.responseUrl();
    const payload = slashCommandPayload({ text: 'who founded OpenAI', responseUrl });
    const timestampSec = Math.floor(Date.now() / 1000);
    expect((await bot.send(payload, { timestampSec })).status).toBe(200);
    await fake.waitFor((r) => r.method === 'response_url' && r.path === new URL(responseUrl).pathname);
    for (let i = 0; i < 3; i++) expect((await bot.send(payload, { timestampSec })).status).toBe(401);
    const later = fake.responseUrl();
    await bot.send(slashCommandPayload({ text: 'who founded OpenAI', responseUrl: later }));
    await fake.waitFor((r) => r.method === 'response_url' && r.path === new URL(later).pathname);
    expect(responsesTo(responseUrl)).toHaveLength(1);
  });

  it.each([
    ['null', 'application/json'],
    ['[]', 'application/json'],
    ['42', 'application/json'],
    ['payload=null', 'application/x-www-form-urlencoded'],
  ])('answers a signed body %s with 400 at once, not a hang or an unhandled rejection', async (body, contentType) => {
    const res = await bot.send({ contentType, body }, { timeoutMs: 4000 });
    expect(res.status).toBe(400);
    expect(unhandled).toEqual([]);
  });
});
