/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3"],
  weights: [
    -3.2965, // bias
    1.0839, // score
    0.0455, // coverage
    -0.541, // knownCoverage
    -0.6206, // similarity
    -5.2104, // nearMissSimilarity
    -1.5483, // nearMissOverVariant
    -2.3388, // nearMissWordShare
    3.9367, // leadOverNext
    -0.1727, // unknownShare
    1.7043, // termCount
    1.3023, // singleTerm
    -0.1261, // holdsWhatIsAsked
    -1.7548, // lacksWhatIsAsked
    -0.148, // hasContext
    -0.1972, // asksFuture
    -1.3341, // uncoveredTerms
    -2.3574, // unknownName
    -1.3609, // actorMissing
    3.9996, // neighbourShare
    1.2112, // nearMissNeighbourShare
    1.7038, // similarityTop3
  ],
  threshold: 0.5,
  tieMargin: 1,
};
