/** The lines under a fact (source, who says it, when), labelled the same in every renderer. */
import { t } from './catalog.ts';
import type { FactView, Lang } from './reply.ts';

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

/**
 * `escape` is the renderer's own escaping, applied to the fact's words but not to the catalog's marks.
 */
export function factCredits(fact: FactView, lang: Lang, escape: (text: string) => string = (text) => text): FactCredits {
  return {
    source: { label: t(lang, 'label.source'), value: t(lang, 'fact.sourceLine', { quote: escape(fact.quote), attribution: escape(fact.attribution) }) },
    details: [
      { label: t(lang, `label.claimant.${fact.claimantRole}`), value: escape(fact.claimant) },
      ...(fact.dateLabel ? [{ label: t(lang, 'label.when'), value: escape(fact.dateLabel) }] : []),
    ],
  };
}

/** "Reported by: Asia Economy · When: December 2015" */
export const detailsLine = (details: Labelled[]): string => details.map((d) => `${d.label}: ${d.value}`).join(' · ');
