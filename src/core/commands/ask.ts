/** A question: anything that is not a command word. */
import * as texts from '../texts.ts';
import { defineCommand } from './types.ts';

export const ask = defineCommand({
  type: 'ask',
  // an empty question costs no one their turn
  preconditions: (command) => (command.question === '' ? [] : ['throttle']),
  handle: (command, { feud, lang, previousFactId }) =>
    command.question === '' ? texts.emptyQuestion(lang) : feud.ask(command.question, { lang, ...(previousFactId ? { previousFactId } : {}) }),
  help: 'help.line.ask',
  typed: { description: 'command.ask.description', main: true, options: [{ name: 'question', required: true, autocomplete: true, maxLength: 500 }] },
});
