/** The adapter contract over the Slack adapter (real Bolt, HTTP mode) and the fake Slack. */
import { createSlackAdapter } from '../../../adapters/slack/adapter.ts';
import { slack } from '../../../adapters/slack/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { eventPayload, postSigned, type RecordedRequest, type SlackPayload, slashCommandPayload, startFakeSlack } from '../../fakes/slack.ts';
import { adapterContract, type Delivered } from './contract.ts';

const SIGNING_SECRET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** Slack parses mentions in a message unless told not to (parse: none, link_names off), and `<!…>`/`<@…>` in text are live. */
function delivered(r: RecordedRequest): Delivered {
  const body = r.body as { text?: string; blocks?: unknown; response_type?: string; parse?: string; link_names?: boolean };
  const everything = `${body.text ?? ''}\n${JSON.stringify(body.blocks ?? [])}`;
  return {
    text: everything.replace(/\\n/g, '\n'),
    private: body.response_type === 'ephemeral',
    couldPing: body.parse !== 'none' || body.link_names !== false || /<[!@#]/.test(everything),
  };
}

adapterContract({
  name: 'slack',
  deadlineMs: slack.limits.ackDeadlineMs,
  supports: { pings: true, bots: true, privateReplies: true, goneChannels: true, deadline: true },
  async start(conversation) {
    const fake = await startFakeSlack();
    const adapter = createSlackAdapter({
      config: { botToken: 'xoxb-0000-test-token', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, adminUserIds: [] },
      conversation,
      logger: silentLogger,
      host: '127.0.0.1',
    });
    await adapter.start();
    const send = (payload: SlackPayload) => postSigned(`http://127.0.0.1:${adapter.port()}/slack/events`, payload, { signingSecret: SIGNING_SECRET });
    let ts = 0;
    const nextTs = () => `17100${String(++ts).padStart(5, '0')}.000100`;
    return {
      async ask(text) {
        const responseUrl = fake.responseUrl();
        await send(slashCommandPayload({ text, responseUrl }));
        return delivered(await fake.waitFor((r) => r.method === 'response_url' && r.path === new URL(responseUrl).pathname));
      },
      async sendFromBotAndSelf(text) {
        const mention = `<@${fake.botUserId}> ${text}`;
        await send(eventPayload({ type: 'app_mention', user: 'U0OTHERBOT', bot_id: 'B0OTHER', text: mention, ts: nextTs(), channel: 'C0CONTRACT' }));
        await send(
          eventPayload({ type: 'message', channel: 'C0CONTRACT', channel_type: 'channel', user: fake.botUserId, bot_id: fake.botId, text, ts: nextTs() }),
        );
        const probe = nextTs();
        await send(eventPayload({ type: 'app_mention', user: 'U0PERSON', text: mention, ts: probe, channel: 'C0CONTRACT' }));
        await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.thread_ts === probe);
      },
      async postToGone(status) {
        // Slack says so in its error code: the channel is gone, or the bot is no longer in it
        const channel = status === 404 ? 'C0GONE404' : 'C0GONE403';
        fake.failChannel(channel, status === 404 ? 'channel_not_found' : 'not_in_channel');
        await adapter.postToChannel(channel, { kind: 'notice', lang: 'en', title: 't', body: 'b', alternatives: [], visibility: 'public' });
      },
      async timeToAcknowledge(text) {
        // the HTTP answer to the slash command is Slack's acknowledgement
        const started = performance.now();
        const res = await send(slashCommandPayload({ text, responseUrl: fake.responseUrl() }));
        if (res.status !== 200) throw new Error(`Slack got ${res.status}`);
        return performance.now() - started;
      },
      async close() {
        await adapter.stop();
        await fake.close();
      },
    };
  },
});
