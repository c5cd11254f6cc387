/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing"],
  weights: [
    -3.8058, // bias
    -0.9743, // score
    0.4644, // coverage
    -0.3819, // knownCoverage
    2.8771, // similarity
    0.6482, // nearMissSimilarity
    -2.5219, // nearMissOverVariant
    -3.5144, // nearMissWordShare
    7.8717, // leadOverNext
    -0.6482, // unknownShare
    1.42, // termCount
    0.9281, // singleTerm
    -0.0844, // holdsWhatIsAsked
    -2.4213, // lacksWhatIsAsked
    -0.1685, // hasContext
    0.0595, // asksFuture
    -0.0862, // uncoveredTerms
    -1.5614, // unknownName
    -1.5902, // actorMissing
  ],
  threshold: 0.5,
  tieMargin: 0.75,
};
