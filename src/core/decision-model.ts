/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing"],
  weights: [
    -3.7994, // bias
    -0.9558, // score
    0.4479, // coverage
    -0.385, // knownCoverage
    2.8763, // similarity
    0.6282, // nearMissSimilarity
    -2.4551, // nearMissOverVariant
    -3.5168, // nearMissWordShare
    7.899, // leadOverNext
    -0.6513, // unknownShare
    1.4246, // termCount
    0.9547, // singleTerm
    -0.0825, // holdsWhatIsAsked
    -2.4309, // lacksWhatIsAsked
    -0.169, // hasContext
    0.0882, // asksFuture
    -0.0926, // uncoveredTerms
    -2.5318, // unknownName
    -1.5916, // actorMissing
  ],
  threshold: 0.5,
  tieMargin: 0.75,
};
