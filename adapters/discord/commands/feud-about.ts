import { grammarWordCommand } from './grammar-word.ts';

export const { definition, execute } = grammarWordCommand({
  name: 'feud-about',
  description: { en: 'Where the feud bot’s facts come from', ko: '퓨드봇 팩트의 출처' },
  command: 'about',
});
