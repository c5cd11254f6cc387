/** Every discord.js event the adapter listens to, registered in this one place. */
import { type Client, Events, type Interaction, type Message } from 'discord.js';
import { type DiscordContext, localeLang } from './context.ts';
import { onInteraction } from './interactions.ts';
import { onMessage } from './messages.ts';
import { NO_MENTIONS, renderNotice } from './render.ts';
import { SHARDING_REQUIRED, SHARDING_REQUIRED_ERROR } from './shards.ts';

export interface EventHooks {
  /** Run a handler so stop() can wait for replies in flight; drops the event once stopping. */
  track(work: () => Promise<void>): void;
  /** True while stop() runs: the gateway closing then is expected, not news. */
  stopping(): boolean;
  /** A user was failed (no answer, or "something went wrong"): count it for operators. */
  failed(): void;
}

export function registerEvents(client: Client, ctx: DiscordContext, hooks: EventHooks): void {
  const { logger } = ctx;

  client.on(Events.InteractionCreate, (interaction) =>
    hooks.track(() =>
      onInteraction(interaction, ctx).catch(async (err: unknown) => {
        hooks.failed();
        logger.error({ err, interaction: describe(interaction) }, 'failed to answer an interaction');
        await tellUserItFailed(interaction).catch((e: unknown) => logger.warn({ err: e }, 'could not tell the user it failed'));
      }),
    ),
  );

  client.on(Events.MessageCreate, (message) =>
    hooks.track(() =>
      onMessage(message, ctx).catch((err: unknown) => {
        hooks.failed();
        logger.error({ err, message: describeMessage(message) }, 'failed to answer a message');
      }),
    ),
  );

  client.once(Events.ClientReady, (ready) => logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'connected to Discord'));
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));
  // close 4011 is told once, as what to set (adapter.ts): its close line and stack would bury that
  client.on(Events.ShardError, (err, shardId) => {
    if (SHARDING_REQUIRED_ERROR.test(err.message)) logger.debug({ shardId }, 'discord gateway refused the shard count');
    else logger.error({ err, shardId }, 'discord gateway connection error');
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (hooks.stopping()) return;
    if (event.code === SHARDING_REQUIRED) logger.debug({ code: event.code, shardId }, 'discord gateway closed: more shards needed');
    else logger.error({ code: event.code, shardId }, 'discord gateway closed and will not reconnect');
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!hooks.stopping()) logger.warn({ shardId }, 'discord gateway reconnecting');
  });
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'discord gateway resumed'));
  client.on(Events.Debug, (message) => logger.trace({ detail: message }, 'discord.js'));
}

/** A slash command or button that failed still gets an answer, not Discord's "did not respond". */
async function tellUserItFailed(interaction: Interaction): Promise<void> {
  if (!interaction.isRepliable()) return;
  const notice = { ...renderNotice(localeLang(interaction.locale), 'error.failed'), allowedMentions: NO_MENTIONS };
  if (interaction.replied) return;
  if (interaction.deferred) await interaction.editReply({ embeds: notice.embeds, components: [], allowedMentions: NO_MENTIONS });
  else await interaction.reply(notice);
}

function describe(interaction: Interaction) {
  return {
    id: interaction.id,
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
    channelId: interaction.channelId,
  };
}

function describeMessage(message: Message) {
  return { id: message.id, channelId: message.channelId, guildId: message.guildId };
}
