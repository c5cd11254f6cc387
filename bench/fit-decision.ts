/**
 * `npm run fit`: fit the decision model (src/core/decision.ts) on the fact base's own questions.
 *
 * Every question variant and near miss in knowledge/ is held out in turn (5 folds, assigned by a hash
 * of the text, so the split is the same on every run): the matcher is built without it, the held-out
 * text is matched, and each leading candidate becomes one example: "answering this question with this
 * fact is right" (a variant's own fact) or not (any other fact, and every fact for a near miss). A
 * third of the held-out questions (variants and near misses alike) are also asked again after a
 * sentence of unrelated context, as people do in chat. A logistic regression (Newton's method, a little L2, deterministic) is fitted to
 * those examples. The bot answers when the model says an answer is more likely right than wrong (0.5);
 * the tie margin is picked to maximise right answers minus four times wrong answers on the same held-out
 * questions. No evaluation set is read.
 *
 * Writes src/core/decision-model.ts and prints the held-out figures. `--check` only compares.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DECISION_CANDIDATES, type DecisionModel, decide, FEATURES, featuresOf } from '../src/core/decision.ts';
import { Matcher } from '../src/core/matcher.ts';
import { loadFacts } from '../src/knowledge/load.ts';
import type { Fact } from '../src/knowledge/schema.ts';

const FOLDS = 5;
const L2 = 1;
/** A wrong answer costs this many right ones (in choosing the tie margin). */
const WRONG_ANSWER_COST = 4;
/** Answer at or above this probability: more likely right than wrong. */
const ANSWER_PROBABILITY = 0.5;
const MODEL_PATH = fileURLToPath(new URL('../src/core/decision-model.ts', import.meta.url));

/** Generic chat context, about nothing in the article: a question asked inside it must still be found. */
const CONTEXT = {
  en: [
    "I'm putting together a short presentation for work.",
    'Quick question for a blog post I am writing.',
    'My friend and I were arguing about this last night.',
    "Sorry if this was asked before, I'm new here.",
    'Doing some homework on tech companies.',
    'I read something about this on the bus this morning.',
  ],
  ko: [
    '회사에서 발표 자료 만드는 중인데요,',
    '친구랑 얘기하다가 궁금해져서요.',
    '과제 때문에 조사하고 있어요.',
    '아까 뉴스 보다가 생각났는데,',
    '혹시 전에 나온 질문이면 죄송해요.',
    '블로그에 글 쓰는 중이에요.',
  ],
} as const;

/**
 * Chat that has nothing to do with the article, as negatives: no fact answers these. (Generic, written for
 * the fitter; off-topic questions of the evaluation sets are never used.)
 */
const OFF_TOPIC = [
  'what is the weather like tomorrow',
  'can you help me debug my python code',
  'recommend a good pizza place',
  'who won the world cup in 2022',
  'how do i center a div in css',
  'tell me a joke',
  'what is the capital of australia',
  'write a poem about the sea',
  'how tall is mount everest',
  'best budget laptop for students?',
  'is it going to rain this weekend',
  'translate good morning into french',
  '내일 날씨 어때?',
  '파스타 맛있게 만드는 법 알려줘',
  '자바스크립트 배열 정렬하는 법',
  '요즘 볼만한 드라마 추천해줘',
  '서울에서 부산까지 기차로 얼마나 걸려?',
  '오늘 점심 뭐 먹지',
  '고양이가 왜 골골송을 불러?',
  '엑셀에서 중복 제거 어떻게 해',
  '주말에 갈만한 카페 있어?',
  '영어 공부 어떻게 해야 돼?',
  '비트코인 지금 사도 될까?',
  '심심한데 재밌는 얘기 해줘',
];

interface Example {
  x: number[];
  y: 0 | 1;
}

interface HeldOut {
  text: string;
  factId: string | undefined; // undefined: a near miss, which no fact answers
}

/** FNV-1a: a stable hash of a text. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A stable fold for each text. */
const foldOf = (text: string) => hashOf(text) % FOLDS;

function withoutFold(facts: readonly Fact[], fold: number): { facts: Fact[]; heldOut: HeldOut[] } {
  const heldOut: HeldOut[] = [];
  const keep = (texts: readonly string[], factId: string | undefined) =>
    texts.filter((text) => {
      if (foldOf(text) !== fold) return true;
      heldOut.push({ text, factId });
      if (foldOf(`${text}\u0000context`) % 3 === 0) {
        const lang = /[가-힣]/.test(text) ? 'ko' : 'en';
        const pool = CONTEXT[lang];
        heldOut.push({ text: `${pool[hashOf(text + lang) % pool.length]} ${text}`, factId });
      }
      return false;
    });
  const reduced = facts.map((f) => {
    const en = keep(f.questions.en, f.id);
    const ko = keep(f.questions.ko, f.id);
    // people ask two things about one event in one message ("What did Musk want? Was it the CEO job?")
    for (const lang of ['en', 'ko'] as const) {
      const out = f.questions[lang].filter((t) => foldOf(t) === fold);
      for (let i = 0; i + 1 < out.length; i += 2) heldOut.push({ text: `${asQuestion(out[i]!)} ${asQuestion(out[i + 1]!)}`, factId: f.id });
      const misses = (f.nearMisses?.[lang] ?? []).filter((t) => foldOf(t) === fold);
      for (let i = 0; i + 1 < misses.length; i += 2) heldOut.push({ text: `${asQuestion(misses[i]!)} ${asQuestion(misses[i + 1]!)}`, factId: undefined });
    }
    return {
      ...f,
      questions: { en, ko },
      ...(f.nearMisses ? { nearMisses: { en: keep(f.nearMisses.en, undefined), ko: keep(f.nearMisses.ko, undefined) } } : {}),
    };
  });
  return { facts: reduced, heldOut };
}

/** A question sentence ends with a question mark, as it would in a message of several. */
const asQuestion = (text: string) => (/[?？.!]$/.test(text.trim()) ? text.trim() : `${text.trim()}?`);

interface Case {
  heldOut: HeldOut;
  match: ReturnType<Matcher['match']>;
}

export function heldOutCases(facts: readonly Fact[]): Case[] {
  const cases: Case[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const { facts: reduced, heldOut } = withoutFold(facts, fold);
    const matcher = new Matcher(reduced);
    for (const h of heldOut) cases.push({ heldOut: h, match: matcher.match(h.text) });
    for (const text of OFF_TOPIC.filter((t) => foldOf(t) === fold)) cases.push({ heldOut: { text, factId: undefined }, match: matcher.match(text) });
  }
  return cases;
}

function examplesOf(cases: readonly Case[]): Example[] {
  const out: Example[] = [];
  for (const { heldOut, match } of cases) {
    if (match.quoted) continue;
    const leading = match.candidates.slice(0, DECISION_CANDIDATES);
    for (const c of leading) {
      const f = featuresOf(c, leading, match);
      out.push({ x: FEATURES.map((name) => f[name]), y: c.fact.id === heldOut.factId ? 1 : 0 });
    }
  }
  return out;
}

/** L2-regularised logistic regression by Newton's method (the bias is not penalised). */
export function fitLogistic(examples: readonly Example[], l2 = L2, iterations = 50): number[] {
  const d = FEATURES.length;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const { x, y } of examples) {
      const z = x.reduce((s, xi, i) => s + xi * w[i]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      const r = p * (1 - p);
      for (let i = 0; i < d; i++) {
        grad[i]! += (p - y) * x[i]!;
        for (let j = 0; j < d; j++) hess[i]![j]! += r * x[i]! * x[j]!;
      }
    }
    for (let i = 1; i < d; i++) {
      grad[i]! += l2 * w[i]!;
      hess[i]![i]! += l2;
    }
    hess[0]![0]! += 1e-9;
    const step = solve(hess, grad);
    w = w.map((wi, i) => wi - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return w;
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / p;
      if (f !== 0) for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (m[i]![i]! || 1e-12));
}

export interface HeldOutFigures {
  answerable: number;
  right: number;
  wrong: number;
  nearMisses: number;
  declined: number;
}

export function heldOutFigures(cases: readonly Case[], model: DecisionModel): HeldOutFigures {
  const f: HeldOutFigures = { answerable: 0, right: 0, wrong: 0, nearMisses: 0, declined: 0 };
  for (const { heldOut, match } of cases) {
    const got = decide(match, model).answer?.candidate.fact.id;
    if (heldOut.factId !== undefined) {
      f.answerable++;
      if (got === heldOut.factId) f.right++;
      else if (got !== undefined) f.wrong++;
    } else {
      f.nearMisses++;
      if (got === undefined) f.declined++;
      else f.wrong++;
    }
  }
  return f;
}

/** Right answers as a share of answerable, plus declines as a share of near misses, minus the cost of wrong answers. */
function objective(f: HeldOutFigures): number {
  const total = f.answerable + f.nearMisses;
  return f.right / Math.max(1, f.answerable) + (f.nearMisses ? f.declined / f.nearMisses : 0) - (WRONG_ANSWER_COST * f.wrong) / Math.max(1, total);
}

export function fitDecisionModel(facts: readonly Fact[]): { model: DecisionModel; figures: HeldOutFigures; examples: number } {
  const cases = heldOutCases(facts);
  const examples = examplesOf(cases);
  const weights = fitLogistic(examples).map((w) => Math.round(w * 1e4) / 1e4);
  // answer when the model says an answer is more likely right than wrong; the gates in decide() keep near misses out
  let best: { model: DecisionModel; figures: HeldOutFigures; score: number } | undefined;
  for (const tieMargin of [0, 0.1, 0.2, 0.3, 0.5, 0.75, 1]) {
    const model: DecisionModel = { features: FEATURES, weights, threshold: ANSWER_PROBABILITY, tieMargin };
    const figures = heldOutFigures(cases, model);
    const score = objective(figures);
    if (!best || score > best.score + 1e-12) best = { model, figures, score };
  }
  return { model: best!.model, figures: best!.figures, examples: examples.length };
}

export function modelSource(model: DecisionModel): string {
  const weights = model.features.map((name, i) => `    ${model.weights[i]}, // ${name}`).join('\n');
  return `/** Fitted by \`npm run fit\` (bench/fit-decision.ts) on the fact base's own variants and near misses. Do not edit by hand. */
import type { DecisionModel } from './decision.ts';

export const DECISION_MODEL: DecisionModel = {
  features: ${JSON.stringify(model.features)},
  weights: [
${weights}
  ],
  threshold: ${model.threshold},
  tieMargin: ${model.tieMargin},
};
`;
}

function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const facts = loadFacts();
  const { model, figures, examples } = fitDecisionModel(facts);
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  console.log(`fitted on ${examples} candidate examples from ${figures.answerable} held-out variants and ${figures.nearMisses} near misses`);
  console.log(
    `held out: right ${pct(figures.right, figures.answerable)}, near misses declined ${pct(figures.declined, figures.nearMisses)}, wrong ${pct(figures.wrong, figures.answerable + figures.nearMisses)}`,
  );
  console.log(`threshold ${model.threshold}, tie margin ${model.tieMargin}`);
  model.features.forEach((name, i) => console.log(`  ${name.padEnd(20)} ${model.weights[i]}`));
  const source = modelSource(model);
  if (values.check) {
    const same = readFileSync(MODEL_PATH, 'utf8') === source;
    console.log(same ? 'the committed model is up to date' : 'the committed model differs: run npm run fit');
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(MODEL_PATH, source);
  console.log(`wrote ${MODEL_PATH}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
