/**
 * Every Slack listener, registered in one place. Each one translates a Slack event into an
 * Incoming, asks the conversation, and renders what comes back; the grammar, permissions,
 * rate limits and listen-mode silence all live in the conversation.
 */
import type { App, RespondArguments } from '@slack/bolt';
import type { Conversation, Incoming } from '../../src/bot/incoming.ts';
import { parseCommand } from '../../src/core/commands.ts';
import type { Lang, Reply } from '../../src/core/reply.ts';
import type { Logger } from '../../src/log.ts';
import { plainFromSlack, stripBotMention } from './mrkdwn.ts';
import type { SeenEvents } from '../../src/bot/seen-events.ts';
import { ASK_ACTION_PREFIX, decodeButtonValue, FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION, renderReply } from './render.ts';
import type { UserDirectory } from './users.ts';

/** Every message the bot sends: Slack must not turn any text into a mention or a link preview. */
export const NO_PINGS = { parse: 'none', link_names: false, unfurl_links: false, unfurl_media: false } as const;

export interface ListenerDeps {
  conversation: Conversation;
  users: UserDirectory;
  /** Events seen by any instance (through the store): a retry is answered once. */
  seenEvents: SeenEvents;
  logger: Logger;
  /** Runs a listener's work so stop() can wait for replies already under way. */
  track: <T>(work: Promise<T>) => Promise<T>;
}

/** Slack retries an event for a few minutes; remember its id for longer than that. */
const EVENT_MEMORY_MS = 10 * 60_000;

const THANKS: Record<Lang, string> = { en: 'Thanks for the feedback!', ko: '의견 고마워요!' };

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { conversation, users, seenEvents, logger, track } = deps;

  const incoming = async (fields: Pick<Incoming, 'channelId' | 'userId' | 'text' | 'via'> & { locale?: string }): Promise<Incoming> => {
    // the time zone costs a users.info call, so it is looked up only for `daily …`
    const wantsZone = fields.via !== 'listen' && fields.via !== 'button' && parseCommand(fields.text).type === 'daily';
    const timeZone = wantsZone ? await users.timeZone(fields.userId) : undefined;
    return {
      platform: 'slack',
      ...fields,
      canManageChannel: () => users.canManageChannel(fields.userId),
      ...(timeZone ? { defaultTimeZone: timeZone } : {}),
    };
  };

  // A retried delivery (x-slack-retry-num) carries the same event_id: answer the first one only,
  // whichever instance got it. Events are acknowledged by Bolt before middleware runs, so the
  // store round trip here does not delay the ack, and dropping a repeat is safe.
  app.use(async ({ body, next, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await seenEvents.firstSeen(`slack:event:${eventId}`, Date.now() + EVENT_MEMORY_MS))) {
      logger.debug({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'ignoring a repeated Slack event');
      return;
    }
    await next();
  });

  // /feud <text>: acknowledge at once, then answer through the response_url
  app.command(/^\/.+/, async ({ command, ack, respond }) => {
    await ack();
    await track(
      (async () => {
        const reply = await conversation.handle(
          await incoming({ channelId: command.channel_id, userId: command.user_id, text: plainFromSlack(command.text ?? ''), via: 'command' }),
        );
        if (reply) await respond(responseFor(reply));
      })(),
    );
  });

  // @Feud Bot <question>: a threaded reply under the mention
  app.event('app_mention', async ({ event, context, client }) => {
    if (event.bot_id || !event.user) return;
    const user = event.user;
    await track(
      (async () => {
        const text = plainFromSlack(stripBotMention(event.text, context.botUserId));
        const reply = await conversation.handle(await incoming({ channelId: event.channel, userId: user, text, via: 'mention' }));
        if (!reply) return;
        const threadTs = event.thread_ts ?? event.ts;
        const message = renderReply(reply);
        if (reply.visibility === 'private') {
          await client.chat.postEphemeral({ channel: event.channel, user, thread_ts: threadTs, ...message, ...NO_PINGS });
        } else {
          await client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, ...message, ...NO_PINGS });
        }
      })(),
    );
  });

  // Listen mode: plain messages in channels; the conversation decides (opted in, confident, not too often)
  app.event('message', async ({ event, context, client }) => {
    const message = event as {
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      channel: string;
      channel_type?: string;
      ts: string;
      thread_ts?: string;
      parent_user_id?: string;
    };
    // edits, deletions, joins, bot posts: anything with a subtype is not a person asking
    if (message.subtype !== undefined || message.bot_id || !message.user || !message.text) return;
    if (message.channel_type !== 'channel' && message.channel_type !== 'group') return;
    const botUserId = context.botUserId;
    if (message.user === botUserId) return;
    // a mention of the bot arrives as app_mention too, and is answered there
    if (botUserId && message.text.includes(`<@${botUserId}`)) return;
    // replies in the bot's own threads are follow-ups to an answer, not new questions
    if (message.thread_ts && message.thread_ts !== message.ts && botUserId && message.parent_user_id === botUserId) return;
    const user = message.user;
    await track(
      (async () => {
        const reply = await conversation.handle(await incoming({ channelId: message.channel, userId: user, text: plainFromSlack(message.text ?? ''), via: 'listen' }));
        if (!reply) return;
        await client.chat.postMessage({ channel: message.channel, thread_ts: message.thread_ts ?? message.ts, ...renderReply(reply), ...NO_PINGS });
      })(),
    );
  });

  // A did-you-mean button: the message turns into the answer to the fact clicked
  app.action(new RegExp(`^${ASK_ACTION_PREFIX}`), async ({ ack, action, body, respond }) => {
    await ack();
    const choice = decodeButtonValue((action as { value?: string }).value);
    if (!choice) return;
    await track(
      (async () => {
        const reply = await conversation.handle(
          await incoming({ channelId: body.channel?.id ?? '', userId: body.user.id, text: choice.factId, via: 'button', locale: choice.lang }),
        );
        if (!reply) return;
        if (reply.visibility === 'private') await respond({ ...responseFor(reply), replace_original: false });
        else await respond({ ...renderReply(reply), ...NO_PINGS, replace_original: true });
      })(),
    );
  });

  // 👍 / 👎 under an answer
  app.action(new RegExp(`^(${FEEDBACK_UP_ACTION}|${FEEDBACK_DOWN_ACTION})$`), async ({ ack, action, respond }) => {
    await ack();
    const choice = decodeButtonValue((action as { value?: string }).value);
    if (!choice) return;
    conversation.feedback(choice.factId, (action as { action_id: string }).action_id === FEEDBACK_UP_ACTION, 'slack');
    await track(respond({ response_type: 'ephemeral', replace_original: false, text: THANKS[choice.lang], ...NO_PINGS }));
  });

  app.error(async (error) => {
    logger.error({ err: error }, 'Slack listener failed');
  });
}

/** A slash-command response: public replies to the channel, the rest only to the asker. */
function responseFor(reply: Reply): RespondArguments {
  return { response_type: reply.visibility === 'public' ? 'in_channel' : 'ephemeral', ...renderReply(reply), ...NO_PINGS };
}

