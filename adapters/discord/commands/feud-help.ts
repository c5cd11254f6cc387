import { grammarWordCommand } from './grammar-word.ts';

export const { definition, execute } = grammarWordCommand({
  name: 'feud-help',
  description: { en: 'How to use the feud bot', ko: '피드봇 사용법' },
  words: { en: 'help', ko: '도움말' },
});
