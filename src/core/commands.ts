/**
 * The one command grammar every adapter shares: `/feud <text>` (or a mention) becomes a Command.
 * Anything that is not a known command word is a question.
 */
import { cleanText } from './normalise.ts';

export type Command =
  | { type: 'help' }
  | { type: 'fact' }
  | { type: 'about' }
  | { type: 'timeline'; range?: string }
  | { type: 'daily'; action: 'on'; time?: string; timeZone?: string; lang?: 'en' | 'ko' | 'both' }
  | { type: 'daily'; action: 'off' | 'status' }
  | { type: 'listen'; on: boolean }
  | { type: 'usage'; command: 'daily' | 'listen'; problem: UsageProblem }
  | { type: 'ask'; question: string };

/** What was wrong with a `daily`/`listen` command; the words for it are in the message catalog. */
export type UsageProblem = { kind: 'noOnOff' } | { kind: 'notOnOff' | 'notDailyAction' | 'unknownArgument'; arg: string };

/** Commands that change a channel's settings: they need a chat channel and a manager. */
export type ChannelCommand = Extract<Command, { type: 'daily' | 'listen' }>;
/** Everything else, which the core can answer by itself (the CLI too). */
export type ChannelFreeCommand = Exclude<Command, ChannelCommand>;

/** The word each command is shown as, in help and on Discord; the parser also takes the aliases below. */
export const COMMAND_WORDS = {
  help: { en: 'help', ko: '도움말' },
  fact: { en: 'fact', ko: '랜덤 팩트' },
  timeline: { en: 'timeline', ko: '연표' },
  about: { en: 'about', ko: '출처' },
  daily: { en: 'daily', ko: '매일' },
  listen: { en: 'listen', ko: '듣기' },
} as const;

const HELP = new Set(['help', 'h', '?', 'commands', '도움말', '도움', '명령어', '사용법', '헬프']);
// "오늘의 사실" and "fact of the day" were the old words; they still work, though the fact is random, not today's
const FACT = new Set(['fact', 'random', 'random fact', 'fact of the day', '랜덤 팩트', '랜덤팩트', '무작위 팩트', '아무 팩트', '오늘의 사실', '오늘의사실', '랜덤', '팩트', '아무거나', '사실']);
const ABOUT = new Set(['about', 'source', 'sources', 'credits', '출처', '정보', '소개', '기사']);
const TIMELINE = /^(timeline|history|연표|타임라인|연대기)(?:\s+(.*))?$/;
/** "what happened in 2024", "2024년에 무슨 일이 있었어", "2024-11..2025-02 events" */
const HAPPENED_IN = /^(?:what|which events?)\s+(?:happened|went on|occurred)\s+(?:in|during|between|from)\s+(.+?)\??$|^(.+?)\s*(?:에|엔|에는)?\s*(?:무슨|어떤)\s*일(?:이|들이)?\s*(?:있었|일어났|벌어졌).*$/;
const LANGS: Record<string, 'en' | 'ko' | 'both'> = { en: 'en', english: 'en', 영어: 'en', ko: 'ko', kr: 'ko', korean: 'ko', 한국어: 'ko', 한글: 'ko', both: 'both', 둘다: 'both', '둘 다': 'both' };
const ON = new Set(['on', 'enable', 'start', '켜기', '켜', '시작']);
const OFF = new Set(['off', 'disable', 'stop', '끄기', '꺼', '중지']);
const STATUS = new Set(['status', '상태', '']);

export function parseCommand(input: string): Command {
  const text = cleanText(input);
  const lower = text.toLowerCase().replace(/^[/!]/, '').trim();
  if (HELP.has(lower)) return { type: 'help' };
  if (FACT.has(lower)) return { type: 'fact' };
  if (ABOUT.has(lower)) return { type: 'about' };

  const timeline = TIMELINE.exec(lower);
  if (timeline) return timeline[2] ? { type: 'timeline', range: timeline[2].trim() } : { type: 'timeline' };
  const happened = HAPPENED_IN.exec(lower);
  const period = happened?.[1] ?? happened?.[2];
  if (period && /\d{4}/.test(period)) return { type: 'timeline', range: period.replace(/[?？.]+$/, '').trim() };

  const [word, ...rest] = lower.split(/\s+/);
  if (word === 'daily' || word === '데일리' || word === '매일') return parseDaily(rest, text.split(/\s+/).slice(1));
  if (word === 'listen' || word === '듣기') {
    const arg = rest.join(' ');
    if (ON.has(arg)) return { type: 'listen', on: true };
    if (OFF.has(arg)) return { type: 'listen', on: false };
    return { type: 'usage', command: 'listen', problem: arg ? { kind: 'notOnOff', arg } : { kind: 'noOnOff' } };
  }
  return { type: 'ask', question: text };
}

/** `daily on [HH:MM] [time zone] [en|ko|both]`, `daily off`, `daily status`; the arguments in any order. */
function parseDaily(lowerArgs: string[], originalArgs: string[]): Command {
  const [action = '', ...lower] = lowerArgs;
  const original = originalArgs.slice(1);
  if (OFF.has(action) || STATUS.has(action)) {
    if (lower.length > 0) return { type: 'usage', command: 'daily', problem: { kind: 'unknownArgument', arg: original[0]! } };
    return { type: 'daily', action: OFF.has(action) ? 'off' : 'status' };
  }
  if (!ON.has(action)) return { type: 'usage', command: 'daily', problem: { kind: 'notDailyAction', arg: originalArgs[0] ?? action } };
  const command: Extract<Command, { type: 'daily'; action: 'on' }> = { type: 'daily', action: 'on' };
  for (let i = 0; i < lower.length; i++) {
    const arg = lower[i]!;
    if (/^\d/.test(arg) && !command.time) command.time = arg; // validated later, with an example
    else if (LANGS[arg] && !command.lang) command.lang = LANGS[arg];
    else if (/^[a-z_]+(\/[a-z0-9_+-]+)+$|^utc$|^etc\/.+/.test(arg) && !command.timeZone) command.timeZone = original[i]!;
    else return { type: 'usage', command: 'daily', problem: { kind: 'unknownArgument', arg: original[i]! } };
  }
  return command;
}
