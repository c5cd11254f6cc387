/** `help` · `도움말`: what the bot can do. */
import { defineCommand } from './types.ts';

export const help = defineCommand({
  type: 'help',
  words: { en: ['help', 'h', '?', 'commands'], ko: ['도움말', '도움', '명령어', '사용법', '헬프'] },
  handle: (_command, { feud, lang }) => feud.help(lang),
  typed: { description: 'command.help.description' },
  fromTyped: () => ({ type: 'help' }),
});
