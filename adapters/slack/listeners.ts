/**
 * Every Slack listener, registered in one place. Each one translates a Slack event into an
 * Incoming, asks the conversation, and renders what comes back; the grammar, permissions,
 * rate limits and listen-mode silence all live in the conversation.
 */
import type { App, Context, RespondArguments } from '@slack/bolt';
import type { ErrorCounter } from '../../src/bot/adapter.ts';
import type { Conversation, Incoming } from '../../src/bot/incoming.ts';
import type { SeenRequests } from '../../src/bot/seen-requests.ts';
import { t } from '../../src/core/catalog.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Logger } from '../../src/log.ts';
import { workspaceScoped } from '../../src/store/store.ts';
import { NotInstalledError, workspaceOf } from './installations.ts';
import { plainFromSlack, stripBotMention } from './mrkdwn.ts';
import { NO_PINGS, type SlackPoster } from './poster.ts';
import { ASK_ACTION_PREFIX, decodeButtonValue, FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION, renderReply } from './render.ts';
import type { UserDirectory, WorkspaceAuth } from './users.ts';

export interface ListenerDeps {
  conversation: Conversation;
  users: UserDirectory;
  /** Event ids already handled (Slack re-delivers an event it thinks was lost). */
  seen: SeenRequests;
  /** Every chat.postMessage / chat.postEphemeral goes through it (never twice, per-channel rate limits). */
  poster: SlackPoster;
  logger: Logger;
  errors?: ErrorCounter;
  /** Runs a listener's work so stop() can wait for replies already under way. */
  track: <T>(work: Promise<T>) => Promise<T>;
  /**
   * The app is installed in many workspaces (OAuth): channel and user ids handed to the
   * conversation are scoped by the workspace, and every Web API call uses that workspace's token.
   */
  multiWorkspace?: boolean;
}

/** Slack re-delivers an event for a few minutes; its id is remembered a little longer. */
const EVENT_ID_MEMORY_MS = 10 * 60_000;

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { conversation, users, seen, poster, logger, track } = deps;

  /** Whose workspace an event is from, and its token: only for an app installed in many. */
  const authOf = (context: Context): WorkspaceAuth | undefined => {
    if (!deps.multiWorkspace) return undefined;
    const workspace = workspaceOf(context);
    return workspace && context.botToken ? { workspace, token: context.botToken } : undefined;
  };
  /** The poster's per-call token. */
  const as = (auth: WorkspaceAuth | undefined) => (auth ? { token: auth.token } : {});

  type Said = { via: 'command' | 'mention' | 'listen'; text: string } | { via: 'button'; factId: string };
  const incoming = (context: Context, channelId: string, userId: string, said: Said, locale?: string): Incoming => {
    const auth = authOf(context);
    // installed in many workspaces: ids are the workspace's own, and every lookup uses its token
    const scoped = (id: string) => (auth ? workspaceScoped(auth.workspace, id) : id);
    return {
      platform: 'slack',
      channelId: scoped(channelId),
      userId: scoped(userId),
      ...said,
      ...(auth ? { workspace: auth.workspace } : {}),
      ...(locale ? { locale: async () => locale } : {}),
      canManageChannel: () => users.canManageChannel(userId, auth),
      // the time zone costs a users.info call: the conversation asks only when `daily on` needs it
      timeZone: () => users.timeZone(userId, auth),
    };
  };

  // A retried delivery (x-slack-retry-num) carries the same event_id: answer the first one only.
  // Events are acknowledged by Bolt before middleware runs, so dropping a repeat here is safe.
  app.use(async ({ body, next, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await seen.firstSeen(`slack-event:${eventId}`, Date.now() + EVENT_ID_MEMORY_MS))) {
      logger.debug({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'ignoring a repeated Slack event');
      return;
    }
    await next();
  });

  // /feud <text>: acknowledge at once, then answer through the response_url
  app.command(/^\/.+/, async ({ command, ack, respond, context }) => {
    await ack();
    await track(
      (async () => {
        const reply = await conversation.handle(
          incoming(context, command.channel_id, command.user_id, { via: 'command', text: plainFromSlack(command.text ?? '') }),
        );
        if (reply) await respond(responseFor(reply));
      })(),
    );
  });

  // @Feud Bot <question>: a threaded reply under the mention
  app.event('app_mention', async ({ event, context }) => {
    if (event.bot_id || !event.user) return;
    const user = event.user;
    await track(
      (async () => {
        const text = plainFromSlack(stripBotMention(event.text, context.botUserId));
        const reply = await conversation.handle(incoming(context, event.channel, user, { via: 'mention', text }));
        if (!reply) return;
        const threadTs = event.thread_ts ?? event.ts;
        const message = renderReply(reply);
        const auth = as(authOf(context));
        if (reply.visibility === 'private') await poster.postEphemeral({ channel: event.channel, user, thread_ts: threadTs, ...message, ...auth });
        else await poster.postMessage({ channel: event.channel, thread_ts: threadTs, ...message, ...auth });
      })(),
    );
  });

  // Listen mode: plain messages in channels; the conversation decides (opted in, confident, not too often)
  app.event('message', async ({ event, context }) => {
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
        const reply = await conversation.handle(incoming(context, message.channel, user, { via: 'listen', text: plainFromSlack(message.text ?? '') }));
        if (!reply) return;
        await poster.postMessage({ channel: message.channel, thread_ts: message.thread_ts ?? message.ts, ...renderReply(reply), ...as(authOf(context)) });
      })(),
    );
  });

  // A did-you-mean button: the message turns into the answer to the fact clicked
  app.action(new RegExp(`^${ASK_ACTION_PREFIX}`), async ({ ack, action, body, respond, context }) => {
    await ack();
    const choice = decodeButtonValue((action as { value?: string }).value);
    if (!choice) return;
    await track(
      (async () => {
        // the button's value names the language the user was reading
        const reply = await conversation.handle(incoming(context, body.channel?.id ?? '', body.user.id, { via: 'button', factId: choice.factId }, choice.lang));
        if (!reply) return;
        if (reply.visibility === 'private') await respond({ ...responseFor(reply), replace_original: false });
        else await respond({ ...renderReply(reply), ...NO_PINGS, replace_original: true });
      })(),
    );
  });

  // 👍 / 👎 under an answer
  app.action(new RegExp(`^(${FEEDBACK_UP_ACTION}|${FEEDBACK_DOWN_ACTION})$`), async ({ ack, action, respond, context }) => {
    await ack();
    const choice = decodeButtonValue((action as { value?: string }).value);
    if (!choice) return;
    const helpful = (action as { action_id: string }).action_id === FEEDBACK_UP_ACTION;
    const workspace = authOf(context)?.workspace;
    if (workspace) conversation.feedback(choice.factId, helpful, 'slack', workspace);
    else conversation.feedback(choice.factId, helpful, 'slack');
    await track(
      respond({ response_type: 'ephemeral', replace_original: false, text: t(choice.lang, helpful ? 'feedback.helpful' : 'feedback.notHelpful'), ...NO_PINGS }),
    );
  });

  app.error(async (error) => {
    // an event from a workspace the app is not installed in (any more): nobody was failed
    const notInstalled = causes(error).find((e): e is NotInstalledError => e instanceof NotInstalledError);
    if (notInstalled) {
      logger.info({ workspace: notInstalled.workspace }, 'ignoring a Slack event from a workspace the app is not installed in');
      return;
    }
    // a listener that throws has failed a user: a reply not sent, a response_url not reached
    deps.errors?.inc({ source: 'slack' });
    logger.error({ err: error }, 'Slack listener failed');
  });
}

/** An error and what it wraps (Bolt's `original`, or `cause`), outermost first; bounded. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 5; e = (e as { original?: unknown; cause?: unknown }).original ?? (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/** A slash-command response: public replies to the channel, the rest only to the asker. */
function responseFor(reply: Reply): RespondArguments {
  return { response_type: reply.visibility === 'public' ? 'in_channel' : 'ephemeral', ...renderReply(reply), ...NO_PINGS };
}
