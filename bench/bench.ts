/**
 * `npm run bench`: how fast ask() is and how the cost grows with the fact base.
 * Bases: the built-in facts, and generated bases of 1,000 and 10,000 facts (the built-in ones plus
 * synthetic facts with made-up English and Korean words). For each: ask() latency per question
 * (p50, p99, max in µs; and the p99 of each question's median over the rounds, which a busy machine's pauses barely move), questions per second on one core, heap and RSS, and cold start
 * (validate + index). Each base is measured in a process of its own, so its RSS is what a bot serving
 * that base alone holds, and that process runs this script bundled by esbuild the way production runs
 * dist/ (scripts/build.mjs): plain JavaScript, no TypeScript compiler loaded (tsx alone is ~100 MB).
 * `--source` runs them under tsx instead. `--json` prints one object keyed by base size.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createFeud } from '../src/core/feud.ts';
import { seededRandom as rng } from '../src/core/seeded-random.ts';
import { BUILT_IN_KNOWLEDGE_DIR, checkFact, loadFacts } from '../src/knowledge/load.ts';
import { type Knowledge, readPreparedKnowledge, writePreparedKnowledge } from '../src/knowledge/prepared.ts';
import type { Fact } from '../src/knowledge/schema.ts';
import { builtInTopic } from '../src/knowledge/topic.ts';
import { ODD_INPUT_PIECES } from './odd-inputs.ts';
import { syntheticFacts } from './synthetic-facts.ts';

interface Result {
  facts: number;
  questions: number;
  p50_us: number;
  p99_us: number;
  /** The 99th percentile of each question's median time over the rounds: the slowest questions' own cost, without one-off pauses (GC, a busy machine) that land on a single run. */
  p99_question_us: number;
  max_us: number;
  qps: number;
  heap_mb: number;
  rss_mb: number;
  cold_start_ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `load` is timed as part of the cold start: reading and validating the facts (or reading them prepared), then indexing them. */
function measure(load: () => Pick<Knowledge, 'facts'> & Partial<Knowledge>, questions: string[]): Result {
  const t0 = performance.now();
  const { facts, topic, reading } = load();
  const feud = createFeud(facts, { topic, reading });
  const coldStart = performance.now() - t0;
  for (const q of questions.slice(0, 50)) feud.ask(q); // warm the JIT
  const times: number[] = [];
  const rounds = Math.max(1, Math.ceil(2000 / questions.length));
  const perQuestion = questions.map((): number[] => []);
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    questions.forEach((q, i) => {
      const a = performance.now();
      feud.ask(q);
      const us = (performance.now() - a) * 1000;
      times.push(us);
      perQuestion[i]!.push(us);
    });
  }
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  const byNumber = (a: number, b: number) => a - b;
  const questionMedians = perQuestion.map((ts) => percentile(ts.sort(byNumber), 50)).sort(byNumber);
  const mem = process.memoryUsage();
  return {
    facts: facts.length,
    questions: times.length,
    p50_us: Math.round(percentile(times, 50)),
    p99_us: Math.round(percentile(times, 99)),
    p99_question_us: Math.round(percentile(questionMedians, 99)),
    max_us: Math.round(times[times.length - 1]!),
    qps: Math.round((times.length / elapsed) * 1000),
    heap_mb: Math.round(mem.heapUsed / 1e5) / 10,
    rss_mb: Math.round(mem.rss / 1e5) / 10,
    cold_start_ms: Math.round(coldStart * 10) / 10,
  };
}

/** The shapes of the hardening issue: one long Korean or Latin word, runs of one syllable, particles with no spaces. */
function longWordShapes(random: () => number): Array<[shape: string, text: string]> {
  const syllable = () => String.fromCharCode(0xac00 + Math.floor(random() * 11172));
  const letter = () => String.fromCharCode(97 + Math.floor(random() * 26));
  const joined = ['머스크가', '올트먼을', '오픈AI에서', '소송했어요', '누가', '언제', '왜', '스타게이트는'];
  const out: Array<[string, string]> = [];
  for (const n of [40, 120, 250, 500]) {
    out.push([`${n} Hangul syllables, one word`, Array.from({ length: n }, syllable).join('')]);
    out.push([`${n} × one syllable`, syllable().repeat(n)]);
    out.push([`${n} Latin letters, one word`, Array.from({ length: n }, letter).join('')]);
    out.push([
      `${n} chars of names and particles, no spaces`,
      Array.from({ length: n }, () => joined[Math.floor(random() * joined.length)])
        .join('')
        .slice(0, n),
    ]);
  }
  return out;
}

interface OddInputs {
  inputs: number;
  slowest_ms: number;
  sample: string;
  p99_ms: number;
  slowest_autocomplete_ms: number;
  autocomplete_sample: string;
  p99_autocomplete_ms: number;
  /** What only some questions need, built once per process by the first question or keystroke that needs it. */
  first_use_ms: Record<string, number>;
  rss_mb: number;
}

/** Odd inputs through ask() and autocomplete, after the one-time builds: the slowest one, and what it was. */
function slowestOddInput(facts: Fact[], random: () => number): OddInputs {
  const feud = createFeud(facts);
  const alphabet = ODD_INPUT_PIECES;
  const inputs: Array<[string, string]> = longWordShapes(random);
  for (let i = 0; i < 2000; i++) {
    const length = Math.floor(random() * random() * 10_000);
    let s = '';
    while (s.length < length) s += alphabet[Math.floor(random() * alphabet.length)];
    inputs.push([`${s.length} chars of mixed pieces`, s]);
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const timed = (run: () => unknown) => {
    const a = performance.now();
    run();
    return round2(performance.now() - a);
  };
  // each lazy structure's one-time build, timed on the first question or keystroke that needs it, so it is not counted as an odd input's cost
  const first_use_ms = {
    'autocomplete (en), English word list': timed(() => feud.suggest('warm up', 'en')),
    'autocomplete (ko)': timed(() => feud.suggest('스타게', 'ko')),
    'English spelling index': timed(() => feud.ask('stargte')),
    'Korean spelling index': timed(() => feud.ask('콜로서수 확장')),
    'quote lookup': timed(() => feud.ask('how did I not know')),
  };
  let slowest = 0;
  let sample = '';
  let slowestKeystroke = 0;
  let keystrokeSample = '';
  const asks: number[] = [];
  const keystrokes: number[] = [];
  for (const [shape, s] of inputs) {
    const a = performance.now();
    feud.ask(s);
    const ms = performance.now() - a;
    asks.push(ms);
    if (ms > slowest) {
      slowest = ms;
      sample = shape;
    }
    const b = performance.now();
    feud.suggest(s.slice(0, 200), feud.detectLang(s));
    const keystroke = performance.now() - b;
    keystrokes.push(keystroke);
    if (keystroke > slowestKeystroke) {
      slowestKeystroke = keystroke;
      keystrokeSample = shape;
    }
  }
  const sorted = (xs: number[]) => xs.sort((x, y) => x - y);
  const p99 = (xs: number[]) => round2(percentile(sorted(xs), 99));
  return {
    inputs: inputs.length,
    slowest_ms: round2(slowest),
    sample,
    p99_ms: p99(asks),
    slowest_autocomplete_ms: round2(slowestKeystroke),
    autocomplete_sample: keystrokeSample,
    p99_autocomplete_ms: p99(keystrokes),
    first_use_ms,
    rss_mb: Math.round(process.memoryUsage().rss / 1e5) / 10,
  };
}

/** The base of `size` facts as raw facts: the built-in ones, then synthetic ones (each size continuing one random stream). */
function rawBase(size: number, sizes: readonly number[]): Fact[] {
  const builtIn = loadFacts();
  const random = rng(42);
  let raw: Fact[] = [];
  for (const s of sizes) {
    raw = [...builtIn, ...syntheticFacts(s - builtIn.length, random)];
    if (s === size) break;
  }
  return raw;
}

/** One base measured in a process of its own, so its RSS is what a bot serving that base holds: validated and indexed from raw facts. */
function measureOne(size: number, sizes: readonly number[], questions: string[]): Result {
  if (size <= loadFacts().length) return measure(() => ({ facts: loadFacts() }), questions);
  // generated outside the timer; validated inside it, as loading a base of that size would
  const raw = rawBase(size, sizes);
  return measure(
    () => ({
      facts: raw.map((f) => {
        const checked = checkFact(f, builtInTopic());
        if ('fact' in checked) return checked.fact;
        throw new Error(`synthetic fact ${f.id}: ${checked.field}: ${checked.message}`);
      }),
    }),
    questions,
  );
}

/**
 * Writes the base of `size` facts to a folder in `scratch` (the built-in base is its own folder) and prepares it there
 * (src/knowledge/prepared.ts), as a build or a bot's first start does; in a process of its own, so that work leaves no
 * garbage in the process that measures the start.
 */
function prepareBase(size: number, sizes: readonly number[], scratch: string): void {
  let dir = BUILT_IN_KNOWLEDGE_DIR;
  if (size > loadFacts().length) {
    dir = join(scratch, 'knowledge');
    mkdirSync(dir);
    writeFileSync(join(dir, 'facts.json'), JSON.stringify({ facts: rawBase(size, sizes) }));
  }
  writeFileSync(join(scratch, 'folder'), dir);
  writePreparedKnowledge(join(scratch, 'prepared.json'), 'bench', dir);
}

/** The base prepared in `scratch`, started as a bot finds it: the file read and checked against the folder, the matcher built from its reading. */
function measurePrepared(scratch: string, questions: string[]): Result {
  const dir = readFileSync(join(scratch, 'folder'), 'utf8');
  const file = join(scratch, 'prepared.json');
  return measure(() => {
    const prepared = readPreparedKnowledge(file, 'bench', dir);
    if (!prepared) throw new Error(`${file} does not match ${dir}`);
    return prepared;
  }, questions);
}

/** This script bundled as production bundles dist/ (the same dependencies compiled in), for the measuring processes to run. */
async function bundledSelf(): Promise<string> {
  // imported here, so the bundle itself loads neither (it never runs this)
  const { build } = await import('esbuild');
  const { externalUnlessBundled, ROOT } = await import('../scripts/build.mjs');
  // in this checkout, one folder per run: under node_modules (a link, in a worktree) it would read the linked checkout's
  // knowledge (the bundle finds its package root from its real path), and runs at once would overwrite each other's bundle
  const outfile = join(ROOT, `dist.bench-${process.pid}`, 'bench.mjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.12',
    logLevel: 'warning',
    plugins: [externalUnlessBundled],
  });
  return outfile;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      source: { type: 'boolean', default: false },
      sizes: { type: 'string', default: '1000,10000' },
      only: { type: 'string' },
      prepare: { type: 'string' },
      prepared: { type: 'string' },
      odd: { type: 'boolean', default: false },
    },
  });
  // the synthetic sizes, in the order their facts are drawn from the random stream
  const sizes = values.sizes!.split(',').map(Number);
  const evalSet = JSON.parse(readFileSync('bench/eval/questions.json', 'utf8')) as { q: string }[];
  const questions = evalSet.map((e) => e.q);
  // a child's one job (see inChild), or `--only N` by hand
  if (values.prepare !== undefined) {
    prepareBase(Number(values.only), sizes, values.prepare);
    return;
  }
  if (values.prepared !== undefined) {
    console.log(JSON.stringify(measurePrepared(values.prepared, questions)));
    return;
  }
  if (values.only !== undefined) {
    console.log(JSON.stringify(measureOne(Number(values.only), sizes, questions)));
    return;
  }
  if (values.odd) {
    console.log(JSON.stringify(slowestOddInput(loadFacts(), rng(7))));
    return;
  }
  const bundled = values.source ? undefined : await bundledSelf();
  const script = bundled ? [bundled] : [...process.execArgv, fileURLToPath(import.meta.url)];
  const inChild = (args: string[]): unknown => {
    const child = spawnSync(process.execPath, [...script, '--sizes', values.sizes!, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${child.status})`);
    return child.stdout.trim() === '' ? undefined : JSON.parse(child.stdout);
  };
  const results: Record<string, Result> = {};
  const prepared: Record<string, Result> = {};
  let odd: OddInputs;
  try {
    for (const size of [loadFacts().length, ...sizes]) {
      results[String(size)] = inChild(['--only', String(size)]) as Result;
      const scratch = mkdtempSync(join(tmpdir(), 'feud-bench-'));
      try {
        inChild(['--only', String(size), '--prepare', scratch]);
        prepared[String(size)] = inChild(['--prepared', scratch]) as Result;
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
    odd = inChild(['--odd']) as OddInputs;
  } finally {
    if (bundled) rmSync(dirname(bundled), { recursive: true, force: true });
  }
  if (values.json) {
    console.log(JSON.stringify({ ...results, prepared, odd_inputs: odd }));
    return;
  }
  const how = values.source ? 'under tsx, on the sources' : 'on an esbuild bundle, as production runs dist/';
  console.log(`ask() over ${questions.length} evaluation questions, Node ${process.version}, one core; each base in a process of its own, ${how}\n`);
  const table = (rows: Result[]) => {
    console.log('facts   p50 µs   p99 µs   p99 by question µs   max µs       q/s   heap MB   RSS MB   cold start ms');
    for (const r of rows) {
      console.log(
        `${String(r.facts).padStart(5)} ${String(r.p50_us).padStart(8)} ${String(r.p99_us).padStart(8)} ${String(r.p99_question_us).padStart(20)} ${String(r.max_us).padStart(8)} ${String(r.qps).padStart(9)} ${String(r.heap_mb).padStart(9)} ${String(r.rss_mb).padStart(8)} ${String(r.cold_start_ms).padStart(15)}`,
      );
    }
  };
  console.log('cold start from raw facts: validate every fact, then read (normalise) and index every text');
  table(Object.values(results));
  console.log("\nstarted from the prepared file (a build's own, or the one a start of that build wrote for the folder): read and check it, index its reading");
  table(Object.values(prepared));
  console.log(
    `\nodd inputs (long Korean and Latin words, runs of one syllable, particles with no spaces, up to 10,000 chars of mentions, markup, control characters), built-in base: ${odd.inputs} tried, ask p99 ${odd.p99_ms} ms, slowest ${odd.slowest_ms} ms (${odd.sample}); autocomplete p99 ${odd.p99_autocomplete_ms} ms, slowest ${odd.slowest_autocomplete_ms} ms (${odd.autocomplete_sample}); RSS after ${odd.rss_mb} MB`,
  );
  console.log(
    `one-time builds on first need, before the odd inputs: ${Object.entries(odd.first_use_ms)
      .map(([what, ms]) => `${what} ${ms} ms`)
      .join(', ')}`,
  );
}

await main();
