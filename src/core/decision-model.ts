/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3"],
  weights: [
    -3.869, // bias
    1.0115, // score
    0.3472, // coverage
    -0.3112, // knownCoverage
    -0.7017, // similarity
    -4.6408, // nearMissSimilarity
    -1.814, // nearMissOverVariant
    -2.2156, // nearMissWordShare
    3.6788, // leadOverNext
    -0.4101, // unknownShare
    1.6535, // termCount
    0.9861, // singleTerm
    -0.1324, // holdsWhatIsAsked
    -1.7722, // lacksWhatIsAsked
    -0.1058, // hasContext
    -0.2503, // asksFuture
    -1.1184, // uncoveredTerms
    -2.2388, // unknownName
    -1.4052, // actorMissing
    3.7461, // neighbourShare
    1.1972, // nearMissNeighbourShare
    1.9243, // similarityTop3
  ],
  threshold: 0.5,
  tieMargin: 1,
};
