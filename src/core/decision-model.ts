/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage"],
  weights: [
    -2.7788, // bias
    0.903, // score
    -0.1374, // coverage
    -0.575, // knownCoverage
    -0.5244, // similarity
    -4.9823, // nearMissSimilarity
    -2.2444, // nearMissOverVariant
    -2.7477, // nearMissWordShare
    3.1941, // leadOverNext
    -0.8898, // unknownShare
    1.4397, // termCount
    0.7229, // singleTerm
    -0.11, // holdsWhatIsAsked
    -1.9504, // lacksWhatIsAsked
    -0.1792, // hasContext
    0.0006, // asksFuture
    -1.3442, // uncoveredTerms
    -1.968, // unknownName
    -1.375, // actorMissing
    4.1032, // neighbourShare
    1.0055, // nearMissNeighbourShare
    0.8225, // similarityTop3
    0.9181, // statedCoverage
  ],
  threshold: 0.5,
  tieMargin: 0.75,
};
