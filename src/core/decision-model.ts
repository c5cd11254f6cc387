/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing"],
  weights: [
    -2.5813, // bias
    -0.1633, // score
    -0.1324, // coverage
    -0.2502, // knownCoverage
    3.9419, // similarity
    -4.2761, // nearMissSimilarity
    -3.8347, // nearMissOverVariant
    -2.1738, // nearMissWordShare
    6.8656, // leadOverNext
    -0.5753, // unknownShare
    1.4447, // termCount
    0.8841, // singleTerm
    0.0075, // holdsWhatIsAsked
    -1.9301, // lacksWhatIsAsked
    -0.1639, // hasContext
    -0.1657, // asksFuture
    -0.7292, // uncoveredTerms
    -2.3153, // unknownName
    -1.5845, // actorMissing
  ],
  threshold: 0.5,
  tieMargin: 1,
};
