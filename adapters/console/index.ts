/** The terminal chat in the adapter registry: no variables; it starts when no other platform is configured. */
import { type ChatAdapter, defineAdapter } from '../../src/bot/adapter.ts';

export const consoleAdapter = defineAdapter({
  name: 'console',
  label: 'the console',
  env: {},
  secretKeys: [],
  configure: () => ({}),
  limits: {},
  fallback: true,
  async create({ conversation, defaultTimeZone }): Promise<ChatAdapter> {
    const { createConsoleAdapter } = await import('./adapter.ts');
    return createConsoleAdapter({ conversation, defaultTimeZone });
  },
});
