/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion","asksYesNo","asksBeyond"],
  weights: [
    -2.5271, // bias
    0.8997, // score
    0.5942, // coverage
    -1.0386, // knownCoverage
    1.7135, // similarity
    -6.5551, // nearMissSimilarity
    -3.8032, // nearMissOverVariant
    -3.5331, // nearMissWordShare
    2.2798, // leadOverNext
    -0.3626, // unknownShare
    0.9864, // termCount
    0.1237, // singleTerm
    -0.3544, // holdsWhatIsAsked
    -2.3769, // lacksWhatIsAsked
    -0.0732, // hasContext
    0.255, // asksFuture
    -1.1388, // uncoveredTerms
    -2.0012, // unknownName
    -0.8791, // actorMissing
    5.1065, // neighbourShare
    1.6565, // nearMissNeighbourShare
    -0.0329, // similarityTop3
    0.9322, // statedCoverage
    -3.1715, // asksOpinion
    -0.5605, // asksYesNo
    -1.3126, // asksBeyond
  ],
  threshold: 0.5,
  tieMargin: 1,
};
