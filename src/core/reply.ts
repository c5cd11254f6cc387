/**
 * The platform-neutral reply: what the bot wants to say, as data.
 * Each adapter renders it its own way (embed, Block Kit, plain text).
 */
export type Lang = 'en' | 'ko';

/** A fact as the user sees it, already in the reply's language. */
export interface FactView {
  id: string;
  category: string;
  answer: string;
  summary: string;
  /** ISO-like date ("2015-12", "2017..2018") where the fact has one. */
  date?: string;
  /** The same date for people: "December 2015", "2015년 12월". */
  dateLabel?: string;
  /** Who makes the claim: "The Wall Street Journal", "Elon Musk". */
  claimant: string;
  /** How the claimant is labelled: a paper reports, a party claims, an onlooker expects. */
  claimantRole: 'report' | 'claim' | 'view';
  /** Short verbatim Korean quote from the article. */
  quote: string;
  /** Link-free attribution of the article: "Asia Economy (아시아경제), reporter Jeon Young-joo, April 2025". */
  attribution: string;
}

/** A question the user can click or copy instead. */
export interface Suggestion {
  factId: string;
  /** The question to ask (also what a button sends back). */
  question: string;
  /** Short label for buttons and lists. */
  label: string;
}

export interface TimelineEntry {
  factId: string;
  date: string;
  dateLabel: string;
  summary: string;
}

export type ReplyKind =
  | 'answer' // a question answered with a fact
  | 'abstain' // the article does not answer it
  | 'fact' // a random / daily fact
  | 'timeline'
  | 'help'
  | 'about'
  | 'notice' // settings changed, status, rate limit hit
  | 'error'; // bad input

export interface Reply {
  kind: ReplyKind;
  lang: Lang;
  /** Heading, e.g. the fact's summary or "Timeline 2024". */
  title: string;
  /** The main text, plain (no markup); adapters escape it for their platform. */
  body: string;
  /** Present for answer and fact replies. */
  fact?: FactView;
  /** Present for timeline replies. */
  entries?: TimelineEntry[];
  /** 0..1, present for answer and abstain replies. */
  confidence?: number;
  /** Did-you-mean: up to 3 questions. */
  alternatives: Suggestion[];
  /** 'private' replies (help, errors, notices) go only to the asker where the platform allows it. */
  visibility: 'public' | 'private';
  /** The question this replies to, normalised for display (answer/abstain). */
  question?: string;
}
