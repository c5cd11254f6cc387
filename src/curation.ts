/**
 * The curation loop, from a terminal: what people asked that the fact base could not answer,
 * and how each fact fares. Reads the bot's SQLite file read-only (or its PostgreSQL database, when
 * DATABASE_URL is set), so it is safe beside a running bot.
 *
 *   npm run feud -- unanswered [--since 7d|24h|30m|2025-04-01] [--top 20] [--workspace T0123] [--json]
 *   npm run feud -- stats [--workspace T0123] [--json]
 * --workspace: one Slack workspace's own (an app installed in many).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configErrorLines, loadConfig, loadDotEnv } from './config.ts';
import { createFeud } from './core/feud.ts';
import { cleanText } from './core/normalise.ts';
import { environment } from './env.ts';
import { loadFacts } from './knowledge/load.ts';
import { openConfiguredStore } from './store/open.ts';
import type { FactStats, Store, UnansweredQuestion } from './store/store.ts';

export type CurationCommand = 'unanswered' | 'stats';

export interface CurationIo {
  /** Where FEUD_DB_PATH and FEUD_KNOWLEDGE_DIR come from (default: the environment plus ./.env). */
  env?: NodeJS.ProcessEnv;
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  now?: () => number;
}

/** Wrong flags: the message is for the person at the terminal; exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const USAGE = `usage: npm run feud -- unanswered [--since 7d] [--top 20] [--workspace T0123] [--json]
       npm run feud -- stats [--workspace T0123] [--json]`;

const WORKSPACE_FLAG = { workspace: { type: 'string' } } as const;
/** A Slack team or enterprise id: T… or E…, letters and digits. */
function parseWorkspace(value: string | boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[TE][A-Z0-9]{2,20}$/.test(value))
    throw new UsageError(`--workspace: expected a Slack workspace id such as T0123ABCD (got "${String(value).slice(0, 40)}")`);
  return value;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "30m", "24h", "7d", "2w" back from now, or a calendar date "2025-04-01" (UTC midnight). */
export function parseSince(value: string, now: number): number {
  const duration = /^(\d{1,6})(m|h|d|w)$/.exec(value.trim());
  if (duration) return now - Number(duration[1]) * UNIT_MS[duration[2]!]!;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    const at = Date.parse(`${value.trim()}T00:00:00Z`);
    if (!Number.isNaN(at)) return at;
  }
  throw new UsageError(`--since: expected a duration like 30m, 24h, 7d or 2w, or a date like 2025-04-01 (got "${value}")`);
}

export function parseTop(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > 10_000)
    throw new UsageError(`--top: expected a whole number from 1 to 10000 (got "${value}")`);
  return Number(value);
}

export interface UnansweredGroup {
  /** The normalised form the questions share (what the matcher saw). */
  normalised: string;
  count: number;
  /** The most recent wording, cleaned for a terminal. */
  example: string;
  langs: string[];
  platforms: string[];
  firstAt: number;
  lastAt: number;
}

/** Group abstained questions by their normalised form; most asked first, then most recent. */
export function groupUnanswered(questions: readonly UnansweredQuestion[]): UnansweredGroup[] {
  const groups = new Map<string, UnansweredGroup & { langSet: Set<string>; platformSet: Set<string> }>();
  for (const q of questions) {
    const text = printable(q.text);
    // a question of nothing but stop words normalises to ""; group those by their wording
    const key = q.normalised.trim() || text.toLowerCase();
    let group = groups.get(key);
    if (!group) {
      group = { normalised: key, count: 0, example: text, langs: [], platforms: [], firstAt: q.at, lastAt: q.at, langSet: new Set(), platformSet: new Set() };
      groups.set(key, group);
    }
    group.count++;
    group.langSet.add(q.lang);
    group.platformSet.add(q.platform);
    if (q.at < group.firstAt) group.firstAt = q.at;
    if (q.at >= group.lastAt) {
      group.lastAt = q.at;
      group.example = text;
    }
  }
  return [...groups.values()]
    .map(({ langSet, platformSet, ...g }) => ({ ...g, langs: [...langSet].sort(), platforms: [...platformSet].sort() }))
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || a.normalised.localeCompare(b.normalised));
}

export interface FactReport extends FactStats {
  summary?: string;
  /** 👍 / (👍 + 👎), or null before anyone rated it. */
  helpfulRatio: number | null;
  /** false for ids in the database that the current fact base no longer has. */
  inFactBase: boolean;
}

/** Stats for every fact the store knows plus every fact in the base (never asked = zeros). */
export function factReport(stats: readonly FactStats[], facts: ReadonlyArray<{ id: string; summary: string }> | undefined): FactReport[] {
  const summaries = new Map(facts?.map((f) => [f.id, f.summary]));
  const rows: FactReport[] = stats.map((s) => ({
    factId: s.factId,
    answers: Number(s.answers),
    helpful: Number(s.helpful),
    unhelpful: Number(s.unhelpful),
    helpfulRatio: ratio(Number(s.helpful), Number(s.unhelpful)),
    inFactBase: facts === undefined || summaries.has(s.factId),
    ...(summaries.has(s.factId) ? { summary: summaries.get(s.factId)! } : {}),
  }));
  const seen = new Set(rows.map((r) => r.factId));
  for (const f of facts ?? []) {
    if (!seen.has(f.id)) rows.push({ factId: f.id, answers: 0, helpful: 0, unhelpful: 0, helpfulRatio: null, inFactBase: true, summary: f.summary });
  }
  return rows.sort((a, b) => b.answers - a.answers || b.helpful + b.unhelpful - (a.helpful + a.unhelpful) || a.factId.localeCompare(b.factId));
}

function ratio(helpful: number, unhelpful: number): number | null {
  return helpful + unhelpful === 0 ? null : Math.round((helpful / (helpful + unhelpful)) * 1000) / 1000;
}

/** Stored questions are user text: strip control characters (terminal escapes) and cap the length. */
function printable(text: string, max = 160): string {
  const clean = cleanText(text);
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

const isoMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

// ---- the commands ------------------------------------------------------------

interface UnansweredOptions {
  since: number;
  top: number;
  json: boolean;
  workspace?: string;
}

export function parseUnansweredArgs(args: string[], now: number): UnansweredOptions {
  const { values } = parseFlags(args, {
    since: { type: 'string', default: '7d' },
    top: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
    ...WORKSPACE_FLAG,
  });
  const workspace = parseWorkspace(values.workspace);
  return {
    since: parseSince(values.since as string, now),
    top: parseTop(values.top as string),
    json: values.json === true,
    ...(workspace ? { workspace } : {}),
  };
}

/** The fact the bot finds nearest a question it declined, with the file a curator edits. */
interface Nearest {
  factId: string;
  file: string;
}

/** For each declined question, the fact it came closest to: where a curator adds it (as a question variant or a near miss). */
function nearestFacts(knowledgeDir: string | undefined): ((question: string) => Nearest | undefined) | undefined {
  try {
    const facts = loadFacts(knowledgeDir);
    const files = new Map(facts.map((f) => [f.id, `knowledge/${f.category}.json`]));
    const feud = createFeud(facts);
    return (question) => {
      const factId = feud.nearestFact(question);
      return factId ? { factId, file: files.get(factId) ?? 'knowledge/' } : undefined;
    };
  } catch {
    return undefined;
  }
}

const CURATOR_HINT = [
  '',
  'To curate: if the article answers a question, add it to that fact\'s "questions" (en or ko); if it does not,',
  'add it to the nearest fact\'s "nearMisses", so the bot says what the article does not say instead of guessing.',
  'Then run npm run fit (the decision model is fitted on those lists) and npm run eval.',
];

async function unanswered(
  store: Store,
  { since, top, json, workspace }: UnansweredOptions,
  stdout: NonNullable<CurationIo['stdout']>,
  knowledgeDir?: string,
): Promise<number> {
  const questions = await store.listUnanswered(since, workspace);
  const groups = groupUnanswered(questions);
  const shown = groups.slice(0, top);
  const nearest = shown.length > 0 ? nearestFacts(knowledgeDir) : undefined;
  if (json) {
    stdout.write(
      `${JSON.stringify({ since: new Date(since).toISOString(), total: questions.length, distinct: groups.length, groups: shown.map((g) => ({ ...g, firstAt: new Date(g.firstAt).toISOString(), lastAt: new Date(g.lastAt).toISOString(), nearestFact: nearest?.(g.example)?.factId ?? null })) })}\n`,
    );
    return 0;
  }
  const out: string[] = [
    `Unanswered questions since ${isoMinute(since)} UTC: ${questions.length} asked, ${groups.length} distinct${groups.length > top ? ` (top ${top} shown)` : ''}.`,
  ];
  if (questions.length === 0) out.push('Nothing to curate (or FEUD_LOG_QUESTIONS is off).');
  const width = String(shown[0]?.count ?? 1).length;
  for (const g of shown) {
    out.push(`${String(g.count).padStart(width)}× ${g.example}`);
    out.push(`${' '.repeat(width + 2)}${g.langs.join(',')} · ${g.platforms.join(',')} · last ${isoMinute(g.lastAt)} · normalised: ${g.normalised}`);
    const near = nearest?.(g.example);
    if (near) out.push(`${' '.repeat(width + 2)}nearest fact: ${near.factId} (${near.file})`);
  }
  if (shown.length > 0) out.push(...CURATOR_HINT);
  stdout.write(`${out.join('\n')}\n`);
  return 0;
}

async function stats(
  store: Store,
  json: boolean,
  workspace: string | undefined,
  io: Required<Pick<CurationIo, 'stdout' | 'stderr'>>,
  knowledgeDir: string | undefined,
): Promise<number> {
  let facts: Array<{ id: string; summary: string }> | undefined;
  try {
    facts = loadFacts(knowledgeDir).map((f) => ({ id: f.id, summary: f.summary.en }));
  } catch (err) {
    io.stderr.write(`feud: could not load the fact base, showing ids only: ${(err as Error).message}\n`);
  }
  const rows = factReport(await store.factStats(workspace), facts);
  const answers = rows.reduce((n, r) => n + r.answers, 0);
  const abstentions = (await store.listUnanswered(0, workspace)).length;
  const helpful = rows.reduce((n, r) => n + r.helpful, 0);
  const unhelpful = rows.reduce((n, r) => n + r.unhelpful, 0);
  if (json) {
    io.stdout.write(`${JSON.stringify({ answers, abstentions, helpful, unhelpful, helpfulRatio: ratio(helpful, unhelpful), facts: rows })}\n`);
    return 0;
  }
  const asked = answers + abstentions;
  const out = [
    `Answered ${answers}, abstained ${abstentions}${asked > 0 ? ` (${Math.round((abstentions / asked) * 100)}% not answered)` : ''}; 👍 ${helpful}, 👎 ${unhelpful}${ratio(helpful, unhelpful) !== null ? ` (${percent(ratio(helpful, unhelpful))} helpful)` : ''}.`,
    'Abstentions count questions logged while FEUD_LOG_QUESTIONS was on.',
    '',
    `${'answers'.padStart(7)} ${'👍'.padStart(5)} ${'👎'.padStart(5)} ${'helpful'.padStart(7)}  fact`,
  ];
  for (const r of rows) {
    const label = r.summary ? `${r.factId} — ${printable(r.summary, 70)}` : r.factId;
    out.push(
      `${String(r.answers).padStart(7)} ${String(r.helpful).padStart(5)} ${String(r.unhelpful).padStart(5)} ${percent(r.helpfulRatio).padStart(7)}  ${label}${r.inFactBase ? '' : ' (no longer in the fact base)'}`,
    );
  }
  if (unhelpful > 0) {
    out.push(
      '',
      '👎 on a fact usually means it answered a question it does not hold: add such questions to its "nearMisses"',
      'in knowledge/<category>.json (or fix its answer), then run npm run fit and npm run eval.',
    );
  }
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

type FlagSpec = Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;

function parseFlags(args: string[], options: FlagSpec): { values: Record<string, string | boolean | undefined> } {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return { values };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // node:util's messages name the flag ("Unknown option '--sinse'", "Option '--top <value>' argument missing")
    throw new UsageError((err as Error).message.split('. ')[0]!);
  }
}

/** Run one curation command; returns the process exit code (0 ok, 1 no database or unreadable, 2 bad flags). */
export async function curationReport(command: CurationCommand, args: string[], io: CurationIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const now = io.now ?? Date.now;
  let env = io.env;
  if (!env) {
    loadDotEnv();
    env = environment();
  }
  let options: { unanswered?: UnansweredOptions; json: boolean; workspace?: string | undefined };
  try {
    if (command === 'unanswered') {
      const unansweredOptions = parseUnansweredArgs(args, now());
      options = { unanswered: unansweredOptions, json: unansweredOptions.json };
    } else {
      const { values } = parseFlags(args, { json: { type: 'boolean', default: false }, ...WORKSPACE_FLAG });
      options = { json: values.json === true, workspace: parseWorkspace(values.workspace) };
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    stderr.write(`feud ${command}: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    // only the variables this needs, so a half-configured .env does not block a report
    config = loadConfig({ FEUD_DB_PATH: env.FEUD_DB_PATH, FEUD_KNOWLEDGE_DIR: env.FEUD_KNOWLEDGE_DIR, DATABASE_URL: env.DATABASE_URL });
  } catch (err) {
    for (const line of configErrorLines('feud', err)) stderr.write(`${line}\n`);
    return 2;
  }
  const dbPath = config.FEUD_DB_PATH;
  if (!config.DATABASE_URL && !existsSync(dbPath)) {
    stderr.write(`feud: no database at ${dbPath} yet. The bot creates it the first time it starts (npm start); set FEUD_DB_PATH if it lives elsewhere.\n`);
    return 1;
  }
  let store: Store;
  try {
    store = await openConfiguredStore({ ...config, FEUD_DB_POOL_SIZE: 1 }, { readonly: true });
  } catch (err) {
    stderr.write(`feud: could not open the database: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    return options.unanswered
      ? await unanswered(store, options.unanswered, stdout, config.FEUD_KNOWLEDGE_DIR)
      : await stats(store, options.json, options.workspace, { stdout, stderr }, config.FEUD_KNOWLEDGE_DIR);
  } finally {
    await store.close();
  }
}
