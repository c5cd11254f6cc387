/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion"],
  weights: [
    -2.4413, // bias
    0.8192, // score
    0.0144, // coverage
    -0.5804, // knownCoverage
    0.3882, // similarity
    -5.8209, // nearMissSimilarity
    -2.7482, // nearMissOverVariant
    -2.9899, // nearMissWordShare
    2.7602, // leadOverNext
    -1.3251, // unknownShare
    1.1381, // termCount
    0.445, // singleTerm
    -0.0455, // holdsWhatIsAsked
    -2.0213, // lacksWhatIsAsked
    -0.1589, // hasContext
    -0.1497, // asksFuture
    -1.1331, // uncoveredTerms
    -1.7834, // unknownName
    -1.3582, // actorMissing
    4.4893, // neighbourShare
    1.2067, // nearMissNeighbourShare
    0.4426, // similarityTop3
    0.9271, // statedCoverage
    -3.1088, // asksOpinion
  ],
  threshold: 0.5,
  tieMargin: 0.5,
};
