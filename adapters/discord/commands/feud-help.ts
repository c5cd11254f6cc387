import { grammarWordCommand } from './grammar-word.ts';

export const { definition, execute } = grammarWordCommand({
  name: 'feud-help',
  description: { en: 'How to use the feud bot', ko: '퓨드봇 사용법' },
  command: 'help',
});
