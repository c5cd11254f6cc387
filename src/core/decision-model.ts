/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion","asksYesNo","asksBeyond"],
  weights: [
    -2.4008, // bias
    0.9022, // score
    0.4961, // coverage
    -1.0532, // knownCoverage
    1.5829, // similarity
    -6.2106, // nearMissSimilarity
    -4.144, // nearMissOverVariant
    -3.4397, // nearMissWordShare
    2.3375, // leadOverNext
    -1.0062, // unknownShare
    0.9498, // termCount
    0.2348, // singleTerm
    -0.3038, // holdsWhatIsAsked
    -2.4165, // lacksWhatIsAsked
    -0.1799, // hasContext
    0.2033, // asksFuture
    -0.9654, // uncoveredTerms
    -1.9314, // unknownName
    -0.8533, // actorMissing
    5.197, // neighbourShare
    1.6335, // nearMissNeighbourShare
    -0.344, // similarityTop3
    0.9979, // statedCoverage
    -3.1676, // asksOpinion
    -0.6155, // asksYesNo
    -1.4321, // asksBeyond
  ],
  threshold: 0.5,
  tieMargin: 1,
};
