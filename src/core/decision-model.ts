/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion","asksYesNo","asksBeyond"],
  weights: [
    -2.5046, // bias
    1.008, // score
    0.5504, // coverage
    -0.9705, // knownCoverage
    1.5116, // similarity
    -6.5283, // nearMissSimilarity
    -4.0229, // nearMissOverVariant
    -3.5243, // nearMissWordShare
    2.2488, // leadOverNext
    -0.4131, // unknownShare
    0.9625, // termCount
    0.1946, // singleTerm
    -0.2784, // holdsWhatIsAsked
    -2.3843, // lacksWhatIsAsked
    -0.0775, // hasContext
    0.146, // asksFuture
    -1.1483, // uncoveredTerms
    -1.7903, // unknownName
    -0.9038, // actorMissing
    5.1296, // neighbourShare
    1.6716, // nearMissNeighbourShare
    0.0726, // similarityTop3
    0.8501, // statedCoverage
    -3.3298, // asksOpinion
    -0.5238, // asksYesNo
    -1.2846, // asksBeyond
  ],
  threshold: 0.5,
  tieMargin: 1,
};
