/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing"],
  weights: [
    -2.6077, // bias
    -0.085, // score
    -0.1686, // coverage
    -0.2398, // knownCoverage
    3.8989, // similarity
    -4.2227, // nearMissSimilarity
    -3.8693, // nearMissOverVariant
    -2.1492, // nearMissWordShare
    6.8839, // leadOverNext
    -0.5765, // unknownShare
    1.4504, // termCount
    0.9111, // singleTerm
    0.0013, // holdsWhatIsAsked
    -1.9054, // lacksWhatIsAsked
    -0.1583, // hasContext
    -0.1799, // asksFuture
    -0.7389, // uncoveredTerms
    -2.3287, // unknownName
    -1.5821, // actorMissing
  ],
  threshold: 0.5,
  tieMargin: 1,
};
