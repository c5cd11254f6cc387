import type { Reply } from './reply.ts';

/** A reply as plain text: the console, the CLI and notification fallbacks. */
export function renderText(reply: Reply): string {
  const ko = reply.lang === 'ko';
  const lines = [reply.title, reply.body];
  const f = reply.fact;
  if (f) {
    const when = f.dateLabel ? (ko ? ` · 시점: ${f.dateLabel}` : ` · when: ${f.dateLabel}`) : '';
    lines.push(ko ? `— 출처: "${f.quote}" (${f.attribution}) · 주장: ${f.claimant}${when}` : `— Source: "${f.quote}" (${f.attribution}) · claim by ${f.claimant}${when}`);
  }
  if (reply.alternatives.length > 0) {
    lines.push(reply.kind === 'abstain' ? '' : ko ? '관련 질문:' : 'Related:');
    reply.alternatives.forEach((a, i) => lines.push(`  ${i + 1}. ${a.question}`));
  }
  return lines.filter((l, i) => l !== '' || i > 1).join('\n');
}
