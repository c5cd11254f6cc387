/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing"],
  weights: [
    -2.5882, // bias
    -0.1549, // score
    -0.1266, // coverage
    -0.2491, // knownCoverage
    3.9363, // similarity
    -4.2742, // nearMissSimilarity
    -3.835, // nearMissOverVariant
    -2.1696, // nearMissWordShare
    6.8621, // leadOverNext
    -0.5695, // unknownShare
    1.4417, // termCount
    0.8833, // singleTerm
    0.0088, // holdsWhatIsAsked
    -1.9225, // lacksWhatIsAsked
    -0.1619, // hasContext
    -0.1549, // asksFuture
    -0.726, // uncoveredTerms
    -2.3151, // unknownName
    -1.5845, // actorMissing
  ],
  threshold: 0.5,
  tieMargin: 1,
};
