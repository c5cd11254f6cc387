/** The adapter contract over the Discord adapter (real discord.js) and the fake Discord. */
import { createDiscordAdapter } from '../../../adapters/discord/adapter.ts';
import { discord } from '../../../adapters/discord/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { type MessageBody, startFakeDiscord } from '../../fakes/discord.ts';
import { adapterContract, type Delivered } from './contract.ts';

const EPHEMERAL = 64;

function delivered(body: MessageBody): Delivered {
  const text = (body.embeds ?? [])
    .map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n'))
    .join('\n');
  const mentions = body.allowed_mentions;
  return {
    text,
    private: ((body.flags ?? 0) & EPHEMERAL) !== 0,
    couldPing: !(mentions && (mentions.parse ?? []).length === 0 && !mentions.users?.length && !mentions.roles?.length && mentions.replied_user !== true),
  };
}

adapterContract({
  name: 'discord',
  deadlineMs: discord.limits.ackDeadlineMs,
  supports: { pings: true, bots: true, privateReplies: true, goneChannels: true, deadline: true },
  async start(conversation) {
    const fake = await startFakeDiscord();
    const adapter = createDiscordAdapter({
      config: { token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl, messageContent: false },
      conversation,
      logger: silentLogger,
    });
    await adapter.start();
    await fake.waitFor('the client to be ready', () => (adapter.isConnected() ? true : undefined));
    const ask = (text: string) => fake.slashCommand({ name: 'feud', options: [{ name: 'question', type: 3, value: text }] });
    let channels = 0;
    return {
      async ask(text) {
        return delivered((await fake.callbackFor(ask(text))).data);
      },
      async sendFromBotAndSelf(text) {
        const mention = `<@${fake.appId}> ${text}`;
        fake.userMessage(mention, { author: { id: '999999999999999999', username: 'other-bot', bot: true }, mentions: [fake.botUser] });
        fake.userMessage(mention, { author: fake.botUser, mentions: [fake.botUser] });
        const probe = fake.userMessage(mention, { mentions: [fake.botUser] });
        await fake.waitFor('the reply to a person', () => fake.messages.find((m) => m.body.message_reference?.message_id === probe));
      },
      async postToGone(status) {
        const channelId = `40400000000000000${channels++}`;
        if (status === 404) fake.deleteChannel(channelId);
        else fake.revokeAccess(channelId);
        await adapter.postToChannel(channelId, { kind: 'notice', lang: 'en', title: 't', body: 'b', alternatives: [], visibility: 'public' });
      },
      async timeToAcknowledge(text) {
        const started = performance.now();
        const id = ask(text);
        // "thinking…" (a deferred response) is Discord's acknowledgement
        await fake.waitFor('the acknowledgement', () => fake.callbacks.find((c) => c.interactionId === id), 5000);
        return performance.now() - started;
      },
      async close() {
        await adapter.stop();
        await fake.close();
      },
    };
  },
});
