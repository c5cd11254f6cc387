/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion"],
  weights: [
    -2.2541, // bias
    0.9914, // score
    0.3897, // coverage
    -1.0045, // knownCoverage
    0.7467, // similarity
    -6.157, // nearMissSimilarity
    -3.2042, // nearMissOverVariant
    -3.0592, // nearMissWordShare
    2.6634, // leadOverNext
    -1.0132, // unknownShare
    0.959, // termCount
    0.2775, // singleTerm
    -0.0074, // holdsWhatIsAsked
    -2.1132, // lacksWhatIsAsked
    -0.1797, // hasContext
    -0.1593, // asksFuture
    -1.0655, // uncoveredTerms
    -2.009, // unknownName
    -1.1691, // actorMissing
    4.5802, // neighbourShare
    1.2313, // nearMissNeighbourShare
    0.3198, // similarityTop3
    0.9296, // statedCoverage
    -3.0194, // asksOpinion
  ],
  threshold: 0.5,
  tieMargin: 1,
};
