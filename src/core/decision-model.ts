/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion","asksYesNo","asksBeyond"],
  weights: [
    -2.4997, // bias
    0.9655, // score
    0.4988, // coverage
    -0.9771, // knownCoverage
    1.6709, // similarity
    -6.5234, // nearMissSimilarity
    -3.7597, // nearMissOverVariant
    -3.5671, // nearMissWordShare
    2.254, // leadOverNext
    -0.415, // unknownShare
    0.9645, // termCount
    0.2924, // singleTerm
    -0.2871, // holdsWhatIsAsked
    -2.3699, // lacksWhatIsAsked
    -0.0723, // hasContext
    0.1349, // asksFuture
    -1.137, // uncoveredTerms
    -1.74, // unknownName
    -0.8968, // actorMissing
    5.1545, // neighbourShare
    1.6569, // nearMissNeighbourShare
    -0.0546, // similarityTop3
    0.8858, // statedCoverage
    -3.3658, // asksOpinion
    -0.5224, // asksYesNo
    -1.2853, // asksBeyond
  ],
  threshold: 0.5,
  tieMargin: 1,
};
