/** Fitted by `npm run fit` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ["bias","score","coverage","knownCoverage","similarity","nearMissSimilarity","nearMissOverVariant","nearMissWordShare","leadOverNext","unknownShare","termCount","singleTerm","holdsWhatIsAsked","lacksWhatIsAsked","hasContext","asksFuture","uncoveredTerms","unknownName","actorMissing","neighbourShare","nearMissNeighbourShare","similarityTop3","statedCoverage","asksOpinion","asksYesNo","asksBeyond"],
  weights: [
    -2.267, // bias
    1.0417, // score
    0.4592, // coverage
    -1.1143, // knownCoverage
    1.2252, // similarity
    -6.223, // nearMissSimilarity
    -3.5595, // nearMissOverVariant
    -3.0205, // nearMissWordShare
    2.5808, // leadOverNext
    -0.7925, // unknownShare
    0.9931, // termCount
    0.2238, // singleTerm
    -0.3233, // holdsWhatIsAsked
    -2.4559, // lacksWhatIsAsked
    -0.1165, // hasContext
    0.2481, // asksFuture
    -1.0598, // uncoveredTerms
    -1.9742, // unknownName
    -0.9517, // actorMissing
    4.9124, // neighbourShare
    1.4512, // nearMissNeighbourShare
    -0.1129, // similarityTop3
    0.9919, // statedCoverage
    -2.9794, // asksOpinion
    -0.6864, // asksYesNo
    -1.4738, // asksBeyond
  ],
  threshold: 0.5,
  tieMargin: 1,
};
