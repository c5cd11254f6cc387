/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion"],
  weights: [
    -2.0993, // bias
    1.2719, // score
    0.3746, // coverage
    -1.2523, // knownCoverage
    0.5966, // similarity
    -6.1743, // nearMissSimilarity
    -3.0697, // nearMissOverVariant
    -2.9684, // nearMissWordShare
    2.6937, // leadOverNext
    -0.7764, // unknownShare
    0.9348, // termCount
    0.3106, // singleTerm
    -0.0209, // holdsWhatIsAsked
    -2.1194, // lacksWhatIsAsked
    -0.2095, // hasContext
    -0.0911, // asksFuture
    -1.1203, // uncoveredTerms
    -2.0187, // unknownName
    -1.1712, // actorMissing
    4.6113, // neighbourShare
    1.2526, // nearMissNeighbourShare
    0.339, // similarityTop3
    0.9034, // statedCoverage
    -3.0354, // asksOpinion
  ],
  threshold: 0.5,
  tieMargin: 0.75,
};
