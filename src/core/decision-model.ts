/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing"],
  weights: [
    -2.6371, // bias
    -0.1283, // score
    -0.0466, // coverage
    -0.245, // knownCoverage
    3.9056, // similarity
    -4.281, // nearMissSimilarity
    -3.573, // nearMissOverVariant
    -2.1644, // nearMissWordShare
    6.8351, // leadOverNext
    -0.5415, // unknownShare
    1.4229, // termCount
    0.6594, // singleTerm
    0.006, // holdsWhatIsAsked
    -1.9223, // lacksWhatIsAsked
    -0.1501, // hasContext
    -0.1576, // asksFuture
    -0.6985, // uncoveredTerms
    -2.3066, // unknownName
    -1.5899, // actorMissing
  ],
  threshold: 0.5,
  tieMargin: 1,
};
