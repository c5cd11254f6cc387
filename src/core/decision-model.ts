/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3"],
  weights: [
    -3.646, // bias
    1.0118, // score
    0.3523, // coverage
    -0.3335, // knownCoverage
    -0.3792, // similarity
    -5.1393, // nearMissSimilarity
    -1.6308, // nearMissOverVariant
    -2.2806, // nearMissWordShare
    3.9313, // leadOverNext
    -0.2904, // unknownShare
    1.5913, // termCount
    1.1277, // singleTerm
    -0.1254, // holdsWhatIsAsked
    -1.7458, // lacksWhatIsAsked
    -0.1061, // hasContext
    -0.2586, // asksFuture
    -1.071, // uncoveredTerms
    -2.3507, // unknownName
    -1.3946, // actorMissing
    3.8606, // neighbourShare
    1.1442, // nearMissNeighbourShare
    1.6749, // similarityTop3
  ],
  threshold: 0.5,
  tieMargin: 1,
};
