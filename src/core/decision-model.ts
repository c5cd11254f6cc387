/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3"],
  weights: [
    -3.2831, // bias
    1.0965, // score
    0.0115, // coverage
    -0.5425, // knownCoverage
    -0.5649, // similarity
    -5.2646, // nearMissSimilarity
    -1.7318, // nearMissOverVariant
    -2.3292, // nearMissWordShare
    3.9451, // leadOverNext
    -0.1665, // unknownShare
    1.7125, // termCount
    1.3182, // singleTerm
    -0.1292, // holdsWhatIsAsked
    -1.7518, // lacksWhatIsAsked
    -0.153, // hasContext
    -0.1956, // asksFuture
    -1.3413, // uncoveredTerms
    -2.357, // unknownName
    -1.3601, // actorMissing
    3.9684, // neighbourShare
    1.2274, // nearMissNeighbourShare
    1.7043, // similarityTop3
  ],
  threshold: 0.5,
  tieMargin: 1,
};
