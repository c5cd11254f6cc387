/**
 * The slash commands Discord registers, built from the core's command registry
 * (src/core/commands/): the main command `/feud question:…`, `/feud-<word>` for each other typed
 * command, and `/feud-settings` grouping the commands that change a channel's settings. Names,
 * descriptions and choices come from the message catalog, in English with Korean localisations.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { type MessageKey, t } from '../../../src/core/catalog.ts';
import { type CommandModule, type CommandOption, typedCommands } from '../../../src/core/commands/index.ts';

export const MAIN_COMMAND = 'feud';
export const SETTINGS_COMMAND = 'feud-settings';

type TypedModule = ReturnType<typeof typedCommands>[number];

/** `/feud-<word>`: the command's English word, as help shows it. */
export const slashNameOf = (module: CommandModule) => `${MAIN_COMMAND}-${module.words!.en[0]}`;

const described = (key: MessageKey) => ({ description: t('en', key), description_localizations: { ko: t('ko', key) } });

function option(o: CommandOption): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: o.name,
    name_localizations: { ko: t('ko', `command.option.${o.name}.name`) },
    ...described(`command.option.${o.name}.description`),
    required: o.required ?? false,
    ...(o.autocomplete ? { autocomplete: true } : {}),
    ...(o.maxLength !== undefined ? { max_length: o.maxLength } : {}),
    ...(o.choices
      ? { choices: o.choices.map((c) => ({ name: t('en', `command.choice.${c}`), name_localizations: { ko: t('ko', `command.choice.${c}`) }, value: c })) }
      : {}),
  } as APIApplicationCommandBasicOption;
}

/** A settings command as a subcommand of /feud-settings, or a group of them when it has actions (daily on|off|status). */
function settingsEntry(module: TypedModule): APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption {
  const named = { name: module.words!.en[0]!, name_localizations: { ko: module.words!.ko[0]! }, ...described(module.typed.description) };
  if (!module.typed.actions) return { type: ApplicationCommandOptionType.Subcommand, ...named, options: (module.typed.options ?? []).map(option) };
  return {
    type: ApplicationCommandOptionType.SubcommandGroup,
    ...named,
    options: module.typed.actions.map((a) => ({
      type: ApplicationCommandOptionType.Subcommand,
      name: a.name,
      name_localizations: { ko: a.words.ko[0]! },
      ...described(a.description),
      ...(a.options ? { options: a.options.map(option) } : {}),
    })),
  };
}

export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const typed = typedCommands();
  const definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [];
  for (const module of typed.filter((m) => !m.typed.settings)) {
    const options = (module.typed.options ?? []).map(option);
    definitions.push({
      name: module.typed.main ? MAIN_COMMAND : slashNameOf(module),
      ...described(module.typed.description),
      ...(options.length > 0 ? { options } : {}),
    });
  }
  // plain subcommands before subcommand groups, as Discord lists them
  const settings = typed.filter((m) => m.typed.settings).sort((a, b) => Number(Boolean(a.typed.actions)) - Number(Boolean(b.typed.actions)));
  if (settings.length > 0) {
    definitions.push({
      name: SETTINGS_COMMAND,
      ...described('command.settings.description'),
      // only members who can manage channels see it; the conversation checks again per channel
      default_member_permissions: PermissionFlagsBits.ManageChannels.toString(),
      dm_permission: false,
      contexts: [InteractionContextType.Guild],
      options: settings.map(settingsEntry),
    });
  }
  return definitions;
}
