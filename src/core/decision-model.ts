/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion","asksYesNo","asksBeyond"],
  weights: [
    -2.4643, // bias
    0.8994, // score
    0.6987, // coverage
    -1.0749, // knownCoverage
    1.6616, // similarity
    -6.4465, // nearMissSimilarity
    -3.8588, // nearMissOverVariant
    -3.6124, // nearMissWordShare
    2.2584, // leadOverNext
    -0.782, // unknownShare
    0.8899, // termCount
    0.1392, // singleTerm
    -0.3322, // holdsWhatIsAsked
    -2.4536, // lacksWhatIsAsked
    -0.1591, // hasContext
    0.1761, // asksFuture
    -0.9383, // uncoveredTerms
    -1.957, // unknownName
    -0.6817, // actorMissing
    5.3289, // neighbourShare
    1.6791, // nearMissNeighbourShare
    -0.2872, // similarityTop3
    0.963, // statedCoverage
    -3.2051, // asksOpinion
    -0.6061, // asksYesNo
    -1.4263, // asksBeyond
  ],
  threshold: 0.5,
  tieMargin: 1,
};
