import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChatAdapter } from '../../src/bot/adapter.ts';
import type { Conversation } from '../../src/bot/incoming.ts';
import { t } from '../../src/core/catalog.ts';
import { renderText } from '../../src/core/render-text.ts';
import type { Reply } from '../../src/core/reply.ts';

export const CONSOLE_CHANNEL = 'console';

export interface ConsoleAdapterOptions {
  conversation: Conversation;
  input?: Readable;
  output?: Writable;
  /** Called once when the input ends (Ctrl-D or end of a pipe). */
  onEnd?: () => void;
  defaultTimeZone?: string;
}

/** The terminal chat: the bot with no platform tokens, and the easiest way to try it. */
export function createConsoleAdapter(options: ConsoleAdapterOptions): ChatAdapter & { readonly ended: Promise<void> } {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  let rl: Interface | undefined;
  let queue = Promise.resolve();
  let resolveEnded!: () => void;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));

  const print = (reply: Reply) => output.write(`${renderText(reply)}\n\n`);

  const onLine = async (line: string) => {
    const text = line.replace(/^\s*\/?feud\b/i, '').trim();
    if (text === '') return;
    const reply = await options.conversation.handle({
      platform: 'console',
      channelId: CONSOLE_CHANNEL,
      userId: 'console',
      text,
      via: 'command',
      // the person at the terminal owns this "channel", and shares it with no one
      canManageChannel: async () => true,
      unthrottled: true,
      ...(options.defaultTimeZone ? { timeZone: async () => options.defaultTimeZone } : {}),
    });
    if (reply) print(reply);
  };

  return {
    platform: 'console',
    ended,
    async start() {
      rl = createInterface({ input, output, terminal: interactive, prompt: 'feud> ' });
      if (interactive) output.write(`${t('en', 'console.greeting')}\n\n${t('ko', 'console.greeting')}\n\n`);
      rl.on('line', (line) => {
        // one at a time, in order, even when lines arrive faster than answers
        queue = queue.then(() => onLine(line)).then(() => (interactive ? rl?.prompt() : undefined));
      });
      rl.on('close', () => {
        void queue.then(() => {
          resolveEnded();
          options.onEnd?.();
        });
      });
      if (interactive) rl.prompt();
    },
    async stop() {
      rl?.close();
      await queue;
    },
    isConnected: () => rl !== undefined,
    async postToChannel(_channelId, reply) {
      print(reply);
    },
  };
}
