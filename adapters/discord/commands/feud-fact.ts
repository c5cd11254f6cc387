import { grammarWordCommand } from './grammar-word.ts';

export const { definition, execute } = grammarWordCommand({
  name: 'feud-fact',
  description: { en: 'A random fact about the Musk vs Altman feud', ko: '머스크 vs 올트먼 랜덤 팩트' },
  command: 'fact',
});
