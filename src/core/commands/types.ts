/**
 * What one command is, as a module: its words in both languages, its parser, its handler, its
 * help line, and how a platform with typed commands (Discord) shows it. The registry (index.ts)
 * builds the grammar, the help text and the typed commands from the modules.
 */
import type { MessageKey } from '../catalog.ts';
import type { Feud } from '../feud.ts';
import type { Lang, Reply } from '../reply.ts';

export type DailyLang = Lang | 'both';

export type Command =
  | { type: 'help' }
  | { type: 'fact' }
  | { type: 'about' }
  | { type: 'timeline'; range?: string }
  | { type: 'daily'; action: 'on'; time?: string; timeZone?: string; lang?: DailyLang }
  | { type: 'daily'; action: 'off' | 'status' }
  | { type: 'listen'; on: boolean }
  | { type: 'usage'; command: 'daily' | 'listen'; problem: UsageProblem }
  /** A did-you-mean click: the answer for one fact, by id. */
  | { type: 'show'; factId: string }
  | { type: 'ask'; question: string };

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** What was wrong with a `daily`/`listen` command; the words for it are in the message catalog. */
export type UsageProblem = { kind: 'noOnOff' } | { kind: 'notOnOff' | 'notDailyAction' | 'unknownArgument'; arg: string };

/** Commands that change a channel's settings: they need a chat channel and a manager. */
export type ChannelCommand = CommandOf<'daily' | 'listen'>;

/**
 * The checks that run before a handler, in the conversation's order:
 * `manager`: only members who can manage the channel; `throttle`: the user's cooldown and the channel's cap.
 */
export type Precondition = 'manager' | 'throttle';

/** A channel's settings, for the commands that change them; absent where there is no channel (the CLI). */
export interface ChannelPorts {
  setListen(on: boolean): Promise<void>;
  listenIntervalMinutes: number;
  /** `daily on|off|status` for this channel; absent when the bot has no scheduler. */
  daily?(command: CommandOf<'daily'>): Promise<Reply>;
}

export interface CommandContext {
  feud: Feud;
  /** The reply's language: the question's (Hangul → Korean), else the user's locale. */
  lang: Lang;
  channel?: ChannelPorts;
  random?: () => number;
  /** The fact this asker was just answered with, for a follow-up question. */
  previousFactId?: string;
}

/** One argument a platform with typed commands asks for (Discord's options). */
export interface CommandOption {
  /** Its identifier; its shown name and description are the messages `command.option.<name>.name|description`. */
  name: 'question' | 'range' | 'mode' | 'time' | 'timezone' | 'language';
  required?: boolean;
  maxLength?: number;
  /** Suggest values as the user types (questions). */
  autocomplete?: boolean;
  /** Fixed values; each one's label is the message `command.choice.<value>`. */
  choices?: readonly ('on' | 'off' | 'en' | 'ko' | 'both')[];
}

/** A sub-action with its own options (daily on|off|status); its shown name is its first word. */
export interface CommandAction {
  name: string;
  words: Record<Lang, readonly string[]>;
  description: MessageKey;
  options?: readonly CommandOption[];
}

/** How a platform with typed commands shows a command. */
export interface TypedCommand {
  /** Its one-line description (at most 100 characters on Discord). */
  description: MessageKey;
  options?: readonly CommandOption[];
  actions?: readonly CommandAction[];
  /** The main command: its one text option takes the whole grammar (`/feud question:…`). */
  main?: boolean;
  /** Changes the channel's settings: grouped under one settings command, for channel managers, not in DMs. */
  settings?: boolean;
}

/** Option values as a typed command delivers them, already split out. */
export interface TypedValues {
  action?: string;
  options: Partial<Record<CommandOption['name'], string>>;
}

/** The lower-cased, trimmed text after `/feud` (lower), and the same as typed (original). */
export interface ParseInput {
  lower: string;
  original: string;
}

export interface CommandModule<T extends CommandType = CommandType> {
  type: T;
  /** The words that name it; the first of each language is how help and Discord show it. */
  words?: Record<Lang, readonly string[]>;
  /** This command, read from the text, or undefined when the text is not it. */
  parse?(input: ParseInput): Command | undefined;
  /** The checks before its handler, for this parsed command (an empty question is not throttled). */
  preconditions?(command: CommandOf<T>): readonly Precondition[];
  /** Needs a chat channel (changes its settings). */
  channel?: boolean;
  handle(command: CommandOf<T>, ctx: CommandContext): Reply | Promise<Reply>;
  /** Its line in `help`. */
  help?: MessageKey;
  typed?: TypedCommand;
  /** The command from a typed command's option values (Discord), so the core need not parse text again. */
  fromTyped?(values: TypedValues): Command;
}

export const defineCommand = <T extends CommandType>(module: CommandModule<T>): CommandModule<T> => module;
