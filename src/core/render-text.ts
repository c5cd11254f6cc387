import { t } from './catalog.ts';
import { detailsLine, factCredits } from './credits.ts';
import { hasFact, type Reply } from './reply.ts';

/** A reply as plain text: the console, the CLI and notification fallbacks. */
export function renderText(reply: Reply): string {
  const lines = [reply.title, reply.body];
  if (hasFact(reply)) {
    const credits = factCredits(reply);
    lines.push(`— ${credits.source.label}: ${credits.source.value}`, `  ${detailsLine(credits.details)}`);
  }
  if (reply.alternatives.length > 0) {
    // under an abstention the body has just asked "did you mean one of these?"
    lines.push(reply.kind === 'abstain' ? '' : `${t(reply.lang, 'label.related')}:`);
    reply.alternatives.forEach((a, i) => lines.push(`  ${i + 1}. ${a.question}`));
  }
  return lines.filter((l, i) => l !== '' || i > 1).join('\n');
}
