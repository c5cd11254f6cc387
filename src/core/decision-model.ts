/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion","asksYesNo","asksBeyond"],
  weights: [
    -2.5021, // bias
    0.915, // score
    0.5748, // coverage
    -1.0252, // knownCoverage
    1.6677, // similarity
    -6.5467, // nearMissSimilarity
    -3.7892, // nearMissOverVariant
    -3.5194, // nearMissWordShare
    2.2933, // leadOverNext
    -0.3678, // unknownShare
    0.9664, // termCount
    0.1405, // singleTerm
    -0.3011, // holdsWhatIsAsked
    -2.3786, // lacksWhatIsAsked
    -0.0692, // hasContext
    0.1464, // asksFuture
    -1.1351, // uncoveredTerms
    -1.7317, // unknownName
    -0.8836, // actorMissing
    5.1045, // neighbourShare
    1.645, // nearMissNeighbourShare
    -0.0268, // similarityTop3
    0.934, // statedCoverage
    -3.3563, // asksOpinion
    -0.5507, // asksYesNo
    -1.2729, // asksBeyond
  ],
  threshold: 0.5,
  tieMargin: 1,
};
