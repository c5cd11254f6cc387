/**
 * The Discord adapter end to end: the real discord.js Client, the real conversation and fact
 * base, against a fake Discord (REST + gateway) on 127.0.0.1. Every wait is bounded.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/adapter.ts';
import { ChannelGoneError } from '../../src/bot/adapter.ts';
import { createConversation } from '../../src/bot/conversation.ts';
import type { Conversation } from '../../src/bot/incoming.ts';
import { createFeud, type Feud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { type Logger, silentLogger } from '../../src/log.ts';
import { createDailyCommandHandler } from '../../src/schedule/daily-commands.ts';
import type { Store } from '../../src/store/store.ts';
import { type FakeDiscord, type InteractionCallback, type MessageBody, PERMISSIONS, startFakeDiscord } from '../fakes/discord.ts';
import { runTsx } from '../helpers/spawn.ts';
import { testState } from '../helpers/state.ts';

const EPHEMERAL = 64;
const HANGUL = /[가-힣]/;
/** Guilds (1 << 0) | GuildMessages (1 << 9); MessageContent is 1 << 15. */
const BASE_INTENTS = 1 | (1 << 9);
const MESSAGE_CONTENT = 1 << 15;

const feud: Feud = createFeud(loadFacts());
const VAGUE_QUESTIONS = ['musk tesla cars', 'xai funding round', 'bitcoin price', 'who founded', 'the money', 'stargate money', 'musk altman openai'];

interface Stack {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  conversation: Conversation;
  store: Store;
  logLines: string[];
}

/** A logger that keeps warnings and errors so tests can check what an operator would see. */
function capturingLogger(lines: string[]): Logger {
  return pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
}

async function startStack(
  options: { messageContent?: boolean; guildId?: boolean; deferAfterMs?: number; conversation?: (c: Conversation) => Conversation } = {},
): Promise<Stack> {
  const fake = await startFakeDiscord();
  const state = testState();
  const { store } = state;
  const logLines: string[] = [];
  const logger = capturingLogger(logLines);
  const real = createConversation({
    feud,
    ...state,
    logger: silentLogger,
    limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0, listenIntervalMinutes: 0 },
    daily: createDailyCommandHandler({ store, defaultTimeZone: 'Asia/Seoul' }),
  });
  const conversation = options.conversation ? options.conversation(real) : real;
  const adapter = createDiscordAdapter({
    config: {
      token: fake.token,
      appId: fake.appId,
      apiUrl: fake.apiUrl,
      messageContent: options.messageContent ?? false,
      ...(options.guildId ? { guildId: fake.guildId } : {}),
    },
    conversation,
    logger,
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  await adapter.start();
  await fake.waitFor('the client to be ready', () => (adapter.isConnected() ? true : undefined));
  return { fake, adapter, conversation, store, logLines };
}

async function stopStack(stack: Stack | undefined): Promise<void> {
  if (!stack) return;
  await stack.adapter.stop();
  await stack.fake.close();
  await stack.store.close();
}

/** Everything a person sees in an embed, as one string. */
function embedText(body: MessageBody): string {
  return (body.embeds ?? [])
    .map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n'))
    .join('\n');
}

function buttonIds(body: MessageBody): string[] {
  return (body.components ?? []).flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
}

function buttons(body: MessageBody) {
  return (body.components ?? []).flatMap((row) => row.components).filter((c) => c.type === 2) as { custom_id: string; label: string }[];
}

/** Send a message nobody should answer, then one that must be answered: if only the second gets a reply, the first was ignored. */
async function expectIgnored(stack: Stack, ignoredId: string): Promise<void> {
  const probe = stack.fake.userMessage(`<@${stack.fake.appId}> who founded OpenAI`, { mentions: [stack.fake.botUser] });
  await stack.fake.waitFor('the reply to the probe message', () => stack.fake.messages.find((m) => m.body.message_reference?.message_id === probe));
  expect(stack.fake.messages.filter((m) => m.body.message_reference?.message_id === ignoredId)).toEqual([]);
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('Discord adapter (default intents)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stopStack(stack));

  it('identifies with only the Guilds and GuildMessages intents', () => {
    expect(stack.fake.identifies.at(-1)).toEqual({ token: stack.fake.token, intents: BASE_INTENTS });
    expect(stack.adapter.isConnected()).toBe(true);
  });

  it('registers every command globally with one bulk overwrite, settings limited to channel managers', () => {
    expect(stack.fake.registrations).toHaveLength(1);
    const { scope, commands } = stack.fake.registrations[0]!;
    expect(scope).toBe('global');
    expect(commands.map((c) => c.name).sort()).toEqual(['feud', 'feud-about', 'feud-fact', 'feud-help', 'feud-settings', 'feud-timeline']);
    for (const command of commands) {
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.description_localizations?.ko).toMatch(HANGUL);
    }
    const ask = commands.find((c) => c.name === 'feud')!;
    expect(ask.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true, autocomplete: true, name_localizations: { ko: '질문' } }),
    ]);
    const settings = commands.find((c) => c.name === 'feud-settings')!;
    expect(settings.default_member_permissions).toBe('16');
    expect(settings.dm_permission).toBe(false);
    expect(settings.options?.map((o) => `${o.name}:${o.type}`)).toEqual(['listen:1', 'daily:2']);
    const daily = settings.options?.find((o) => o.name === 'daily') as { options: { name: string }[] };
    expect(daily.options.map((o) => o.name)).toEqual(['on', 'off', 'status']);
    for (const command of commands.filter((c) => c.name !== 'feud-settings')) expect(command.default_member_permissions).toBeUndefined();
  });

  it('answers /feud "who founded OpenAI" with an embed naming Altman, Musk and 2015, pinging nobody', async () => {
    const id = stack.fake.slashCommand({ name: 'feud', options: [{ name: 'question', type: 3, value: 'who founded OpenAI' }] });
    const callback = await stack.fake.callbackFor(id);
    expect(callback.type).toBe(4);
    expect(callback.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(callback.data.flags ?? 0).toBe(0);
    const text = embedText(callback.data);
    expect(text).toMatch(/Altman/);
    expect(text).toMatch(/Musk/);
    expect(text).toMatch(/2015/);
    const embed = callback.data.embeds![0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.fields?.find((f) => f.name === 'Source')?.value).toMatch(/^“[^"“”]+” — Asia Economy/);
    expect(embed.fields?.find((f) => f.name === 'Reported by')?.value).toBe('Asia Economy');
    expect(buttonIds(callback.data)).toEqual(expect.arrayContaining([expect.stringMatching(/^fb:[a-z0-9-]+:1$/), expect.stringMatching(/^fb:[a-z0-9-]+:0$/)]));
  });

  it('answers the Korean question in Korean', async () => {
    const id = stack.fake.slashCommand({ name: 'feud', locale: 'en-US', options: [{ name: 'question', type: 3, value: '오픈AI는 누가 설립했어?' }] });
    const callback = await stack.fake.callbackFor(id);
    const embed = callback.data.embeds![0]!;
    expect(embed.title).toMatch(HANGUL);
    expect(embed.description).toMatch(HANGUL);
    expect(embed.fields?.map((f) => f.name)).toEqual(['출처', '보도', '시점']);
    expect(embedText(callback.data)).toMatch(/2015년 12월/);
    expect(buttons(callback.data).map((b) => b.label)).toContain('도움이 됐습니다');
  });

  it('suggests questions about Stargate as "star" is typed, within Discord’s limits and well inside 3 s', async () => {
    const started = Date.now();
    const id = stack.fake.autocomplete({ name: 'feud', options: [{ name: 'question', type: 3, value: 'star', focused: true }] });
    const callback = await stack.fake.callbackFor(id, 3000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(callback.type).toBe(8);
    const choices = callback.data.choices!;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(String(choice.value).length).toBeLessThanOrEqual(100);
    }
    expect(choices.filter((c) => /stargate/i.test(c.name)).length).toBeGreaterThanOrEqual(3);
  });

  it('suggests 스타게이트 questions for the initial consonants ㅅㅌㄱㅇㅌ', async () => {
    const id = stack.fake.autocomplete({ name: 'feud', locale: 'ko', options: [{ name: 'question', type: 3, value: 'ㅅㅌㄱㅇㅌ', focused: true }] });
    const callback = await stack.fake.callbackFor(id);
    const names = callback.data.choices!.map((c) => c.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.length <= 100)).toBe(true);
    expect(names[0]).toMatch(/스타게이트/);
  });

  it('offers did-you-mean buttons when unsure, and answers the fact that is clicked', async () => {
    // a question the core is unsure about but has guesses for (found, not hard-coded, so matcher tuning does not break this test)
    const question = VAGUE_QUESTIONS.find((q) => {
      const reply = feud.ask(q);
      return reply.kind === 'abstain' && reply.alternatives.length > 0;
    });
    expect(question, 'one of VAGUE_QUESTIONS should make the core abstain with suggestions').toBeDefined();
    const id = stack.fake.slashCommand({ name: 'feud', options: [{ name: 'question', type: 3, value: question! }] });
    const abstain = await stack.fake.callbackFor(id);
    const offered = buttons(abstain.data).filter((b) => b.custom_id.startsWith('ask:'));
    expect(offered.length).toBeGreaterThan(0);
    for (const b of offered) expect(b.label.length).toBeLessThanOrEqual(80);
    const factId = offered[0]!.custom_id.slice('ask:'.length);

    const click = stack.fake.clickButton(offered[0]!.custom_id);
    const answer = await stack.fake.callbackFor(click);
    expect(answer.type).toBe(4);
    expect(answer.data.embeds![0]!.title).toBe(feud.answerFact(factId, 'en')!.title);
    expect(buttonIds(answer.data)).toContain(`fb:${factId}:1`);
  });

  it('records 👍 once per user and message, and acknowledges privately', async () => {
    const feedback = vi.spyOn(stack.conversation, 'feedback');
    try {
      const factId = feud.factIds()[0]!;
      const first = await stack.fake.callbackFor(stack.fake.clickButton(`fb:${factId}:1`, { messageId: '111111111111111111' }));
      const again = await stack.fake.callbackFor(stack.fake.clickButton(`fb:${factId}:1`, { messageId: '111111111111111111' }));
      const down = await stack.fake.callbackFor(stack.fake.clickButton(`fb:${factId}:0`, { messageId: '222222222222222222', locale: 'ko' }));
      expect(feedback.mock.calls).toEqual([
        [factId, true, 'discord'],
        [factId, false, 'discord'],
      ]);
      for (const ack of [first, again, down]) {
        expect(ack.type).toBe(4);
        expect(ack.data.flags).toBe(EPHEMERAL);
        expect(ack.data.allowed_mentions?.parse).toEqual([]);
      }
      expect(embedText(down.data)).toMatch(HANGUL);
    } finally {
      feedback.mockRestore();
    }
  });

  it('answers a stale or unknown button privately instead of failing', async () => {
    const callback = await stack.fake.callbackFor(stack.fake.clickButton('something-old'));
    expect(callback.data.flags).toBe(EPHEMERAL);
    expect(embedText(callback.data)).toMatch(/no longer works/);
  });

  it('keeps help private (ephemeral) and in the user’s language', async () => {
    const en = await stack.fake.callbackFor(stack.fake.slashCommand({ name: 'feud-help' }));
    expect(en.data.flags).toBe(EPHEMERAL);
    expect(embedText(en.data)).toMatch(/\/feud timeline/);
    const ko = await stack.fake.callbackFor(stack.fake.slashCommand({ name: 'feud-help', locale: 'ko' }));
    expect(ko.data.flags).toBe(EPHEMERAL);
    expect(ko.data.embeds![0]!.title).toMatch(HANGUL);
  });

  it('shows the timeline for a range and a random fact, publicly', async () => {
    const timeline = await stack.fake.callbackFor(stack.fake.slashCommand({ name: 'feud-timeline', options: [{ name: 'range', type: 3, value: '2024' }] }));
    expect(timeline.data.flags ?? 0).toBe(0);
    expect(timeline.data.embeds![0]!.title).toMatch(/2024/);
    expect(timeline.data.embeds![0]!.description).toMatch(/2024/);
    const fact = await stack.fake.callbackFor(stack.fake.slashCommand({ name: 'feud-fact' }));
    expect(fact.data.embeds![0]!.fields?.find((f) => f.name === 'Source')).toBeDefined();
    const about = await stack.fake.callbackFor(stack.fake.slashCommand({ name: 'feud-about', locale: 'ko' }));
    expect(about.data.embeds![0]!.description).toMatch(/아시아경제/);
  });

  it('hands /feud-settings to the conversation already parsed, with the member’s channel permission', async () => {
    const handle = vi.spyOn(stack.conversation, 'handle');
    try {
      const denied = await stack.fake.callbackFor(
        stack.fake.slashCommand({ name: 'feud-settings', options: [{ name: 'listen', type: 1, options: [{ name: 'mode', type: 3, value: 'on' }] }] }),
      );
      expect(denied.data.flags).toBe(EPHEMERAL);
      expect(embedText(denied.data)).toMatch(/manage this channel/);
      expect((await stack.store.getSettings({ platform: 'discord', channelId: stack.fake.channelId })).listen).toBe(false);

      const allowed = await stack.fake.callbackFor(
        stack.fake.slashCommand({
          name: 'feud-settings',
          memberPermissions: PERMISSIONS.channelManager,
          options: [{ name: 'listen', type: 1, options: [{ name: 'mode', type: 3, value: 'on' }] }],
        }),
      );
      expect(embedText(allowed.data)).toMatch(/Listen mode/);
      expect((await stack.store.getSettings({ platform: 'discord', channelId: stack.fake.channelId })).listen).toBe(true);

      const dailyOn = stack.fake.slashCommand({
        name: 'feud-settings',
        memberPermissions: PERMISSIONS.channelManager,
        options: [
          {
            name: 'daily',
            type: 2,
            options: [
              {
                name: 'on',
                type: 1,
                options: [
                  { name: 'time', type: 3, value: '09:00' },
                  { name: 'timezone', type: 3, value: 'Asia/Seoul' },
                  { name: 'language', type: 3, value: 'ko' },
                ],
              },
            ],
          },
        ],
      });
      const dailyOnReply = await stack.fake.callbackFor(dailyOn);
      expect(embedText(dailyOnReply.data)).toMatch(/09:00/);
      expect(await stack.store.getSubscription({ platform: 'discord', channelId: stack.fake.channelId })).toMatchObject({
        time: '09:00',
        timeZone: 'Asia/Seoul',
        lang: 'ko',
        enabled: true,
      });

      // anyone may ask for the status, in their language
      const status = await stack.fake.callbackFor(
        stack.fake.slashCommand({ name: 'feud-settings', locale: 'ko', options: [{ name: 'daily', type: 2, options: [{ name: 'status', type: 1 }] }] }),
      );
      expect(embedText(status.data)).toMatch(/매일 09:00 \(Asia\/Seoul\)/);
      // the options arrive as the command they stand for: nothing is turned back into words to be parsed again
      const commands = handle.mock.calls.map(([msg]) => (msg.via === 'option' ? msg.command : msg.via));
      expect(commands).toEqual([
        { type: 'listen', on: true },
        { type: 'listen', on: true },
        { type: 'daily', action: 'on', time: '09:00', timeZone: 'Asia/Seoul', lang: 'ko' },
        { type: 'daily', action: 'status' },
      ]);
      expect(await handle.mock.calls[2]![0].canManageChannel?.()).toBe(true);
      expect(await handle.mock.calls[3]![0].canManageChannel?.()).toBe(false);
    } finally {
      handle.mockRestore();
      await stack.store.setListen({ platform: 'discord', channelId: stack.fake.channelId }, false);
    }
  });

  it('answers a mention in a channel as a reply to that message, without the mention in the question', async () => {
    const handle = vi.spyOn(stack.conversation, 'handle');
    try {
      const messageId = stack.fake.userMessage(`<@${stack.fake.appId}> who founded OpenAI`, { mentions: [stack.fake.botUser] });
      const reply = await stack.fake.waitFor('a reply to the mention', () =>
        stack.fake.messages.find((m) => m.body.message_reference?.message_id === messageId),
      );
      expect(reply.channelId).toBe(stack.fake.channelId);
      expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
      expect(embedText(reply.body)).toMatch(/Altman/);
      expect(handle.mock.calls.at(-1)![0]).toMatchObject({ via: 'mention', text: 'who founded OpenAI', platform: 'discord', channelId: stack.fake.channelId });
    } finally {
      handle.mockRestore();
    }
  });

  it('lets only members who manage the channel change settings by mention', async () => {
    const channel = { platform: 'discord', channelId: stack.fake.channelId };
    try {
      const fromMember = stack.fake.userMessage(`<@${stack.fake.appId}> listen on`, { mentions: [stack.fake.botUser] });
      const refused = await stack.fake.waitFor('the refusal', () => stack.fake.messages.find((m) => m.body.message_reference?.message_id === fromMember));
      expect(embedText(refused.body)).toMatch(/manage this channel/);
      expect((await stack.store.getSettings(channel)).listen).toBe(false);

      const fromOwner = stack.fake.userMessage(`<@${stack.fake.appId}> listen on`, { author: stack.fake.owner, mentions: [stack.fake.botUser] });
      const accepted = await stack.fake.waitFor('the confirmation', () => stack.fake.messages.find((m) => m.body.message_reference?.message_id === fromOwner));
      expect(embedText(accepted.body)).toMatch(/Listen mode/);
      expect((await stack.store.getSettings(channel)).listen).toBe(true);
    } finally {
      await stack.store.setListen(channel, false);
    }
  });

  it('answers a mention of its managed role the same way', async () => {
    const messageId = stack.fake.userMessage(`<@&${stack.fake.botRoleId}> 오픈AI는 누가 설립했어?`, { mentionRoles: [stack.fake.botRoleId] });
    const reply = await stack.fake.waitFor('a reply to the role mention', () =>
      stack.fake.messages.find((m) => m.body.message_reference?.message_id === messageId),
    );
    expect(reply.body.embeds![0]!.title).toMatch(HANGUL);
  });

  it('pings nobody even when the question contains @everyone or a user mention', async () => {
    const messageId = stack.fake.userMessage(`<@${stack.fake.appId}> @everyone <@123456789012345679> who founded OpenAI`, {
      mentions: [stack.fake.botUser],
      mentionEveryone: true,
    });
    const reply = await stack.fake.waitFor('a reply to the @everyone message', () =>
      stack.fake.messages.find((m) => m.body.message_reference?.message_id === messageId),
    );
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.body.content ?? '').toBe('');

    const id = stack.fake.slashCommand({ name: 'feud', options: [{ name: 'question', type: 3, value: '@everyone who founded OpenAI' }] });
    const callback = await stack.fake.callbackFor(id);
    expect(callback.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(embedText(callback.data)).toMatch(/Altman/);
  });

  it('escapes markdown where the user’s words are echoed', async () => {
    const usage = await stack.fake.callbackFor(
      stack.fake.slashCommand({ name: 'feud', options: [{ name: 'question', type: 3, value: 'listen **loud** [x](https://evil.example)' }] }),
    );
    const description = usage.data.embeds![0]!.description!;
    expect(description).toContain('\\*\\*loud\\*\\*');
    expect(description).toContain('\\[x](https://evil.example)');
    expect(description).toContain('`/feud listen on`'); // the bot's own inline code stays code

    const timeline = await stack.fake.callbackFor(stack.fake.slashCommand({ name: 'feud-timeline', options: [{ name: 'range', type: 3, value: '_2031_' }] }));
    expect(timeline.data.embeds![0]!.title).toContain('\\_2031\\_');
  });

  it('ignores other bots, even when they mention it', async () => {
    const fromBot = stack.fake.userMessage(`<@${stack.fake.appId}> who founded OpenAI`, {
      author: { id: '555555555555555555', username: 'otherbot', bot: true },
      mentions: [stack.fake.botUser],
    });
    await expectIgnored(stack, fromBot);
  });

  it('ignores messages that do not mention it when MessageContent is off', async () => {
    const plain = stack.fake.userMessage('who founded OpenAI?');
    const everyone = stack.fake.userMessage('@everyone who founded OpenAI?', { mentionEveryone: true });
    await expectIgnored(stack, plain);
    await expectIgnored(stack, everyone);
  });

  it('posts the daily fact to a channel, and reports a deleted or closed channel as gone', async () => {
    const factId = feud.factIds()[0]!;
    await stack.adapter.postToChannel(stack.fake.channelId, feud.dailyFact(factId, 'both'));
    const posted = stack.fake.messages.at(-1)!;
    expect(posted.channelId).toBe(stack.fake.channelId);
    expect(posted.body.allowed_mentions).toEqual({ parse: [] });
    expect(posted.body.embeds![0]!.title).toMatch(/Feud fact of the day/);

    const deleted = '900000000000000001';
    stack.fake.deleteChannel(deleted);
    const gone = await stack.adapter.postToChannel(deleted, feud.dailyFact(factId, 'en')).catch((err: unknown) => err);
    expect(gone).toBeInstanceOf(ChannelGoneError);
    expect((gone as ChannelGoneError).channelId).toBe(deleted);
    expect((gone as Error).message).toMatch(/10003/);

    const closed = '900000000000000002';
    stack.fake.revokeAccess(closed);
    await expect(stack.adapter.postToChannel(closed, feud.dailyFact(factId, 'en'))).rejects.toBeInstanceOf(ChannelGoneError);
  });

  it('logs the invite link with exactly the bot and applications.commands scopes and the needed permissions', () => {
    const line = stack.logLines.map((l) => JSON.parse(l) as { msg: string; url?: string }).find((l) => l.url);
    expect(line).toBeDefined();
    const url = new URL(line!.url!);
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(stack.fake.appId);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel, Send Messages, Send Messages in Threads, Embed Links, Read Message History
    expect(BigInt(url.searchParams.get('permissions')!)).toBe((1n << 10n) | (1n << 11n) | (1n << 38n) | (1n << 14n) | (1n << 16n));
  });

  it('resumes after the gateway drops and keeps answering', async () => {
    const identifiesBefore = stack.fake.identifies.length;
    stack.fake.dropConnections(4000);
    await stack.fake.waitFor('the connection to drop', () => (stack.fake.openConnections() === 0 ? true : undefined));
    await stack.fake.waitFor('the client to resume', () => (stack.fake.openConnections() === 1 && stack.adapter.isConnected() ? true : undefined), 8000);
    expect(stack.fake.identifies.length).toBe(identifiesBefore); // resumed, not re-identified
    const callback = await stack.fake.callbackFor(
      stack.fake.slashCommand({ name: 'feud', options: [{ name: 'question', type: 3, value: 'who founded OpenAI' }] }),
    );
    expect(embedText(callback.data)).toMatch(/Altman/);
  });
});

describe('Discord adapter in listen mode (MessageContent on, one test server)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ messageContent: true, guildId: true });
  });
  afterAll(() => stopStack(stack));

  it('asks for MessageContent and registers the commands in the one server', () => {
    expect(stack.fake.identifies.at(-1)?.intents).toBe(BASE_INTENTS | MESSAGE_CONTENT);
    expect(stack.fake.registrations.map((r) => r.scope)).toEqual([stack.fake.guildId]);
  });

  it('stays silent in channels that did not opt in, and answers confident questions once they do', async () => {
    const before = stack.fake.userMessage('who founded OpenAI?');
    await expectIgnored(stack, before);

    const on = await stack.fake.callbackFor(
      stack.fake.slashCommand({
        name: 'feud-settings',
        memberPermissions: PERMISSIONS.channelManager,
        options: [{ name: 'listen', type: 1, options: [{ name: 'mode', type: 3, value: 'on' }] }],
      }),
    );
    expect(embedText(on.data)).toMatch(/Listen mode/);

    const chatter = stack.fake.userMessage('lol nice weather today');
    const question = stack.fake.userMessage('who founded OpenAI?');
    const reply = await stack.fake.waitFor('a listen-mode reply', () => stack.fake.messages.find((m) => m.body.message_reference?.message_id === question));
    expect(embedText(reply.body)).toMatch(/Altman/);
    expect(reply.body.allowed_mentions?.parse).toEqual([]);
    expect(stack.fake.messages.filter((m) => m.body.message_reference?.message_id === chatter)).toEqual([]);
  });
});

describe('Discord adapter when the core is slow', () => {
  let stack: Stack;
  afterEach(() => stopStack(stack));

  it('acknowledges within the deadline, then edits in the answer', async () => {
    const slow = (c: Conversation): Conversation => ({
      ...c,
      handle: async (msg) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return c.handle(msg);
      },
    });
    stack = await startStack({ deferAfterMs: 50, conversation: slow });
    const id = stack.fake.slashCommand({ name: 'feud', options: [{ name: 'question', type: 3, value: 'who founded OpenAI' }] });
    const deferred: InteractionCallback = await stack.fake.callbackFor(id);
    expect(deferred.type).toBe(5);
    const edit = await stack.fake.waitFor('the edited original response', () =>
      stack.fake.webhookMessages.find((m) => m.token === deferred.token && m.kind === 'edit-original'),
    );
    expect(embedText(edit.body)).toMatch(/Altman/);
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    // a private reply after "thinking…" replaces the public placeholder with an ephemeral follow-up
    const help = stack.fake.slashCommand({ name: 'feud-help' });
    const helpDeferred = await stack.fake.callbackFor(help);
    const followUp = await stack.fake.waitFor('the ephemeral follow-up', () =>
      stack.fake.webhookMessages.find((m) => m.token === helpDeferred.token && m.kind === 'followup'),
    );
    expect(followUp.body.flags).toBe(EPHEMERAL);
    expect(stack.fake.webhookMessages.some((m) => m.token === helpDeferred.token && m.kind === 'delete-original')).toBe(true);
  });

  it('tells the user when answering fails, and logs it', async () => {
    const broken = (c: Conversation): Conversation => ({
      ...c,
      handle: async () => {
        throw new Error('store is on fire');
      },
    });
    stack = await startStack({ conversation: broken });
    const callback = await stack.fake.callbackFor(
      stack.fake.slashCommand({ name: 'feud', options: [{ name: 'question', type: 3, value: 'who founded OpenAI' }] }),
    );
    expect(callback.data.flags).toBe(EPHEMERAL);
    expect(embedText(callback.data)).toMatch(/went wrong/);
    expect(stack.logLines.some((l) => l.includes('store is on fire'))).toBe(true);

    // a mention that cannot be answered is logged, not thrown
    stack.fake.userMessage(`<@${stack.fake.appId}> who founded OpenAI`, { mentions: [stack.fake.botUser] });
    await stack.fake.waitFor('the failure to be logged', () => (stack.logLines.some((l) => l.includes('failed to answer a message')) ? true : undefined));
  });
});

describe('Discord adapter start-up failures an operator can fix', () => {
  let fake: FakeDiscord;
  afterEach(() => fake.close());

  const adapterFor = (config: { token: string; messageContent: boolean }) =>
    createDiscordAdapter({
      config: { ...config, appId: fake.appId, apiUrl: fake.apiUrl },
      conversation: { handle: async () => null, autocomplete: () => [], feedback: () => undefined },
      logger: silentLogger,
    });

  it('explains a refused Message Content intent', async () => {
    fake = await startFakeDiscord({ allowMessageContent: false });
    const adapter = adapterFor({ token: fake.token, messageContent: true });
    await expect(adapter.start()).rejects.toThrow(/enable it in the Developer Portal .* or set DISCORD_MESSAGE_CONTENT=false/);
    expect(adapter.isConnected()).toBe(false);
    await adapter.stop();
  });

  it('explains a wrong token', async () => {
    fake = await startFakeDiscord();
    const adapter = adapterFor({ token: `${fake.token.slice(0, -4)}XXXX`, messageContent: false });
    await expect(adapter.start()).rejects.toThrow(/Discord rejected DISCORD_TOKEN/);
    await adapter.stop();
  });
});

describe('npm run discord:register', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(() => fake.close());

  it('bulk-overwrites the commands in the configured server and prints the invite link', async () => {
    const { code, stdout, stderr } = await runTsx('adapters/discord/register.ts', [], {
      env: { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_GUILD_ID: fake.guildId, DISCORD_API_URL: fake.apiUrl },
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Registered 6 slash commands in server ${fake.guildId}`));
    expect(stdout).toMatch(/Invite link: https:\/\/discord\.com\/oauth2\/authorize\?client_id=/);
    expect(fake.registrations.map((r) => r.scope)).toEqual([fake.guildId]);
  });

  it('fails with one line when Discord refuses the token', async () => {
    const wrongToken = `${fake.token.slice(0, -4)}XXXX`;
    const { code, stderr } = await runTsx('adapters/discord/register.ts', [], {
      env: { DISCORD_TOKEN: wrongToken, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl },
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^discord:register: Discord refused the commands: .*401/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
