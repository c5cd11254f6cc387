/** `daily on [HH:MM] [time zone] [en|ko|both]` · `daily off` · `daily status` (`매일 켜기|끄기|상태`): a fact of the day. */
import * as texts from '../texts.ts';
import { isOneOf, OFF, ON, STATUS } from './switch-words.ts';
import { type Command, type CommandOf, type DailyLang, defineCommand } from './types.ts';

const LANGS: Record<string, DailyLang> = {
  en: 'en',
  english: 'en',
  영어: 'en',
  ko: 'ko',
  kr: 'ko',
  korean: 'ko',
  한국어: 'ko',
  한글: 'ko',
  both: 'both',
  둘다: 'both',
  '둘 다': 'both',
};
const ZONE = /^[a-z_]+(\/[a-z0-9_+-]+)+$|^utc$|^etc\/.+/;

/** The arguments in any order; the time is checked later (daily-commands.ts), where the message has an example. */
function parseDaily(lowerArgs: string[], originalArgs: string[]): Command {
  const [action = '', ...lower] = lowerArgs;
  const original = originalArgs.slice(1);
  if (isOneOf(OFF, action) || isOneOf(STATUS, action)) {
    if (lower.length > 0) return { type: 'usage', command: 'daily', problem: { kind: 'unknownArgument', arg: original[0]! } };
    return { type: 'daily', action: isOneOf(OFF, action) ? 'off' : 'status' };
  }
  if (!isOneOf(ON, action)) return { type: 'usage', command: 'daily', problem: { kind: 'notDailyAction', arg: originalArgs[0] ?? action } };
  const command: CommandOf<'daily'> & { action: 'on' } = { type: 'daily', action: 'on' };
  for (let i = 0; i < lower.length; i++) {
    const arg = lower[i]!;
    if (/^\d/.test(arg) && !command.time) command.time = arg;
    else if (LANGS[arg] && !command.lang) command.lang = LANGS[arg];
    else if (ZONE.test(arg) && !command.timeZone) command.timeZone = original[i]!;
    else return { type: 'usage', command: 'daily', problem: { kind: 'unknownArgument', arg: original[i]! } };
  }
  return command;
}

const WORDS = { en: ['daily'], ko: ['매일', '데일리'] } as const;

export const daily = defineCommand({
  type: 'daily',
  words: WORDS,
  parse({ lower, original }): Command | undefined {
    const [word = '', ...rest] = lower.split(/\s+/);
    if (!isOneOf(WORDS, word)) return undefined;
    return parseDaily(rest, original.split(/\s+/).slice(1));
  },
  // anyone may see the status; turning it on or off is for managers
  preconditions: (command) => (command.action === 'status' ? [] : ['manager']),
  channel: true,
  handle: (command, { lang, channel }) => (channel?.daily ? channel.daily(command) : texts.errorMessage(lang, 'daily.unavailable')),
  help: 'help.line.daily',
  typed: {
    description: 'command.daily.description',
    settings: true,
    actions: [
      {
        name: 'on',
        words: ON,
        description: 'command.daily.on.description',
        options: [
          { name: 'time', maxLength: 5 },
          { name: 'timezone', maxLength: 64 },
          { name: 'language', choices: ['en', 'ko', 'both'] },
        ],
      },
      { name: 'off', words: OFF, description: 'command.daily.off.description' },
      { name: 'status', words: STATUS, description: 'command.daily.status.description' },
    ],
  },
  fromTyped({ action, options }): Command {
    if (action === 'off' || action === 'status') return { type: 'daily', action };
    const trimmed = (v: string | undefined) => v?.trim() || undefined;
    const time = trimmed(options.time);
    const timeZone = trimmed(options.timezone);
    const lang = options.language ? LANGS[options.language] : undefined;
    return { type: 'daily', action: 'on', ...(time ? { time } : {}), ...(timeZone ? { timeZone } : {}), ...(lang ? { lang } : {}) };
  },
});
