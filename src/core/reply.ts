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

interface ReplyBase {
  lang: Lang;
  /** Heading, e.g. the fact's summary or "Timeline 2024". */
  title: string;
  /** The main text, plain (no markup); adapters escape it for their platform. */
  body: string;
  /** Did-you-mean or related questions: up to 3. */
  alternatives: Suggestion[];
  /** 'private' replies (help, errors, notices) go only to the asker where the platform allows it. */
  visibility: 'public' | 'private';
}

/** Fields some kinds carry; every other kind has none of them (so `reply.fact?.id` reads the same on any reply). */
interface KindFields {
  fact: FactView;
  /** 0..1 */
  confidence: number;
  /** The question as asked, cleaned for display. */
  question: string;
  entries: TimelineEntry[];
  /** A bilingual daily post ('both'): the same fact in Korean, under the English `fact`. */
  also: FactView;
}
type Carrying<Required extends keyof KindFields, Optional extends keyof KindFields = never> = ReplyBase &
  Pick<KindFields, Required> &
  Partial<Pick<KindFields, Optional>> & { [K in Exclude<keyof KindFields, Required | Optional>]?: undefined };

/** A question answered with a fact; a clicked fact has no question. */
export type AnswerReply = Carrying<'fact' | 'confidence', 'question'> & { kind: 'answer' };
/** The article does not answer it: "I don't know", with what it does say. */
export type AbstainReply = Carrying<'confidence' | 'question'> & { kind: 'abstain' };
/** A random fact, or the fact of the day. */
export type FactReply = Carrying<'fact', 'also'> & { kind: 'fact' };
export type TimelineReply = Carrying<'entries'> & { kind: 'timeline' };
/** help, about, a notice (settings changed, status, rate limit hit) or an error (bad input). */
export type NoticeReply = Carrying<never> & { kind: 'help' | 'about' | 'notice' | 'error' };

/** What the bot wants to say, by kind: each kind carries what it needs, and nothing else. */
export type Reply = AnswerReply | AbstainReply | FactReply | TimelineReply | NoticeReply;
export type ReplyKind = Reply['kind'];
/** A reply that shows a fact with its source. */
export type FactfulReply = AnswerReply | FactReply;

export const hasFact = (reply: Reply): reply is FactfulReply => reply.kind === 'answer' || reply.kind === 'fact';
