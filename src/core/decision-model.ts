/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3"],
  weights: [
    -3.3307, // bias
    1.103, // score
    0.0568, // coverage
    -0.5317, // knownCoverage
    -0.6259, // similarity
    -5.206, // nearMissSimilarity
    -1.5594, // nearMissOverVariant
    -2.3261, // nearMissWordShare
    3.9268, // leadOverNext
    -0.1646, // unknownShare
    1.7103, // termCount
    1.3065, // singleTerm
    -0.1262, // holdsWhatIsAsked
    -1.7549, // lacksWhatIsAsked
    -0.1438, // hasContext
    -0.1987, // asksFuture
    -1.3363, // uncoveredTerms
    -2.3621, // unknownName
    -1.3595, // actorMissing
    4.0266, // neighbourShare
    1.2116, // nearMissNeighbourShare
    1.6659, // similarityTop3
  ],
  threshold: 0.5,
  tieMargin: 1,
};
