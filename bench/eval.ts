/**
 * `npm run eval`: answer quality on the labelled evaluation set, beside two baselines.
 *   feud-bot       the tuned core (src/core)
 *   fuse-default   fuse.js with its default options over the question variants
 *   minisearch     MiniSearch (fuzzy + prefix) over the question variants
 * Every set in EVAL_SETS is scored, by language and by kind. Sealed sets print aggregates only, never their misses.
 * Options: --json (one JSON object), --misses (list every miss on the tuning sets), --set <file> (that set alone).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import * as z from 'zod';
import { createFeud } from '../src/core/feud.ts';
import { loadFacts } from '../src/knowledge/load.ts';
import type { Fact } from '../src/knowledge/schema.ts';

const EvalSet = z.array(
  z.strictObject({
    q: z.string(),
    lang: z.enum(['en', 'ko']),
    kind: z.string(),
    expect: z.string(),
  }),
);
type EvalItem = z.infer<typeof EvalSet>[number];

/** What a system said: a fact id, or undefined for "I don't know". */
type System = (question: string) => string | undefined;

interface Outcome {
  item: EvalItem;
  got: string | undefined;
}

export interface Figures {
  answerable: number;
  top1: number;
  abstainable: number;
  abstained: number;
  confidentlyWrong: number;
  total: number;
}

function figures(outcomes: Outcome[]): Figures {
  const answerable = outcomes.filter((o) => o.item.expect !== 'abstain');
  const abstainable = outcomes.filter((o) => o.item.expect === 'abstain');
  return {
    answerable: answerable.length,
    top1: answerable.filter((o) => o.got === o.item.expect).length,
    abstainable: abstainable.length,
    abstained: abstainable.filter((o) => o.got === undefined).length,
    confidentlyWrong: outcomes.filter((o) => o.got !== undefined && o.got !== o.item.expect).length,
    total: outcomes.length,
  };
}

const pct = (n: number, d: number) => (d === 0 ? '   –  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

function line(label: string, f: Figures): string {
  return `${label.padEnd(22)} top-1 ${pct(f.top1, f.answerable)} (${f.top1}/${f.answerable})  abstain ${pct(f.abstained, f.abstainable)} (${f.abstained}/${f.abstainable})  confidently wrong ${pct(f.confidentlyWrong, f.total)} (${f.confidentlyWrong}/${f.total})`;
}

export function feudSystem(facts: Fact[]): System {
  const feud = createFeud(facts);
  return (q) => {
    const r = feud.ask(q);
    return r.kind === 'answer' ? r.fact!.id : undefined;
  };
}

function variantsOf(facts: Fact[]) {
  return facts.flatMap((f) => [...f.questions.en, ...f.questions.ko].map((text, i) => ({ id: `${f.id}#${i}`, factId: f.id, text })));
}

export function fuseDefaultSystem(facts: Fact[]): System {
  const fuse = new Fuse(variantsOf(facts), { keys: ['text'] });
  return (q) => fuse.search(q, { limit: 1 })[0]?.item.factId;
}

export function miniSearchSystem(facts: Fact[]): System {
  const mini = new MiniSearch<{ id: string; factId: string; text: string }>({
    fields: ['text'],
    storeFields: ['factId'],
    searchOptions: { fuzzy: 0.2, prefix: true },
  });
  mini.addAll(variantsOf(facts));
  return (q) => mini.search(q)[0]?.factId as string | undefined;
}

type Report = Record<string, { all: Figures; byLang: Record<string, Figures>; byKind: Record<string, Figures> }>;

function evaluate(set: EvalItem[], systems: [string, System][]): { report: Report; misses: Outcome[] } {
  const report: Report = {};
  let misses: Outcome[] = [];
  for (const [name, system] of systems) {
    const outcomes = set.map((item) => ({ item, got: system(item.q) }));
    const group = (key: (i: EvalItem) => string) => {
      const groups: Record<string, Outcome[]> = {};
      for (const o of outcomes) (groups[key(o.item)] ??= []).push(o);
      return Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, figures(v)]));
    };
    report[name] = { all: figures(outcomes), byLang: group((i) => i.lang), byKind: group((i) => i.kind) };
    if (name === 'feud-bot') misses = outcomes.filter((o) => (o.got ?? 'abstain') !== o.item.expect);
  }
  return { report, misses };
}

function readSet(path: string, ids: Set<string>): EvalItem[] {
  const set = EvalSet.parse(JSON.parse(readFileSync(path, 'utf8')));
  const unknown = set.filter((i) => i.expect !== 'abstain' && !ids.has(i.expect));
  if (unknown.length) throw new Error(`${path} names unknown fact ids: ${[...new Set(unknown.map((u) => u.expect))].join(', ')}`);
  return set;
}

const describeSet = (set: EvalItem[]) =>
  `${set.length} questions (${set.filter((i) => i.lang === 'en').length} en, ${set.filter((i) => i.lang === 'ko').length} ko)`;

/**
 * The sets, in the order they were written. "tuning" sets may be looked at and tuned on; a "sealed" set
 * was written by people who saw only the article, and only its aggregate figures are ever printed.
 */
export const EVAL_SETS: { label: string; path: string; sealed: boolean }[] = [
  { label: 'tuning: main set', path: 'bench/eval/questions.json', sealed: false },
  { label: 'tuning: held-out, tuned on', path: 'bench/eval/holdout-tune.json', sealed: false },
  { label: 'tuning: dev set (2026)', path: 'bench/eval/dev.json', sealed: false },
  { label: 'tuning: long messages (2026)', path: 'bench/eval/dev-long.json', sealed: false },
  { label: 'never tuned on: held-out test half', path: 'bench/eval/holdout-test.json', sealed: true },
  { label: 'SEALED (2026)', path: 'bench/eval/sealed.json', sealed: true },
];

export function evaluateSet(path: string, facts: Fact[], systems: [string, System][]) {
  const set = readSet(path, new Set(facts.map((f) => f.id)));
  return { set, ...evaluate(set, systems) };
}

function main(): void {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, misses: { type: 'boolean', default: false }, set: { type: 'string' } },
  });
  const facts = loadFacts();
  const systems: [string, System][] = [
    ['feud-bot', feudSystem(facts)],
    ['fuse-default', fuseDefaultSystem(facts)],
    ['minisearch', miniSearchSystem(facts)],
  ];
  // a set named with --set is looked at alone (and its misses may be listed unless it is sealed)
  const sets = values.set ? [EVAL_SETS.find((s) => s.path === values.set) ?? { label: values.set, path: values.set, sealed: false }] : EVAL_SETS;
  const missing = sets.filter((s) => !existsSync(s.path));
  for (const s of missing) console.error(`eval: ${s.path} is missing; skipped`);
  const results = sets.filter((s) => existsSync(s.path)).map((s) => ({ ...s, ...evaluateSet(s.path, facts, systems) }));

  if (values.json) {
    console.log(
      JSON.stringify({
        facts: facts.length,
        sets: Object.fromEntries(results.map((r) => [r.label, { path: r.path, questions: r.set.length, systems: r.report }])),
      }),
    );
    return;
  }
  console.log(`Evaluation against ${facts.length} facts; systems: ${systems.map(([n]) => n).join(', ')}`);
  for (const r of results) {
    console.log(`\n== ${r.label}: ${describeSet(r.set)} (${r.path})`);
    for (const [name] of systems) {
      console.log(line(name, r.report[name]!.all));
      for (const [lang, f] of Object.entries(r.report[name]!.byLang)) console.log(line(`  ${lang}`, f));
    }
    console.log('feud-bot by kind:');
    for (const [kind, f] of Object.entries(r.report['feud-bot']!.byKind).sort()) console.log(line(`  ${kind}`, f));
    if (r.sealed) {
      console.log(`(sealed: its misses are never printed)`);
      continue;
    }
    const shown = values.misses ? r.misses : r.misses.slice(0, 15);
    console.log(`feud-bot misses (${r.misses.length}):`);
    for (const m of shown) console.log(`  [${m.item.lang} ${m.item.kind}] ${JSON.stringify(m.item.q)} expected ${m.item.expect}, got ${m.got ?? 'abstain'}`);
    if (shown.length < r.misses.length) console.log(`  … ${r.misses.length - shown.length} more (--misses shows all)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
