/**
 * The command registry: every command the bot has, one module each. From this list come the
 * grammar every adapter shares (`/feud <text>` or a mention becomes a Command), the help text,
 * and the typed commands a platform such as Discord registers. A new command is a module and a line here.
 */
import { t } from '../catalog.ts';
import { cleanText } from '../normalise.ts';
import type { Lang, Reply } from '../reply.ts';
import * as texts from '../texts.ts';
import { about } from './about.ts';
import { ask } from './ask.ts';
import { daily } from './daily.ts';
import { fact } from './fact.ts';
import { help } from './help.ts';
import { listen } from './listen.ts';
import { show } from './show.ts';
import { timeline } from './timeline.ts';
import type { Command, CommandContext, CommandModule, CommandOf, CommandType, Precondition } from './types.ts';
import { usage } from './usage.ts';

export type * from './types.ts';

/** In the order help lists them. A question is whatever no other command reads. */
export const COMMANDS = [ask, fact, timeline, about, daily, listen, help, show, usage] as const;

const byType = new Map<CommandType, CommandModule>(COMMANDS.map((m) => [m.type, m as unknown as CommandModule]));
const moduleOf = <T extends CommandType>(type: T) => byType.get(type) as unknown as CommandModule<T>;

/** The word a command is shown as, in help and on Discord (`fact`, `랜덤 팩트`). */
export function commandWord(type: CommandType, lang: Lang): string {
  return moduleOf(type).words?.[lang][0] ?? type;
}

/** Whether the whole text is one of the command's own words (`help`, `출처`). */
const isWordOf = (module: CommandModule, lower: string) => !module.parse && (module.words?.en.includes(lower) || module.words?.ko.includes(lower));

/** The one grammar every adapter shares. Anything that is not a command is a question. */
export function parseCommand(input: string): Command {
  const text = cleanText(input);
  const lower = text.toLowerCase().replace(/^[/!]/, '').trim();
  for (const module of COMMANDS as readonly CommandModule[]) {
    if (isWordOf(module, lower)) return { type: module.type } as Command;
    const parsed = module.parse?.({ lower, original: text });
    if (parsed) return parsed;
  }
  return { type: 'ask', question: text };
}

/** The checks the conversation runs before this command's handler, in order. */
export function preconditionsOf(command: Command): readonly Precondition[] {
  return moduleOf(command.type).preconditions?.(command as never) ?? [];
}

/** The reply to a command. One that changes a channel's settings says so where there is no channel (the CLI). */
export async function runCommand(command: Command, ctx: CommandContext): Promise<Reply> {
  const module = moduleOf(command.type);
  if (module.channel && !ctx.channel) return texts.errorMessage(ctx.lang, 'error.channelOnly', { command: commandWord(command.type, ctx.lang) });
  return module.handle(command as never, ctx);
}

/** `help`: the catalog's frame around each command's own line, in the registry's order. */
export function helpBody(lang: Lang): string {
  const lines = COMMANDS.flatMap((m) => ('help' in m && m.help ? [t(lang, m.help)] : []));
  return t(lang, 'help.body', { commands: lines.join('\n') });
}

/** The commands a platform with typed commands registers (Discord's slash commands). */
export const typedCommands = (): readonly (CommandModule & { typed: NonNullable<CommandModule['typed']> })[] =>
  (COMMANDS as readonly CommandModule[]).filter((m): m is CommandModule & { typed: NonNullable<CommandModule['typed']> } => m.typed !== undefined);

export type { CommandOf };
