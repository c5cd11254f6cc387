/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing"],
  weights: [
    -2.5576, // bias
    -0.109, // score
    -0.164, // coverage
    -0.2929, // knownCoverage
    3.835, // similarity
    -4.0154, // nearMissSimilarity
    -4.0601, // nearMissOverVariant
    -2.1839, // nearMissWordShare
    6.885, // leadOverNext
    -0.5571, // unknownShare
    1.4319, // termCount
    0.9067, // singleTerm
    0.0254, // holdsWhatIsAsked
    -1.9176, // lacksWhatIsAsked
    -0.1626, // hasContext
    -0.172, // asksFuture
    -0.739, // uncoveredTerms
    -2.3251, // unknownName
    -1.5873, // actorMissing
  ],
  threshold: 0.5,
  tieMargin: 1,
};
