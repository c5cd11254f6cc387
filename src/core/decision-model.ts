/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing"],
  weights: [
    -2.9329, // bias
    -0.6966, // score
    0.4445, // coverage
    -0.2433, // knownCoverage
    4.0817, // similarity
    -4.0168, // nearMissSimilarity
    -3.5948, // nearMissOverVariant
    -2.2902, // nearMissWordShare
    7.3741, // leadOverNext
    -0.5207, // unknownShare
    1.383, // termCount
    0.668, // singleTerm
    -0.0153, // holdsWhatIsAsked
    -2.0606, // lacksWhatIsAsked
    -0.1083, // hasContext
    0.0863, // asksFuture
    -0.4393, // uncoveredTerms
    -2.4899, // unknownName
    -1.5815, // actorMissing
  ],
  threshold: 0.5,
  tieMargin: 1,
};
