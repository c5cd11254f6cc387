/** `timeline [2024 | 2024-11..2025-02]` · `연표`, and "what happened in 2024": dated events in order. */
import { type Command, defineCommand } from './types.ts';

const WORDS = { en: ['timeline', 'history'], ko: ['연표', '타임라인', '연대기'] } as const;
const TIMELINE = new RegExp(`^(${[...WORDS.en, ...WORDS.ko].join('|')})(?:\\s+(.*))?$`);
/** "what happened in 2024", "2024년에 무슨 일이 있었어", "2024-11..2025-02 events" */
const HAPPENED_IN =
  /^(?:what|which events?)\s+(?:happened|went on|occurred)\s+(?:in|during|between|from)\s+(.+?)\??$|^(.+?)\s*(?:에|엔|에는)?\s*(?:무슨|어떤)\s*일(?:이|들이)?\s*(?:있었|일어났|벌어졌).*$/;

export const timeline = defineCommand({
  type: 'timeline',
  words: WORDS,
  parse({ lower }): Command | undefined {
    const named = TIMELINE.exec(lower);
    if (named) return named[2] ? { type: 'timeline', range: named[2].trim() } : { type: 'timeline' };
    const happened = HAPPENED_IN.exec(lower);
    const period = happened?.[1] ?? happened?.[2];
    if (period && /\d{4}/.test(period)) return { type: 'timeline', range: period.replace(/[?？.]+$/, '').trim() };
    return undefined;
  },
  preconditions: () => ['throttle'],
  handle: (command, { feud, lang }) => feud.timeline(command.range, lang),
  help: 'help.line.timeline',
  typed: { description: 'command.timeline.description', options: [{ name: 'range', maxLength: 40 }] },
  fromTyped({ options }) {
    const range = options.range?.trim();
    return range ? { type: 'timeline', range } : { type: 'timeline' };
  },
});
