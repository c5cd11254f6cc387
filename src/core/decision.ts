/**
 * The decision to answer, as a step of its own after ranking: "does this fact answer this question?"
 *
 * The matcher ranks facts by how well the question's words fit them. Whether the best of them actually
 * answers the question needs more than one similarity score: a near miss ("who won the lawsuit") shares
 * every topic word with the lawsuit fact, and a wordy question shares few words with any one variant.
 * So each of the leading candidates is described by a few signals (below), and a small logistic model
 * turns them into the probability that answering with that fact is right. The model's weights and its
 * operating point are fitted by `npm run fit` on the fact base's own question variants and near misses
 * (each held out in turn), never on an evaluation set; see bench/fit-decision.ts.
 *
 * The signal that earns most is the neighbour vote (neighbourShare): of the twelve questions nearest the message,
 * among the leading facts' own variants and the curated near misses, how much is this fact's. A question people
 * phrase their own way is rarely very near any one variant, but it is near several of the right fact's.
 */
import type { AnswerKind, Fact } from '../knowledge/schema.ts';
import { DECISION_MODEL } from './decision-model.ts';
import type { MatchCandidate, MatchResult } from './matcher.ts';

/** A focus with at least this share of its weight in words no fact knows is not about the article. */
const UNKNOWN_SHARE_LIMIT = 0.6;

/** A question at least this similar to a curated near miss (weighted Jaccard) is that near miss. */
const NEAR_MISS_ITSELF = 0.8;

/** Similarity at which a question has the terms of one of the fact's own questions exactly. */
const OWN_QUESTION = 0.999;

/** How many of the leading candidates the decision looks at. */
export const DECISION_CANDIDATES = 4;

/** The signals, in the model's order. */
export const FEATURES = [
  'bias',
  'score',
  'coverage',
  'knownCoverage',
  'similarity',
  'nearMissSimilarity',
  'nearMissOverVariant',
  'nearMissWordShare',
  'leadOverNext',
  'unknownShare',
  'termCount',
  'singleTerm',
  'holdsWhatIsAsked',
  'lacksWhatIsAsked',
  'hasContext',
  'asksFuture',
  'uncoveredTerms',
  'unknownName',
  'actorMissing',
  'neighbourShare',
  'nearMissNeighbourShare',
  'similarityTop3',
  'statedCoverage',
  'asksOpinion',
  'asksYesNo',
  'asksBeyond',
] as const;
export type FeatureName = (typeof FEATURES)[number];

export interface DecisionModel {
  features: readonly string[];
  weights: readonly number[];
  /** Answer when the best probability reaches this. */
  threshold: number;
  /** Two facts closer than this in log-odds are a did-you-mean, not an answer. */
  tieMargin: number;
}

/** What a question asking for one kind of thing accepts in an answer. */
const ACCEPTS: Record<AnswerKind, readonly AnswerKind[]> = {
  person: ['person', 'organisation'],
  organisation: ['organisation', 'person'],
  date: ['date'],
  amount: ['amount'],
  count: ['count', 'amount'],
  place: ['place'],
  name: ['name'],
  reason: ['reason'],
  quote: ['quote'],
  event: ['event'],
  comparison: ['comparison'],
  description: ['description'],
  plan: ['plan'],
};

/**
 * Whose words a fact quotes, where its claimant is one of the feud's parties speaking for themselves.
 * (A newspaper's facts quote the parties too — the WSJ reports Musk's words — so they are not checked.)
 */
const SPEAKER_OF_CLAIMANT: Partial<Record<Fact['claimant'], string>> = { musk: 'musk', altman: 'altman', openai: 'openai' };

/** What a fact's answer holds: its declared kinds, and a date wherever the fact is dated. */
export function holdsOf(fact: Fact): ReadonlySet<AnswerKind> {
  const kinds = new Set(fact.holds ?? []);
  if (fact.date) kinds.add('date');
  return kinds;
}

export function featuresOf(candidate: MatchCandidate, others: readonly MatchCandidate[], match: MatchResult): Record<FeatureName, number> {
  const next = Math.max(0, ...others.filter((o) => o !== candidate).map((o) => o.score));
  const asks = match.shape.asks;
  const holds = holdsOf(candidate.fact);
  const declared = candidate.fact.holds !== undefined;
  // a day asked of a fact dated only to the month or year is not held
  const dayMissing = match.shape.asksDay === true && !/^\d{4}-\d{2}-\d{2}$/.test(candidate.fact.date ?? '');
  const speaker = SPEAKER_OF_CLAIMANT[candidate.fact.claimant];
  const otherSpeaker = match.shape.speaker !== undefined && speaker !== undefined && match.shape.speaker !== speaker;
  const holdsAsked = asks !== undefined && ACCEPTS[asks].some((k) => holds.has(k)) && !dayMissing && !otherSpeaker;
  // "when will it launch", "has a judge ruled yet": only a plan or an expectation answers what came after the article
  // and no fact holds the date of something still to come ("when will it launch")
  const lacksFuture = match.shape.future === true && declared && (!holds.has('plan') || asks === 'date');
  return {
    bias: 1,
    score: candidate.score,
    coverage: candidate.coverage,
    knownCoverage: candidate.knownCoverage,
    similarity: candidate.similarity,
    nearMissSimilarity: candidate.nearMissSimilarity,
    nearMissOverVariant: Math.max(0, candidate.nearMissSimilarity - candidate.similarity),
    nearMissWordShare: candidate.nearMissWordShare,
    leadOverNext: candidate.score - next,
    unknownShare: match.unknownShare,
    termCount: Math.log1p(match.termCount),
    singleTerm: match.termCount === 1 ? 1 : 0,
    holdsWhatIsAsked: holdsAsked ? 1 : 0,
    lacksWhatIsAsked: (asks !== undefined && (declared || asks === 'date') && !holdsAsked) || lacksFuture ? 1 : 0,
    hasContext: match.shape.context ? 1 : 0,
    asksFuture: match.shape.future ? 1 : 0,
    uncoveredTerms: Math.log1p(candidate.uncoveredTerms),
    unknownName: match.unknownName ? 1 : 0,
    actorMissing: candidate.actorMissing ? 1 : 0,
    neighbourShare: candidate.neighbourShare,
    nearMissNeighbourShare: candidate.nearMissNeighbourShare,
    similarityTop3: candidate.similarityTop3,
    statedCoverage: candidate.statedCoverage,
    asksOpinion: match.shape.opinion ? 1 : 0,
    asksYesNo: match.shape.yesNo ? 1 : 0,
    asksBeyond: match.shape.beyond ? 1 : 0,
  };
}

/** The model's log-odds that answering with this candidate is right. */
export function logOdds(features: Record<FeatureName, number>, model: DecisionModel = DECISION_MODEL): number {
  let z = 0;
  model.features.forEach((name, i) => {
    z += model.weights[i]! * (features[name as FeatureName] ?? 0);
  });
  return z;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface Judged {
  candidate: MatchCandidate;
  /** 0..1: the model's probability that answering with this fact is right. */
  probability: number;
  logOdds: number;
  /** The fact does not hold what the question asks for (a date, a place, a later event…). */
  lacksWhatIsAsked: boolean;
}

export interface Decision {
  /** The leading candidates, most likely right first. */
  judged: Judged[];
  /** What the question asks, as read before any fact was looked at. */
  shape: MatchResult['shape'];
  /** The fact to answer with, or undefined: decline (and offer `judged` as did-you-mean). */
  answer?: Judged;
  /**
   * Why it declined, when it did: nothing fit, a near tie, too unsure, nearer the fact's near misses than its
   * own questions, or the fact does not hold what the question asks for.
   */
  declined?: 'nothing' | 'tie' | 'unsure' | 'near-miss' | 'not-held';
}

export function decide(match: MatchResult, model: DecisionModel = DECISION_MODEL): Decision {
  const leading = match.candidates.slice(0, DECISION_CANDIDATES);
  if (leading.length === 0) return { judged: [], shape: match.shape, declined: 'nothing' };
  // a line quoted word for word from the article is that fact
  if (match.quoted) {
    const sure = { candidate: leading[0]!, probability: 1, logOdds: Infinity, lacksWhatIsAsked: false };
    return { judged: [sure], shape: match.shape, answer: sure };
  }
  const judged = leading
    .map((candidate) => {
      const features = featuresOf(candidate, leading, match);
      const z = logOdds(features, model);
      return { candidate, probability: sigmoid(z), logOdds: z, lacksWhatIsAsked: features.lacksWhatIsAsked === 1 };
    })
    .sort((a, b) => b.logOdds - a.logOdds || b.candidate.score - a.candidate.score);
  const [best, second] = judged;
  const top = best!.candidate;
  const declined = (why: NonNullable<Decision['declined']>): Decision => ({ judged, shape: match.shape, declined: why });
  if (best!.probability < model.threshold) return declined('unsure');
  // "where is Colossus": a fact that holds no place cannot answer, however many words it shares
  if (best!.lacksWhatIsAsked) return declined('not-held');
  // nearer a curated near miss than any of the fact's own questions, through the words near misses use
  // (or, whatever words it uses, nearly a curated near miss word for word)
  if (top.nearMissSimilarity > top.similarity && (top.nearMissWordShare > 0 || top.nearMissSimilarity >= NEAR_MISS_ITSELF)) return declined('near-miss');
  // a question about someone or something the article never names ("when did Gemini 2.0 come out") is not the article's
  if (match.unknownName && top.similarity < 0.5) return declined('unsure');
  // mostly words no fact knows ("how do I sort an array in JavaScript"): not about the article
  if (match.unknownShare >= UNKNOWN_SHARE_LIMIT) return declined('unsure');
  // one ordinary word ("crazy", "미쳤다") is too little to go on; a name or a number alone is enough, and so is
  // a word that is one of the fact's own questions in full ("source?")
  if (match.ordinaryWordOnly && top.similarity < 1) return declined('unsure');
  // a near tie is a did-you-mean, unless the question is one of the leading fact's own, word for word, and not the other's
  const ownQuestion = top.similarity >= OWN_QUESTION && (second?.candidate.similarity ?? 0) < OWN_QUESTION;
  if (second && best!.logOdds - second.logOdds < model.tieMargin && !ownQuestion) return declined('tie');
  return { judged, shape: match.shape, answer: best };
}
