/**
 * `npm run eval`: answer quality on the labelled evaluation set, beside two baselines.
 *   feud-bot       the tuned core (src/core)
 *   fuse-default   fuse.js with its default options over the question variants
 *   minisearch     MiniSearch (fuzzy + prefix) over the question variants
 * Options: --json (one JSON object), --misses (list every miss of feud-bot), --set <file>.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { createFeud } from '../src/core/feud.ts';
import type { Fact } from '../src/knowledge/schema.ts';
import { loadFacts } from '../src/knowledge/load.ts';

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
  const mini = new MiniSearch<{ id: string; factId: string; text: string }>({ fields: ['text'], storeFields: ['factId'], searchOptions: { fuzzy: 0.2, prefix: true } });
  mini.addAll(variantsOf(facts));
  return (q) => mini.search(q)[0]?.factId as string | undefined;
}

function main(): void {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, misses: { type: 'boolean', default: false }, set: { type: 'string', default: 'bench/eval/questions.json' } },
  });
  const set = EvalSet.parse(JSON.parse(readFileSync(values.set!, 'utf8')));
  const facts = loadFacts();
  const ids = new Set(facts.map((f) => f.id));
  const unknown = set.filter((i) => i.expect !== 'abstain' && !ids.has(i.expect));
  if (unknown.length) throw new Error(`evaluation set names unknown fact ids: ${[...new Set(unknown.map((u) => u.expect))].join(', ')}`);

  const systems: [string, System][] = [
    ['feud-bot', feudSystem(facts)],
    ['fuse-default', fuseDefaultSystem(facts)],
    ['minisearch', miniSearchSystem(facts)],
  ];
  const report: Record<string, { all: Figures; byLang: Record<string, Figures>; byKind: Record<string, Figures> }> = {};
  const missesOf: Record<string, Outcome[]> = {};
  for (const [name, system] of systems) {
    const outcomes = set.map((item) => ({ item, got: system(item.q) }));
    const group = (key: (i: EvalItem) => string) => {
      const groups: Record<string, Outcome[]> = {};
      for (const o of outcomes) (groups[key(o.item)] ??= []).push(o);
      return Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, figures(v)]));
    };
    report[name] = { all: figures(outcomes), byLang: group((i) => i.lang), byKind: group((i) => i.kind) };
    missesOf[name] = outcomes.filter((o) => (o.got ?? 'abstain') !== o.item.expect);
  }

  if (values.json) {
    console.log(JSON.stringify({ questions: set.length, facts: facts.length, systems: report }));
    return;
  }
  console.log(`Evaluation: ${set.length} questions (${set.filter((i) => i.lang === 'en').length} en, ${set.filter((i) => i.lang === 'ko').length} ko) against ${facts.length} facts\n`);
  for (const [name] of systems) {
    const r = report[name]!;
    console.log(line(name, r.all));
    for (const [lang, f] of Object.entries(r.byLang)) console.log(line(`  ${lang}`, f));
  }
  console.log('\nfeud-bot by kind:');
  for (const [kind, f] of Object.entries(report['feud-bot']!.byKind).sort()) console.log(line(`  ${kind}`, f));
  const misses = missesOf['feud-bot']!;
  console.log(`\nfeud-bot misses (${misses.length}):`);
  for (const m of values.misses ? misses : misses.slice(0, 40)) console.log(`  [${m.item.lang} ${m.item.kind}] ${JSON.stringify(m.item.q)} expected ${m.item.expect}, got ${m.got ?? 'abstain'}`);
  if (!values.misses && misses.length > 40) console.log(`  … ${misses.length - 40} more (--misses shows all)`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
