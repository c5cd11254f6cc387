/** The adapter contract over the Telegram adapter (real grammY) and the fake Bot API. */
import { createTelegramAdapter } from '../../../adapters/telegram/adapter.ts';
import { telegram } from '../../../adapters/telegram/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { GROUP, MEMBER, type SentMessage, startFakeTelegram } from '../../fakes/telegram.ts';
import { adapterContract, type Delivered } from './contract.ts';

const SECRET = 'contract-webhook-secret-0123456789';

/** Telegram reads an @name in a message as a mention, and an <a href="tg://user?id=…"> as one too. */
function delivered(m: SentMessage): Delivered {
  const text = m.text
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return { text, private: Number(m.chat_id) === MEMBER.id, couldPing: /@[A-Za-z0-9_]/.test(m.text) || /<a\s/i.test(m.text) };
}

adapterContract({
  name: 'telegram',
  deadlineMs: telegram.limits.ackDeadlineMs,
  supports: { pings: true, bots: true, privateReplies: true, goneChannels: true, deadline: true },
  async start(conversation) {
    const fake = await startFakeTelegram();
    // a webhook: its HTTP answer is what Telegram waits for
    const adapter = createTelegramAdapter({
      config: { token: fake.token, apiUrl: fake.apiRoot, webhook: { url: 'https://bot.example.com/tg', secret: SECRET, port: 0 } },
      conversation,
      logger: silentLogger,
      defaultTimeZone: 'Asia/Seoul',
      host: '127.0.0.1',
    });
    await adapter.start();
    fake.setHoldUpdates(true);
    const deliver = () =>
      fetch(`http://127.0.0.1:${adapter.port()}/tg`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(fake.lastUpdate()),
        signal: AbortSignal.timeout(15_000),
      });
    const replyIn = (before: number) =>
      fake.waitFor('the reply', () => fake.sent.slice(before).find((m) => Number(m.chat_id) === GROUP.id || Number(m.chat_id) === MEMBER.id));
    return {
      async ask(text) {
        const before = fake.sent.length;
        fake.command(`/feud ${text}`, { chat: GROUP, from: MEMBER });
        await deliver();
        return delivered(await replyIn(before));
      },
      async sendFromBotAndSelf(text) {
        fake.command(`/feud ${text}`, { chat: GROUP, from: { id: 999, first_name: 'other bot', is_bot: true } });
        await deliver();
        fake.command(`/feud ${text}`, { chat: GROUP, from: fake.bot });
        await deliver();
        const probe = fake.command(`/feud ${text}`, { chat: GROUP, from: MEMBER });
        await deliver();
        await fake.replyTo(GROUP.id, probe);
      },
      async postToGone(status) {
        // Telegram's "gone" is 400 "chat not found"; a group that removed the bot answers 403
        const chat = status === 404 ? -404 : -403;
        fake.failChat(chat, status === 404 ? 400 : 403, status === 404 ? 'Bad Request: chat not found' : 'Forbidden: bot was kicked from the group chat');
        await adapter.postToChannel(String(chat), { kind: 'notice', lang: 'en', title: 't', body: 'b', alternatives: [], visibility: 'public' });
      },
      async timeToAcknowledge(text) {
        fake.command(`/feud ${text}`, { chat: GROUP, from: MEMBER });
        const started = performance.now();
        const res = await deliver();
        if (res.status !== 200) throw new Error(`Telegram got ${res.status}`);
        return performance.now() - started;
      },
      async close() {
        await adapter.stop();
        await fake.close();
      },
    };
  },
});
