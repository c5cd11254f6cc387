/** Slash commands, autocomplete and button clicks → the conversation → an interaction response. */
import { type ButtonInteraction, type ChatInputCommandInteraction, type Interaction, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Incoming } from '../../src/bot/incoming.ts';
import type { Lang, Reply } from '../../src/core/reply.ts';
import { commandsByName } from './commands/index.ts';
import { type DiscordContext, localeLang, type Said } from './context.ts';
import { NO_MENTIONS, parseButtonId, renderNotice, renderReply } from './render.ts';

export async function onInteraction(interaction: Interaction, ctx: DiscordContext): Promise<void> {
  if (interaction.isAutocomplete()) {
    const command = commandsByName.get(interaction.commandName);
    await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
    return;
  }
  if (interaction.isChatInputCommand()) {
    const command = commandsByName.get(interaction.commandName);
    if (!command) {
      // a command left registered from an older version of the bot
      await interaction.reply({ ...renderNotice(localeLang(interaction.locale), 'notice.unknownCommand'), allowedMentions: NO_MENTIONS });
      return;
    }
    await command.execute(interaction, ctx);
    return;
  }
  if (interaction.isButton()) await onButton(interaction, ctx);
}

async function onButton(interaction: ButtonInteraction, ctx: DiscordContext): Promise<void> {
  const action = parseButtonId(interaction.customId);
  const lang = localeLang(interaction.locale);
  if (!action) {
    await interaction.reply({ ...renderNotice(lang, 'notice.staleButton'), allowedMentions: NO_MENTIONS });
    return;
  }
  if (action.type === 'ask') {
    // the answer comes in the language of the button clicked (the reply it sits under may be in the other one)
    const label = (interaction.component as { label?: string | null } | undefined)?.label ?? undefined;
    await ctx.answer(interaction, { via: 'button', factId: action.factId, ...(label ? { label } : {}) });
    return;
  }
  // one vote per user per message: clicking again is acknowledged but not counted twice
  if (ctx.firstVote(`${interaction.user.id}:${interaction.message.id}`)) ctx.conversation.feedback(action.factId, action.helpful, 'discord');
  await interaction.reply({ ...renderNotice(lang, action.helpful ? 'feedback.helpful' : 'feedback.notHelpful'), allowedMentions: NO_MENTIONS });
}

export function incomingFrom(interaction: ChatInputCommandInteraction | ButtonInteraction, said: Said): Incoming {
  return {
    platform: 'discord',
    channelId: interaction.channelId ?? interaction.user.id,
    userId: interaction.user.id,
    ...said,
    locale: async () => interaction.locale,
    // Discord computes the member's permissions in this channel (overwrites included) for us
    canManageChannel: async () => interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false),
  };
}

/** Ask the conversation and respond; if it is slow, say "thinking…" first so Discord's 3 s window holds. */
export async function answerInteraction(interaction: ChatInputCommandInteraction | ButtonInteraction, said: Said, ctx: DiscordContext): Promise<void> {
  const pending = ctx.conversation.handle(incomingFrom(interaction, said));
  const early = await within(pending, ctx.deferAfterMs);
  if (early.done) {
    await interaction.reply({ ...rendered(early.value, localeLang(interaction.locale)), allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.deferReply();
  const reply = await pending;
  const message = rendered(reply, localeLang(interaction.locale));
  if (message.flags === MessageFlags.Ephemeral) {
    // the "thinking…" placeholder is public; a private reply replaces it as an ephemeral follow-up
    await interaction.deleteReply();
    await interaction.followUp({ ...message, allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.editReply({ embeds: message.embeds, components: message.components, allowedMentions: NO_MENTIONS });
}

function rendered(reply: Reply | null, lang: Lang) {
  return reply ? renderReply(reply) : renderNotice(lang, 'notice.nothingToSay');
}

/** Settle `promise` within `ms`, or report that it is still running (it keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ done: true as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
