/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion"],
  weights: [
    -2.4593, // bias
    0.8702, // score
    0.0531, // coverage
    -0.7417, // knownCoverage
    0.0785, // similarity
    -5.5901, // nearMissSimilarity
    -2.3437, // nearMissOverVariant
    -2.6663, // nearMissWordShare
    2.9784, // leadOverNext
    -0.8158, // unknownShare
    1.3245, // termCount
    0.597, // singleTerm
    -0.1613, // holdsWhatIsAsked
    -1.9263, // lacksWhatIsAsked
    -0.1915, // hasContext
    -0.1032, // asksFuture
    -1.4035, // uncoveredTerms
    -1.9117, // unknownName
    -1.4785, // actorMissing
    4.3152, // neighbourShare
    1.1195, // nearMissNeighbourShare
    0.3406, // similarityTop3
    0.9458, // statedCoverage
    -3.0539, // asksOpinion
  ],
  threshold: 0.5,
  tieMargin: 0.3,
};
