import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelGoneError } from '../../src/bot/adapter.ts';
import { type ConversationDeps, createConversation } from '../../src/bot/conversation.ts';
import type { Incoming } from '../../src/bot/incoming.ts';
import { createFeud, type Feud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import { createDailyCommandHandler } from '../../src/schedule/daily-commands.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestState, testState } from '../helpers/state.ts';

let feud: Feud;
beforeAll(() => {
  feud = createFeud(loadFacts());
});

let state: TestState;
let store: Store;
let now: number;
const clock = { now: () => now };

beforeEach(() => {
  state = testState();
  store = state.store;
  now = Date.UTC(2026, 10, 29, 0, 0);
});

function conversation(overrides: Partial<ConversationDeps> = {}) {
  return createConversation({
    feud,
    ...state,
    logger: silentLogger,
    clock,
    daily: createDailyCommandHandler({ store, defaultTimeZone: 'Asia/Seoul', clock }),
    ...overrides,
  });
}

type Typed = Extract<Incoming, { text: string }>;
const msg = (text: string, extra: Partial<Typed> = {}): Incoming => ({
  platform: 'slack',
  channelId: 'C1',
  userId: 'U1',
  text,
  via: 'command',
  ...extra,
});
const click = (factId: string, extra: Partial<Extract<Incoming, { via: 'button' }>> = {}): Incoming => ({
  platform: 'slack',
  channelId: 'C1',
  userId: 'U1',
  via: 'button',
  factId,
  ...extra,
});
const manager = { canManageChannel: async () => true };
const member = { canManageChannel: async () => false };

describe('questions and commands', () => {
  it('answers a question and records nothing personal when it cannot', async () => {
    const c = conversation();
    expect((await c.handle(msg('who founded OpenAI')))?.fact?.id).toBe('openai-founding');
    now += 5000;
    const unknown = await c.handle(msg("what is Sam Altman's net worth"));
    expect(unknown?.kind).toBe('abstain');
    await state.curation.flush();
    const logged = await store.listUnanswered(0);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ text: "what is Sam Altman's net worth", platform: 'slack', lang: 'en' });
    expect(JSON.stringify(logged[0])).not.toContain('U1');
  });

  it('does not store unanswered questions when told not to', async () => {
    const c = conversation({ limits: { logQuestions: false } });
    await c.handle(msg('what is the weather in Seoul'));
    await state.curation.flush();
    expect(await store.listUnanswered(0)).toHaveLength(0);
  });

  it('refuses a question over the length cap politely', async () => {
    const reply = await conversation({ limits: { maxQuestionLength: 50 } }).handle(msg(`who founded OpenAI ${'and '.repeat(20)}`));
    expect(reply).toMatchObject({ kind: 'error', visibility: 'private' });
    expect(reply?.body).toMatch(/too long/);
  });

  it('answers a did-you-mean click with that fact, in the clicker’s language', async () => {
    const reply = await conversation().handle(click('takeover-bid', { locale: async () => 'ko' }));
    expect(reply).toMatchObject({ kind: 'answer', lang: 'ko' });
    expect(reply?.body).toMatch(/974억/);
    expect((await conversation().handle(click('no-such-fact')))?.kind).toBe('error');
  });

  it('records 👍/👎 per fact, and ignores unknown facts', async () => {
    const c = conversation();
    c.feedback('openai-founding', true, 'discord');
    c.feedback('openai-founding', false, 'slack');
    c.feedback('made-up', true, 'slack');
    await state.curation.flush();
    const stats = await store.factStats();
    expect(stats.find((s) => s.factId === 'openai-founding')).toMatchObject({ helpful: 1, unhelpful: 1 });
    expect(stats.find((s) => s.factId === 'made-up')).toBeUndefined();
  });
});

describe('abuse limits', () => {
  it('makes a user wait between questions, with a polite private note', async () => {
    const c = conversation({ limits: { userCooldownSeconds: 3 } });
    expect((await c.handle(msg('who founded OpenAI')))?.kind).toBe('answer');
    const second = await c.handle(msg('why did Musk sue OpenAI'));
    expect(second).toMatchObject({ kind: 'notice', visibility: 'private' });
    expect(second?.body).toMatch(/Try again in 3 s/);
    expect((await c.handle(msg('why did Musk sue OpenAI', { userId: 'U2' })))?.kind).toBe('answer');
    now += 3000;
    expect((await c.handle(msg('why did Musk sue OpenAI')))?.kind).toBe('answer');
  });

  it('caps answers per channel per minute', async () => {
    const c = conversation({ limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 2 } });
    await c.handle(msg('who founded OpenAI', { userId: 'A' }));
    await c.handle(msg('who founded OpenAI', { userId: 'B' }));
    const third = await c.handle(msg('who founded OpenAI', { userId: 'C' }));
    expect(third?.body).toMatch(/This channel has had a lot of answers/);
    expect((await c.handle(msg('who founded OpenAI', { userId: 'C', channelId: 'C2' })))?.kind).toBe('answer');
  });
});

describe('listen mode', () => {
  it('stays silent until a manager turns it on, then answers only confident questions, spaced out', async () => {
    const c = conversation({ limits: { listenIntervalMinutes: 10 } });
    const question = msg('who founded OpenAI?', { via: 'listen' });
    expect(await c.handle(question)).toBeNull();

    const denied = await c.handle(msg('listen on', member));
    expect(denied).toMatchObject({ kind: 'error', visibility: 'private' });
    expect(await c.handle(question)).toBeNull();

    expect((await c.handle(msg('listen on', manager)))?.kind).toBe('notice');
    expect(await c.handle(msg('lol what is for lunch', { via: 'listen' }))).toBeNull();
    expect(await c.handle(msg('help', { via: 'listen' }))).toBeNull();
    expect((await c.handle(question))?.fact?.id).toBe('openai-founding');
    // an unprompted answer counts in the per-fact stats like any other; silent chatter does not
    await state.curation.flush();
    expect((await store.factStats()).find((s) => s.factId === 'openai-founding')?.answers).toBe(1);
    expect(await store.listUnanswered(0)).toHaveLength(0);
    expect(await c.handle(msg('why did Musk sue OpenAI?', { via: 'listen' }))).toBeNull();
    now += 10 * 60_000;
    expect((await c.handle(msg('why did Musk sue OpenAI?', { via: 'listen' })))?.fact?.id).toBe('nonprofit-lawsuit');

    await c.handle(msg('listen off', manager));
    now += 10 * 60_000;
    expect(await c.handle(question)).toBeNull();
  });
});

describe('daily commands', () => {
  it('lets a manager subscribe with defaults, shows anyone the status, and turns off', async () => {
    const c = conversation();
    const on = await c.handle(msg('daily on', { ...manager, timeZone: async () => 'America/New_York' }));
    expect(on?.body).toMatch(/Every day at 09:00 \(America\/New_York\), in English/);
    expect(await store.getSubscription({ platform: 'slack', channelId: 'C1' })).toMatchObject({
      time: '09:00',
      timeZone: 'America/New_York',
      lang: 'en',
      enabled: true,
    });
    const status = await c.handle(msg('daily status', member));
    expect(status?.body).toMatch(/Next post: .*09:00 \(America\/New_York\)/);
    expect((await c.handle(msg('daily off', member)))?.kind).toBe('error');
    expect((await c.handle(msg('daily off', manager)))?.body).toMatch(/off/);
    expect((await c.handle(msg('daily status', member)))?.body).toMatch(/off in this channel \(turned off\)/);
  });

  it('takes time, zone and language in Korean, and explains a wrong zone or time with an example', async () => {
    const c = conversation();
    const on = await c.handle(msg('daily on 07:30 Asia/Seoul both 한국어', manager));
    expect(on?.kind).toBe('error'); // two languages named
    const ko = await c.handle(msg('매일 on 7:30 ko', { ...manager, text: '매일 on 7:30 ko' }));
    expect(ko?.body).toMatch(/매일 07:30 \(Asia\/Seoul\)에 한국어로/);
    const zone = await c.handle(msg('daily on 09:00 Mars/Olympus', manager));
    expect(zone?.body).toMatch(/Mars\/Olympus.*e\.g\. Asia\/Seoul/);
    const time = await c.handle(msg('daily on 25:00', manager));
    expect(time?.body).toMatch(/25:00.*e\.g\. 09:00/);
  });

  it('explains a Korean command’s mistakes in Korean only, and says what was turned off', async () => {
    const c = conversation();
    const latin = /[a-z]{3,}/i; // command names and examples in `code` aside, no English words
    const outsideCode = (text = '') => text.replace(/`[^`]*`/g, '').replace(/Asia\/Seoul|America\/New_York|HH:MM|IANA/g, '');
    for (const text of ['매일 켜기 25:00', '매일 켜기 09:00 Mars/Olympus', '매일 켜기 아무때나', '듣기 글쎄', '연표 2024-13']) {
      const reply = await c.handle(msg(text, manager));
      expect(reply?.kind, text).toBe('error');
      expect(outsideCode(reply?.body).replace(/Mars\/Olympus/, ''), text).not.toMatch(latin);
    }
    await c.handle(msg('매일 켜기 09:00', manager));
    await c.handle(msg('매일 끄기', manager));
    expect((await c.handle(msg('매일 상태', member)))?.body).toMatch(/꺼져 있습니다 \(사유: 직접 끔\)/);
  });

  it('says why a gone channel’s posts stopped in the reader’s language, not the platform’s English', async () => {
    const c = conversation();
    await c.handle(msg('daily on 09:00', manager));
    // what the scheduler stores when a post gets 404/403
    await store.disableSubscription({ platform: 'slack', channelId: 'C1' }, new ChannelGoneError('C1', '404 Unknown Channel (code 10003)').message);
    const ko = (await c.handle(msg('매일 상태', member)))?.body ?? '';
    expect(ko).toMatch(/\(사유: 채널이 없어졌거나 봇이 채널에서 내보내졌습니다\)/);
    expect(ko).not.toMatch(/Unknown Channel|is gone/);
    expect((await c.handle(msg('daily status', member)))?.body).toMatch(/\(the channel is gone, or the bot was removed from it\)/);
  });
});

describe('follow-ups', () => {
  it('reads "그거 언제였어?" with what the same person was just answered, for ten minutes, and not for anyone else', async () => {
    const c = conversation();
    expect((await c.handle(msg('스타게이트가 뭐야?')))?.fact?.id).toBe('stargate-announcement');
    now += 5000;
    const followUp = await c.handle(msg('그래서 그거 언제였는데?'));
    expect(followUp?.kind).toBe('answer');
    expect(followUp?.fact?.id).toBe('stargate-announcement');
    // another person in the same channel asked nothing before
    now += 5000;
    expect((await c.handle(msg('그래서 그거 언제였는데?', { userId: 'U2' })))?.kind).toBe('abstain');
    // and after ten minutes the first person's question is read on its own again
    now += 11 * 60_000;
    expect((await c.handle(msg('그래서 그거 언제였는데?')))?.kind).toBe('abstain');
  });

  it('leaves a question that stands on its own alone', async () => {
    const c = conversation();
    await c.handle(msg('why did Musk sue OpenAI'));
    now += 5000;
    expect((await c.handle(msg('when was OpenAI founded')))?.fact?.id).toBe('openai-founding');
  });
});
