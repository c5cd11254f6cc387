/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing"],
  weights: [
    -3.6661, // bias
    -1.0066, // score
    0.2013, // coverage
    -0.4648, // knownCoverage
    3.0045, // similarity
    0.6623, // nearMissSimilarity
    -2.4699, // nearMissOverVariant
    -3.5741, // nearMissWordShare
    7.993, // leadOverNext
    -0.6165, // unknownShare
    1.5099, // termCount
    0.9871, // singleTerm
    -0.0756, // holdsWhatIsAsked
    -2.2775, // lacksWhatIsAsked
    -0.2169, // hasContext
    0.0172, // asksFuture
    -0.225, // uncoveredTerms
    -1.536, // unknownName
    -1.5607, // actorMissing
  ],
  threshold: 0.5,
  tieMargin: 1,
};
