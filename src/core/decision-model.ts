/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion","asksYesNo","asksBeyond"],
  weights: [
    -2.5497, // bias
    1.1231, // score
    0.4705, // coverage
    -0.9031, // knownCoverage
    1.5741, // similarity
    -6.4435, // nearMissSimilarity
    -3.9564, // nearMissOverVariant
    -3.5197, // nearMissWordShare
    2.2379, // leadOverNext
    -0.5012, // unknownShare
    0.9185, // termCount
    0.1469, // singleTerm
    -0.2544, // holdsWhatIsAsked
    -2.3304, // lacksWhatIsAsked
    -0.0509, // hasContext
    0.1153, // asksFuture
    -1.1006, // uncoveredTerms
    -1.7744, // unknownName
    -0.4954, // actorMissing
    5.1619, // neighbourShare
    1.639, // nearMissNeighbourShare
    -0.2033, // similarityTop3
    0.9326, // statedCoverage
    -3.362, // asksOpinion
    -0.5123, // asksYesNo
    -1.3151, // asksBeyond
  ],
  threshold: 0.5,
  tieMargin: 0.3,
};
