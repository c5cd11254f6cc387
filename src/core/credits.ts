/** The lines under a fact (source, who says it, when), labelled the same in every renderer. */
import { type MessageKey, t } from './catalog.ts';
import type { FactfulReply, FactView, Lang } from './reply.ts';

export interface Labelled {
  label: string;
  value: string;
}

export interface FactCredits {
  /** The quote and the article it is from: “…” — Asia Economy (아시아경제), reporter …, April 2025. */
  source: Labelled;
  /** Who reports or claims it, and when, where the fact has a date. */
  details: Labelled[];
}

type Escape = (text: string) => string;

/** One fact in one language. */
function creditsIn(fact: FactView, lang: Lang, escapeText: Escape): FactCredits {
  return {
    source: { label: t(lang, 'label.source'), value: t(lang, 'fact.sourceLine', { quote: escapeText(fact.quote), attribution: escapeText(fact.attribution) }) },
    details: [
      { label: t(lang, `label.claimant.${fact.claimantRole}`), value: escapeText(fact.claimant) },
      ...(fact.dateLabel ? [{ label: t(lang, 'label.when'), value: escapeText(fact.dateLabel) }] : []),
    ],
  };
}

/** "Source / 출처": a bilingual post's label in both languages; a value only once where both say the same. */
const both = (en: string, ko: string) => (en === ko ? en : `${en} / ${ko}`);

/**
 * The credits of a reply's fact; a bilingual daily post gets them in English and Korean.
 * `escapeText` is the renderer's own escaping, applied to the fact's words but not to the catalog's marks.
 */
export function factCredits(reply: FactfulReply, escapeText: Escape = (text) => text): FactCredits {
  const first = creditsIn(reply.fact, reply.lang, escapeText);
  if (reply.kind !== 'fact' || !reply.also) return first;
  const second = creditsIn(reply.also, 'ko', escapeText);
  const label = (key: MessageKey) => both(t(reply.lang, key), t('ko', key));
  return {
    // the quote is the article's own words, the same in both
    source: {
      label: label('label.source'),
      value: t(reply.lang, 'fact.sourceLine', {
        quote: escapeText(reply.fact.quote),
        attribution: both(escapeText(reply.fact.attribution), escapeText(reply.also.attribution)),
      }),
    },
    details: first.details.map((d, i) => ({ label: both(d.label, second.details[i]!.label), value: both(d.value, second.details[i]!.value) })),
  };
}

/** "Reported by: Asia Economy · When: December 2015" */
export const detailsLine = (details: Labelled[]): string => details.map((d) => `${d.label}: ${d.value}`).join(' · ');
