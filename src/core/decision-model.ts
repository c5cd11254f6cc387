/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion"],
  weights: [
    -2.4861, // bias
    1.1163, // score
    0.5653, // coverage
    -1.1603, // knownCoverage
    1.1451, // similarity
    -6.3089, // nearMissSimilarity
    -3.5124, // nearMissOverVariant
    -3.229, // nearMissWordShare
    2.5256, // leadOverNext
    -0.9177, // unknownShare
    0.9633, // termCount
    0.3299, // singleTerm
    0.0072, // holdsWhatIsAsked
    -2.1311, // lacksWhatIsAsked
    -0.149, // hasContext
    -0.0767, // asksFuture
    -1.0051, // uncoveredTerms
    -2.0808, // unknownName
    -1.052, // actorMissing
    4.7753, // neighbourShare
    1.3327, // nearMissNeighbourShare
    -0.0553, // similarityTop3
    0.9727, // statedCoverage
    -2.9746, // asksOpinion
  ],
  threshold: 0.5,
  tieMargin: 1,
};
