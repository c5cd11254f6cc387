/** The lines under a fact read the same in every renderer: same labels, one pair of quote marks, no nested parentheses. */
import { describe, expect, it } from 'vitest';
import { renderReply as renderDiscord } from '../../adapters/discord/render.ts';
import { renderReply as renderSlack } from '../../adapters/slack/render.ts';
import { t } from '../../src/core/catalog.ts';
import { createFeud } from '../../src/core/feud.ts';
import { renderText } from '../../src/core/render-text.ts';
import type { Lang, Reply } from '../../src/core/reply.ts';
import { loadFacts } from '../../src/knowledge/load.ts';

const facts = loadFacts();
const feud = createFeud(facts);

/** What a reader sees of a reply's fact credits, per renderer, as "label: value" lines. */
function creditLines(reply: Reply): Record<'text' | 'slack' | 'discord', string> {
  const slack = renderSlack(reply).blocks.filter((b) => b.type === 'context');
  const discordFields = renderDiscord(reply).embeds[0]!.fields ?? [];
  return {
    text: renderText(reply),
    slack: JSON.parse(JSON.stringify(slack))
      .flatMap((b: { elements: { text: string }[] }) => b.elements.map((e) => e.text))
      .join('\n'),
    discord: discordFields.map((f) => `${f.name}: ${f.value}`).join('\n'),
  };
}

const NESTED_PARENTHESES = /\([^()]*\([^()]*\)[^()]*\)/;
const QUOTE_MARK = /["'“”‘’「」『』]/;

describe('fact credits in every renderer', () => {
  const cases: Array<[string, Lang, 'report' | 'claim' | 'view']> = [
    ['openai-founding', 'en', 'report'],
    ['openai-founding', 'ko', 'report'],
    ['insult-crazy-eyes', 'en', 'claim'],
    ['insult-crazy-eyes', 'ko', 'claim'],
    ['social-network-conflict', 'ko', 'view'],
  ];

  it.each(cases)('%s (%s): the same labels and source line in text, Slack and Discord', (id, lang, role) => {
    const reply = feud.answerFact(id, lang)!;
    const fact = reply.fact!;
    const sourceLine = t(lang, 'fact.sourceLine', { quote: fact.quote, attribution: fact.attribution });
    for (const [renderer, shown] of Object.entries(creditLines(reply))) {
      expect(shown, renderer).toContain(`${t(lang, 'label.source')}: ${sourceLine}`);
      expect(shown, renderer).toContain(`${t(lang, `label.claimant.${role}`)}: ${fact.claimant}`);
      if (fact.dateLabel) expect(shown, renderer).toContain(`${t(lang, 'label.when')}: ${fact.dateLabel}`);
      expect(shown, renderer).not.toMatch(NESTED_PARENTHESES);
    }
  });

  it('labels the paper’s own reporting as reported, not as a claim', () => {
    for (const lang of ['en', 'ko'] as const) {
      const all = Object.values(creditLines(feud.answerFact('nonprofit-lawsuit', lang)!)).join('\n');
      expect(all).toContain(`${t(lang, 'label.claimant.report')}: ${lang === 'ko' ? '아시아경제' : 'Asia Economy'}`);
      expect(all).not.toMatch(/claim by|주장: 아시아경제/i);
    }
  });

  it('never doubles the quote marks around any fact’s quote', () => {
    for (const fact of facts) {
      for (const lang of ['en', 'ko'] as const) {
        const reply = feud.answerFact(fact.id, lang)!;
        for (const [renderer, shown] of Object.entries(creditLines(reply))) {
          // the quote as shown: “…” — attribution; its first and last characters must not be quote marks again
          const [, first, last] = /“(.)[^\n]*(.)” — /.exec(shown) ?? [];
          expect(first, `${fact.id} ${renderer}`).toBeDefined();
          expect(`${first}${last}`, `${fact.id} ${renderer}`).not.toMatch(QUOTE_MARK);
        }
      }
    }
  });
});

describe('a daily post in both languages', () => {
  it('labels its source, claimant and date in English and Korean in every renderer', () => {
    const reply = feud.dailyFact('openai-founding', 'both');
    const ko = feud.answerFact('openai-founding', 'ko')!.fact!;
    const en = feud.answerFact('openai-founding', 'en')!.fact!;
    for (const [renderer, shown] of Object.entries(creditLines(reply))) {
      expect(shown, renderer).toContain(`${t('en', 'label.source')} / ${t('ko', 'label.source')}: `);
      expect(shown, renderer).toContain(`${en.attribution} / ${ko.attribution}`);
      expect(shown, renderer).toContain(`${t('en', 'label.claimant.report')} / ${t('ko', 'label.claimant.report')}: ${en.claimant} / ${ko.claimant}`);
      expect(shown, renderer).toContain(`${t('en', 'label.when')} / ${t('ko', 'label.when')}: ${en.dateLabel} / ${ko.dateLabel}`);
    }
  });
});
