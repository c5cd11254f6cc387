/**
 * The Telegram adapter end to end: grammY's real Bot, the real conversation and fact base,
 * against a fake Bot API on 127.0.0.1, on long polling and on a webhook. Every wait is bounded.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTelegramAdapter, type TelegramAdapter } from '../../adapters/telegram/adapter.ts';
import { telegram } from '../../adapters/telegram/index.ts';
import { escapeHtml, renderReply } from '../../adapters/telegram/render.ts';
import { ChannelGoneError } from '../../src/bot/adapter.ts';
import { createConversation } from '../../src/bot/conversation.ts';
import type { Conversation } from '../../src/bot/incoming.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createFeud, type Feud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import { createDailyCommandHandler } from '../../src/schedule/daily-commands.ts';
import type { Store } from '../../src/store/store.ts';
import { ASKER, type FakeTelegram, GROUP, KOREAN_USER, MEMBER, type SentMessage, startFakeTelegram } from '../fakes/telegram.ts';
import { testState } from '../helpers/state.ts';

const feud: Feud = createFeud(loadFacts());
const VAGUE_QUESTIONS = ['musk tesla cars', 'xai funding round', 'bitcoin price', 'who founded', 'the money', 'stargate money', 'musk altman openai'];
const WEBHOOK_SECRET = 'feud-webhook-secret-0123456789';

interface Stack {
  fake: FakeTelegram;
  adapter: TelegramAdapter;
  conversation: Conversation;
  store: Store;
}

async function startStack(options: { webhook?: boolean } = {}): Promise<Stack> {
  const fake = await startFakeTelegram();
  const state = testState();
  const { store } = state;
  const conversation = createConversation({
    feud,
    ...state,
    logger: silentLogger,
    limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0 },
    daily: createDailyCommandHandler({ store, defaultTimeZone: 'Asia/Seoul' }),
  });
  const adapter = createTelegramAdapter({
    config: {
      token: fake.token,
      apiUrl: fake.apiRoot,
      ...(options.webhook ? { webhook: { url: 'https://bot.example.com/telegram/hook', secret: WEBHOOK_SECRET, port: 0 } } : {}),
    },
    conversation,
    logger: silentLogger,
    defaultTimeZone: 'Asia/Seoul',
    host: '127.0.0.1',
    pollTimeoutSeconds: 1,
  }) as TelegramAdapter;
  await adapter.start();
  return { fake, adapter, conversation, store };
}

async function stopStack(stack: Stack | undefined) {
  if (!stack) return;
  await stack.adapter.stop();
  await stack.fake.close();
  await stack.store.close();
}

const buttons = (m: SentMessage) => (m.reply_markup?.inline_keyboard ?? []).flat();
/** What a reader sees: the HTML with its tags removed and its entities read. */
const shown = (m: SentMessage) =>
  m.text
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('Telegram adapter on long polling', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stopStack(stack));

  it('starts with the token: getMe, no webhook, then polls for messages and button clicks only', async () => {
    expect(
      stack.fake.calls
        .map((c) => c.method)
        .slice(0, 2)
        .sort(),
    ).toEqual(['deleteWebhook', 'getMe']);
    const poll = await stack.fake.waitFor('a getUpdates', () => stack.fake.calls.find((c) => c.method === 'getUpdates'));
    expect(poll.params.allowed_updates).toEqual(['message', 'callback_query']);
    expect(stack.adapter.isConnected()).toBe(true);
  });

  it('answers /feud <question> in HTML, with its source, previews off, as a reply', async () => {
    const id = stack.fake.command('/feud who founded OpenAI');
    const reply = await stack.fake.replyTo(ASKER.id, id);
    expect(reply.parse_mode).toBe('HTML');
    expect(reply.link_preview_options).toEqual({ is_disabled: true });
    expect(shown(reply)).toMatch(/Altman/);
    expect(shown(reply)).toMatch(/2015/);
    expect(shown(reply)).toMatch(/Source: “[^"“”]+” — Asia Economy/);
    expect(reply.text.length).toBeLessThanOrEqual(4096);
    expect(buttons(reply).map((b) => b.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^👍/), expect.stringMatching(/^👎/)]));
  });

  it('answers /feud@FeudBot in a group, and leaves /feud@OtherBot to that bot', async () => {
    const other = stack.fake.command('/feud@OtherBot who founded OpenAI', { chat: GROUP, from: MEMBER });
    const mine = stack.fake.command('/feud@FeudBot who founded OpenAI', { chat: GROUP, from: MEMBER });
    const reply = await stack.fake.replyTo(GROUP.id, mine);
    expect(shown(reply)).toMatch(/Altman/);
    expect(stack.fake.sent.filter((m) => m.reply_parameters?.message_id === other)).toEqual([]);
  });

  it('answers any message in a private chat as a question, in Korean for Korean', async () => {
    const id = stack.fake.message('오픈AI는 누가 설립했어?', { from: KOREAN_USER });
    const reply = await stack.fake.replyTo(KOREAN_USER.id, id);
    expect(shown(reply)).toMatch(/2015년 12월/);
    expect(shown(reply)).toMatch(/출처: /);
  });

  it('in a group, answers a mention (without it in the question) and a reply to the bot, and ignores chatter', async () => {
    const handle = vi.spyOn(stack.conversation, 'handle');
    try {
      const chatter = stack.fake.message('anyone up for lunch?', { chat: GROUP, from: MEMBER });
      const mention = stack.fake.message('@FeudBot why did Musk sue OpenAI', {
        chat: GROUP,
        from: MEMBER,
        entities: [{ type: 'mention', offset: 0, length: 8 }],
      });
      const answered = await stack.fake.replyTo(GROUP.id, mention);
      expect(shown(answered)).toMatch(/sue|lawsuit/i);
      expect(handle.mock.calls.map(([m]) => ('text' in m ? [m.via, m.text] : [m.via]))).toEqual([
        ['listen', 'anyone up for lunch?'],
        ['mention', 'why did Musk sue OpenAI'],
      ]);
      const followUp = stack.fake.message('who founded OpenAI', {
        chat: GROUP,
        from: MEMBER,
        replyTo: { message_id: answered.message_id, from: stack.fake.bot },
      });
      expect(shown(await stack.fake.replyTo(GROUP.id, followUp))).toMatch(/Altman/);
      expect(stack.fake.sent.filter((m) => m.reply_parameters?.message_id === chatter)).toEqual([]);
    } finally {
      handle.mockRestore();
    }
  });

  it('offers did-you-mean as inline buttons and answers the fact clicked, acknowledging the click', async () => {
    const question = VAGUE_QUESTIONS.find((q) => {
      const reply = feud.ask(q);
      return reply.kind === 'abstain' && reply.alternatives.length > 0;
    });
    expect(question, 'one of VAGUE_QUESTIONS should make the core abstain with suggestions').toBeDefined();
    const abstain = await stack.fake.replyTo(ASKER.id, stack.fake.command(`/feud ${question}`));
    const offered = buttons(abstain).filter((b) => b.callback_data.startsWith('a:'));
    expect(offered.length).toBeGreaterThan(0);
    for (const b of offered) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    const factId = offered[0]!.callback_data.split(':')[2]!;
    const before = stack.fake.sent.length;
    const click = stack.fake.click(abstain, offered[0]!.callback_data);
    await stack.fake.waitFor('the click answered', () =>
      stack.fake.calls.find((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === click),
    );
    const answer = await stack.fake.waitFor('the clicked fact', () =>
      stack.fake.sent.slice(before).find((m) => m.reply_parameters?.message_id === abstain.message_id),
    );
    expect(shown(answer)).toContain(feud.answerFact(factId, 'en')!.title);
  });

  it('counts 👍 once per user and message, and thanks the voter privately (the click’s own answer)', async () => {
    const feedback = vi.spyOn(stack.conversation, 'feedback');
    try {
      const answer = await stack.fake.replyTo(ASKER.id, stack.fake.command('/feud who founded OpenAI'));
      const up = buttons(answer).find((b) => b.text.startsWith('👍'))!;
      const first = stack.fake.click(answer, up.callback_data);
      const again = stack.fake.click(answer, up.callback_data);
      for (const id of [first, again]) {
        const ack = await stack.fake.waitFor('the vote acknowledged', () =>
          stack.fake.calls.find((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === id),
        );
        expect(ack.params.text).toMatch(/glad it helped/);
      }
      expect(feedback.mock.calls).toEqual([['openai-founding', true, 'telegram']]);
    } finally {
      feedback.mockRestore();
    }
  });

  it('escapes what users type: no markup, no link, no mention can come from a question', async () => {
    // the bot echoes a word it did not understand
    const echoed = await stack.fake.replyTo(ASKER.id, stack.fake.command('/feud daily on <b>@everyone</b>'));
    expect(echoed.text).toContain('&lt;b&gt;@\u2060everyone&lt;/b&gt;');
    expect(echoed.text).not.toContain('<b>@');
    // and shows the question under an answer
    const hostile = '<b>loud</b> <a href="https://evil.example">x</a> & @everyone @someone tg://user?id=1';
    const answer = feud.answerFact('openai-founding', 'en');
    if (answer?.kind !== 'answer') throw new Error('openai-founding is a fact');
    const reply = renderReply({ ...answer, question: hostile });
    expect(reply.text).not.toMatch(/<a |<b>loud/);
    expect(reply.text).toContain(
      '<code>&lt;b&gt;loud&lt;/b&gt; &lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; @\u2060everyone @\u2060someone tg://user?id=1</code>',
    );
    for (const text of [echoed.text, reply.text]) {
      // every @ is followed by a word joiner: Telegram reads no @name as a mention
      expect(text).not.toMatch(/@[A-Za-z0-9_]/);
    }
    expect(echoed.link_preview_options).toEqual({ is_disabled: true });
  });

  it('keeps long replies within 4,096 characters: the whole timeline, in both languages', () => {
    for (const lang of ['en', 'ko'] as const) {
      const message = renderReply(feud.timeline(undefined, lang));
      expect(message.text.length).toBeLessThanOrEqual(4096);
      const timeline = feud.timeline(undefined, lang);
      if (timeline.kind !== 'timeline') throw new Error('the built-in facts have a timeline');
      const long = renderReply({
        ...timeline,
        entries: Array.from({ length: 400 }, (_, i) => ({ factId: `f${i}`, date: '2024', dateLabel: '2024', summary: `event <${i}> & more` })),
      });
      expect(long.text.length).toBeLessThanOrEqual(4096);
      expect(long.text).toMatch(/more/);
    }
    const huge = renderReply({ kind: 'error', lang: 'en', title: 'x', body: '<&>'.repeat(5000), alternatives: [], visibility: 'private' });
    expect(huge.text.length).toBeLessThanOrEqual(4096);
    expect(huge.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('turns daily posts on with the same `daily on` grammar, for group admins only, and posts them in HTML', async () => {
    const channel = { platform: 'telegram', channelId: String(GROUP.id) };
    const before = stack.fake.sent.length;
    stack.fake.command('/feud daily on 09:00 Asia/Seoul ko', { chat: GROUP, from: MEMBER });
    // a private reply asked for in a group goes to the asker's own chat
    const refused = await stack.fake.waitFor('the refusal', () => stack.fake.sent.slice(before).find((m) => Number(m.chat_id) === MEMBER.id));
    expect(shown(refused)).toMatch(/manage this channel/);
    expect(await stack.store.getSubscription(channel)).toBeUndefined();

    stack.fake.setAdmin(GROUP.id, MEMBER.id);
    const sentBefore = stack.fake.sent.length;
    stack.fake.command('/feud 매일 켜기 09:00 Asia/Seoul ko', { chat: GROUP, from: MEMBER });
    // the confirmation is a private notice, like the refusal
    const on = await stack.fake.waitFor('the confirmation', () => stack.fake.sent.slice(sentBefore).find((m) => Number(m.chat_id) === MEMBER.id));
    expect(shown(on)).toMatch(/매일 09:00 \(Asia\/Seoul\)/);
    expect(await stack.store.getSubscription(channel)).toMatchObject({ time: '09:00', timeZone: 'Asia/Seoul', lang: 'ko', enabled: true });

    await stack.adapter.postToChannel(String(GROUP.id), feud.dailyFact('openai-founding', 'ko'));
    const posted = stack.fake.sent.at(-1)!;
    expect(posted).toMatchObject({ chat_id: String(GROUP.id), parse_mode: 'HTML' });
    expect(shown(posted)).toMatch(/오늘의 머스크 vs 올트먼 팩트/);
  });

  it('falls back to the group when it may not write to the asker privately (403)', async () => {
    stack.fake.failChat(MEMBER.id, 403, "Forbidden: bot can't initiate conversation with a user");
    try {
      const id = stack.fake.command('/feud help', { chat: GROUP, from: MEMBER });
      const reply = await stack.fake.replyTo(GROUP.id, id);
      expect(shown(reply)).toMatch(/\/feud timeline/);
    } finally {
      stack.fake.restoreChat(MEMBER.id);
    }
  });

  it('says a chat is gone (403 kicked, 400 chat not found) so daily posts stop, and 5xx may have posted', async () => {
    stack.fake.failChat(-1001, 403, 'Forbidden: bot was kicked from the supergroup chat');
    stack.fake.failChat(-1002, 400, 'Bad Request: chat not found');
    const reply = feud.dailyFact('openai-founding', 'en');
    await expect(stack.adapter.postToChannel('-1001', reply)).rejects.toBeInstanceOf(ChannelGoneError);
    await expect(stack.adapter.postToChannel('-1002', reply)).rejects.toBeInstanceOf(ChannelGoneError);
    stack.fake.failMethod('sendMessage', 502, 'Bad Gateway');
    await expect(stack.adapter.postToChannel('-1003', reply)).rejects.toMatchObject({ name: 'DeliveryUnknownError' });
  });

  it('ignores other bots', async () => {
    const fromBot = stack.fake.command('/feud who founded OpenAI', { chat: GROUP, from: { id: 999, first_name: 'bot', is_bot: true } });
    const probe = stack.fake.command('/feud who founded OpenAI', { chat: GROUP, from: MEMBER });
    await stack.fake.replyTo(GROUP.id, probe);
    expect(stack.fake.sent.filter((m) => m.reply_parameters?.message_id === fromBot)).toEqual([]);
  });
});

describe('Telegram adapter on a webhook', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ webhook: true });
  });
  afterAll(() => stopStack(stack));

  const post = (body: unknown, secret?: string) =>
    fetch(`http://127.0.0.1:${stack.adapter.port()}/telegram/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });

  it('sets the webhook with its secret token and does not poll', () => {
    const set = stack.fake.calls.find((c) => c.method === 'setWebhook');
    expect(set?.params).toMatchObject({
      url: 'https://bot.example.com/telegram/hook',
      secret_token: WEBHOOK_SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
    expect(stack.fake.calls.some((c) => c.method === 'getUpdates')).toBe(false);
    expect(stack.adapter.isConnected()).toBe(true);
  });

  it('refuses a request without the secret token, or with a wrong one, and acts on none of them', async () => {
    stack.fake.setHoldUpdates(true);
    const id = stack.fake.command('/feud who founded OpenAI');
    const update = stack.fake.lastUpdate();
    expect((await post(update)).status).toBe(401);
    expect((await post(update, 'not-the-secret-0123456789')).status).toBe(401);
    expect((await post('{not json', WEBHOOK_SECRET)).status).toBe(400);
    const ok = await post(update, WEBHOOK_SECRET);
    expect(ok.status).toBe(200);
    await stack.fake.replyTo(ASKER.id, id);
    // Telegram sends an update again when our answer was lost: it is answered once
    expect((await post(update, WEBHOOK_SECRET)).status).toBe(200);
    const probeId = stack.fake.command('/feud help');
    await post(stack.fake.lastUpdate(), WEBHOOK_SECRET);
    await stack.fake.replyTo(ASKER.id, probeId);
    expect(stack.fake.sent.filter((m) => m.reply_parameters?.message_id === id)).toHaveLength(1);
  });
});

describe('Telegram configuration', () => {
  const TOKEN = '123456789:AAFakeTelegramTokenForTests_0123456789';

  it('TELEGRAM_BOT_TOKEN turns it on; TELEGRAM_API_URL points it at another Bot API', () => {
    expect(loadConfig({}).telegram).toBeUndefined();
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).telegram).toEqual({ token: TOKEN });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: 'http://127.0.0.1:8081' }).telegram).toEqual({
      token: TOKEN,
      apiUrl: 'http://127.0.0.1:8081',
    });
    expect(
      loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg', TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET }).telegram,
    ).toEqual({
      token: TOKEN,
      webhook: { url: 'https://bot.example.com/tg', secret: WEBHOOK_SECRET, port: 8443 },
    });
  });

  it('names the variable in one line, never echoing the token', () => {
    const message = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      return '';
    };
    expect(message({ TELEGRAM_BOT_TOKEN: 'nope-secret-token' })).toMatch(/^TELEGRAM_BOT_TOKEN: expected a bot token from @BotFather/);
    expect(message({ TELEGRAM_BOT_TOKEN: 'nope-secret-token' })).not.toContain('nope-secret-token');
    expect(message({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg' })).toMatch(/^TELEGRAM_WEBHOOK_SECRET: missing/);
    expect(message({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg' })).toMatch(/^TELEGRAM_BOT_TOKEN: missing/);
    expect(telegram.secretKeys).toContain('TELEGRAM_BOT_TOKEN');
  });

  it('escapes &, <, > and breaks @mentions', () => {
    expect(escapeHtml('<a href="x">&</a> @all')).toBe('&lt;a href="x"&gt;&amp;&lt;/a&gt; @\u2060all');
  });
});
