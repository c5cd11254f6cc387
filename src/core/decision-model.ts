/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion","asksYesNo","asksBeyond"],
  weights: [
    -2.5473, // bias
    0.7997, // score
    0.6283, // coverage
    -1.0152, // knownCoverage
    1.8327, // similarity
    -6.5558, // nearMissSimilarity
    -4.118, // nearMissOverVariant
    -3.5629, // nearMissWordShare
    2.2309, // leadOverNext
    -0.7864, // unknownShare
    0.941, // termCount
    0.1921, // singleTerm
    -0.3309, // holdsWhatIsAsked
    -2.4499, // lacksWhatIsAsked
    -0.1753, // hasContext
    0.1111, // asksFuture
    -0.9789, // uncoveredTerms
    -1.7992, // unknownName
    -0.7091, // actorMissing
    5.3545, // neighbourShare
    1.7511, // nearMissNeighbourShare
    -0.2763, // similarityTop3
    0.9532, // statedCoverage
    -3.3799, // asksOpinion
    -0.6022, // asksYesNo
    -1.3704, // asksBeyond
  ],
  threshold: 0.5,
  tieMargin: 1,
};
