/** `fact` · `랜덤 팩트`: a random fact. */
import { defineCommand } from './types.ts';

export const fact = defineCommand({
  type: 'fact',
  // "오늘의 사실" and "fact of the day" were the old words; they still work, though the fact is random, not today's
  words: {
    en: ['fact', 'random', 'random fact', 'fact of the day'],
    ko: ['랜덤 팩트', '랜덤팩트', '무작위 팩트', '아무 팩트', '오늘의 사실', '오늘의사실', '랜덤', '팩트', '아무거나', '사실'],
  },
  preconditions: () => ['throttle'],
  handle: (_command, { feud, lang, random }) => feud.randomFact(lang, random),
  help: 'help.line.fact',
  typed: { description: 'command.fact.description' },
  fromTyped: () => ({ type: 'fact' }),
});
