/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName"],
  weights: [
    -3.5552, // bias
    -1.5588, // score
    0.0545, // coverage
    -0.2523, // knownCoverage
    2.8274, // similarity
    1.1085, // nearMissSimilarity
    -2.4433, // nearMissOverVariant
    -3.5235, // nearMissWordShare
    7.7766, // leadOverNext
    -0.75, // unknownShare
    1.5914, // termCount
    0.9282, // singleTerm
    0.2366, // holdsWhatIsAsked
    -2.9558, // lacksWhatIsAsked
    -0.2414, // hasContext
    0.3188, // asksFuture
    -0.3691, // uncoveredTerms
    -2.4077, // unknownName
  ],
  threshold: 0.825,
  tieMargin: 0,
};
