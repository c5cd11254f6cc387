/** The adapter contract over the console adapter, in process on streams: a terminal has one person, no bots and no deadline. */
import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../../adapters/console/adapter.ts';
import { adapterContract } from './contract.ts';

adapterContract({
  name: 'console',
  supports: { pings: false, bots: false, privateReplies: false, goneChannels: false, deadline: false },
  async start(conversation) {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => (printed += d.toString()));
    const adapter = createConsoleAdapter({ conversation, input, output });
    await adapter.start();
    return {
      async ask(text) {
        const from = printed.length;
        input.write(`/feud ${text}\n`);
        // a reply ends with a blank line
        for (let i = 0; i < 200 && !printed.slice(from).includes('\n\n'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
        const text_ = printed.slice(from);
        if (!text_.includes('\n\n')) throw new Error('the console printed no reply within 2 s');
        return { text: text_, private: false, couldPing: false };
      },
      async close() {
        input.end();
        await adapter.stop();
      },
    };
  },
});
