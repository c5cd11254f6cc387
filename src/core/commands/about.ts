/** `about` · `출처`: where the facts come from. */
import { defineCommand } from './types.ts';

export const about = defineCommand({
  type: 'about',
  words: { en: ['about', 'source', 'sources', 'credits'], ko: ['출처', '정보', '소개', '기사'] },
  handle: (_command, { feud, lang }) => feud.about(lang),
  help: 'help.line.about',
  typed: { description: 'command.about.description' },
  fromTyped: () => ({ type: 'about' }),
});
