/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion","asksYesNo","asksBeyond"],
  weights: [
    -2.5026, // bias
    1.0523, // score
    0.4904, // coverage
    -0.934, // knownCoverage
    1.5009, // similarity
    -6.5149, // nearMissSimilarity
    -4.0039, // nearMissOverVariant
    -3.5281, // nearMissWordShare
    2.2562, // leadOverNext
    -0.4202, // unknownShare
    0.9639, // termCount
    0.159, // singleTerm
    -0.2742, // holdsWhatIsAsked
    -2.3808, // lacksWhatIsAsked
    -0.0679, // hasContext
    0.1378, // asksFuture
    -1.1625, // uncoveredTerms
    -1.7878, // unknownName
    -0.8896, // actorMissing
    5.1164, // neighbourShare
    1.654, // nearMissNeighbourShare
    0.0543, // similarityTop3
    0.8525, // statedCoverage
    -3.3289, // asksOpinion
    -0.5154, // asksYesNo
    -1.2802, // asksBeyond
  ],
  threshold: 0.5,
  tieMargin: 1,
};
