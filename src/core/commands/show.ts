/** A did-you-mean click: the answer for the fact on the button. */
import * as texts from '../texts.ts';
import { defineCommand } from './types.ts';

export const show = defineCommand({
  type: 'show',
  handle: (command, { feud, lang }) => feud.answerFact(command.factId, lang) ?? texts.errorMessage(lang, 'error.factGone'),
});
