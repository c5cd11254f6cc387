/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage"],
  weights: [
    -2.7697, // bias
    0.8929, // score
    -0.1578, // coverage
    -0.5533, // knownCoverage
    -0.5268, // similarity
    -4.9732, // nearMissSimilarity
    -2.2463, // nearMissOverVariant
    -2.751, // nearMissWordShare
    3.1923, // leadOverNext
    -0.871, // unknownShare
    1.4506, // termCount
    0.7316, // singleTerm
    -0.1111, // holdsWhatIsAsked
    -1.949, // lacksWhatIsAsked
    -0.1782, // hasContext
    -0.0004, // asksFuture
    -1.3604, // uncoveredTerms
    -1.9713, // unknownName
    -1.3755, // actorMissing
    4.107, // neighbourShare
    1.0077, // nearMissNeighbourShare
    0.8526, // similarityTop3
    0.8721, // statedCoverage
  ],
  threshold: 0.5,
  tieMargin: 0.75,
};
