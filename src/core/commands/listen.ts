/** `listen on|off` · `듣기 켜기|끄기`: answer confident questions in this channel without a mention. */
import { t } from '../catalog.ts';
import * as texts from '../texts.ts';
import { isOneOf, OFF, ON } from './switch-words.ts';
import { type Command, defineCommand } from './types.ts';

const WORDS = { en: ['listen'], ko: ['듣기'] } as const;

export const listen = defineCommand({
  type: 'listen',
  words: WORDS,
  parse({ lower }): Command | undefined {
    const [word = '', ...rest] = lower.split(/\s+/);
    if (!isOneOf(WORDS, word)) return undefined;
    const arg = rest.join(' ');
    if (isOneOf(ON, arg)) return { type: 'listen', on: true };
    if (isOneOf(OFF, arg)) return { type: 'listen', on: false };
    return { type: 'usage', command: 'listen', problem: arg ? { kind: 'notOnOff', arg } : { kind: 'noOnOff' } };
  },
  preconditions: () => ['manager'],
  channel: true,
  async handle(command, { lang, channel }) {
    await channel!.setListen(command.on);
    return texts.info(lang, t(lang, 'listen.title'), command.on ? t(lang, 'listen.on', { minutes: channel!.listenIntervalMinutes }) : t(lang, 'listen.off'));
  },
  help: 'help.line.listen',
  typed: { description: 'command.listen.description', settings: true, options: [{ name: 'mode', required: true, choices: ['on', 'off'] }] },
  fromTyped: ({ options }) => ({ type: 'listen', on: options.mode === 'on' }),
});
