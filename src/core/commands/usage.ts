/** A `daily` or `listen` command that did not parse: how to write it, and what was wrong. */
import * as texts from '../texts.ts';
import { defineCommand } from './types.ts';

export const usage = defineCommand({
  type: 'usage',
  handle: (command, { lang }) => texts.usage(lang, command),
});
