import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInNormaliser } from '../../src/core/normalise.ts';
import { openConnection } from '../../src/store/sqlite-connection.ts';

const normalise = (text: string) => builtInNormaliser().normalise(text);

import type { Lang } from '../../src/core/reply.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { CurationEntry, Store } from '../../src/store/store.ts';
import { runTsx } from '../helpers/spawn.ts';

const DAY = 86_400_000;
let dir: string;
let dbPath: string;
let knowledgeDir: string;
let store: Store;
const entries: CurationEntry[] = [];

/** A minimal valid fact for a fixture fact base, so the report's summaries do not depend on the real one. */
function fixtureFact(id: string, summary: string) {
  const four = (s: string) => [1, 2, 3, 4].map((i) => `${s} ${i}`);
  return {
    id,
    category: 'origins',
    claimant: 'article',
    answer: { en: `${summary}.`, ko: `${summary} (ko).` },
    summary: { en: summary, ko: `${summary} (ko)` },
    questions: { en: four(`question about ${id}`), ko: four(`${id}에 대한 질문`) },
    keywords: { en: [id], ko: [id] },
    quote: '인용',
  };
}

function ask(text: string, lang: Lang, platform: string, at: number): void {
  // what the conversation stores for an abstained question
  entries.push({ type: 'unanswered', question: { text, normalised: normalise(text).words.join(' '), lang, platform, at } });
}

const run = (args: string[], env: Record<string, string> = {}) =>
  runTsx('src/cli.ts', args, { env: { FEUD_DB_PATH: dbPath, FEUD_KNOWLEDGE_DIR: knowledgeDir, ...env }, timeoutMs: 15_000 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'feud-curation-'));
  dbPath = join(dir, 'feud.db');
  knowledgeDir = join(dir, 'knowledge');
  mkdirSync(knowledgeDir);
  writeFileSync(
    join(knowledgeDir, 'fixture.json'),
    JSON.stringify({ facts: [fixtureFact('alpha-fact', 'Alpha happened'), fixtureFact('beta-fact', 'Beta happened')] }),
  );

  store = await openSqliteStore(dbPath);
  const now = Date.now();
  // within the last week
  ask("What is Sam Altman's net worth?", 'en', 'slack', now - 3 * DAY);
  ask("what's sam altman's net worth", 'en', 'discord', now - 2 * DAY);
  ask("What is Sam Altman's net worth??", 'en', 'slack', now - 1 * DAY);
  ask('샘 올트먼 재산은 얼마야?', 'ko', 'discord', now - 2 * DAY);
  ask('샘 올트먼 재산은 얼마야', 'ko', 'discord', now - DAY / 2);
  ask('is grok better than chatgpt', 'en', 'slack', now - DAY);
  ask('clear my screen \u001b[2J\u001b[31mred\u0007 please', 'en', 'slack', now - DAY / 4);
  // older than a week
  for (let i = 0; i < 5; i++) ask('who won the 2016 election', 'en', 'slack', now - (10 + i) * DAY);

  for (let i = 0; i < 4; i++) entries.push({ type: 'answer', factId: 'alpha-fact', platform: i % 2 ? 'slack' : 'discord', at: now });
  const feedback = (factId: string, helpful: boolean, platform: string) => entries.push({ type: 'feedback', factId, helpful, platform, at: now });
  feedback('alpha-fact', true, 'slack');
  feedback('alpha-fact', true, 'slack');
  feedback('alpha-fact', true, 'discord');
  feedback('alpha-fact', false, 'discord');
  entries.push({ type: 'answer', factId: 'retired-fact', platform: 'slack', at: now });
  feedback('retired-fact', false, 'slack');
  await store.recordCuration(entries);
  // the store stays open, as a running bot's would: the report must read beside it
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run feud -- unanswered', () => {
  it('groups variants of one question by their normalised form (precondition of the fixtures)', () => {
    const forms = ["What is Sam Altman's net worth?", "what's sam altman's net worth", "What is Sam Altman's net worth??"].map((t) =>
      normalise(t).words.join(' '),
    );
    expect(new Set(forms).size).toBe(1);
    expect(normalise('샘 올트먼 재산은 얼마야?').words).toEqual(normalise('샘 올트먼 재산은 얼마야').words);
  });

  it('lists the last 7 days grouped, most asked first, with an example, languages and platforms', async () => {
    const { code, stdout, stderr } = await run(['unanswered', '--since', '7d', '--top', '5']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/7 asked, 4 distinct/);
    const lines = stdout.split('\n');
    const countLines = lines.filter((l) => /^\s*\d+× /.test(l));
    expect(countLines.map((l) => l.trim().split('×')[0])).toEqual(['3', '2', '1', '1']);
    // the most recent wording is the example
    expect(countLines[0]).toContain("What is Sam Altman's net worth??");
    expect(countLines[1]).toContain('샘 올트먼 재산은 얼마야');
    expect(lines[lines.indexOf(countLines[0]!) + 1]).toMatch(/en · discord,slack · last /);
    expect(lines[lines.indexOf(countLines[1]!) + 1]).toMatch(/ko · discord · last /);
    // older than a week
    expect(stdout).not.toContain('2016 election');
  });

  it('points the curator at the nearest fact and the file to add a question variant or a near miss to', async () => {
    // with the built-in facts, which share words with these questions
    const { stdout } = await run(['unanswered'], { FEUD_KNOWLEDGE_DIR: '' });
    const lines = stdout.split('\n');
    const netWorth = lines.findIndex((l) => l.includes("What is Sam Altman's net worth??"));
    expect(lines.slice(netWorth, netWorth + 4).join('\n')).toMatch(/nearest fact: [a-z0-9-]+ \(knowledge\/[a-z-]+\.json\)/);
    expect(stdout).toMatch(/add it to the nearest fact's "nearMisses"/);
    const json = JSON.parse((await run(['unanswered', '--json'], { FEUD_KNOWLEDGE_DIR: '' })).stdout);
    expect(json.groups.some((g: { nearestFact: string | null }) => typeof g.nearestFact === 'string')).toBe(true);
  });

  it('never prints terminal escape or control characters from stored questions', async () => {
    const { stdout } = await run(['unanswered']);
    expect(stdout).toContain('clear my screen');
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it('honours --top and a longer --since', async () => {
    const top1 = await run(['unanswered', '--top', '1']);
    expect(top1.code).toBe(0);
    expect(top1.stdout.split('\n').filter((l) => /^\s*\d+× /.test(l))).toHaveLength(1);
    expect(top1.stdout).toMatch(/\(top 1 shown\)/);

    const month = await run(['unanswered', '--since', '30d', '--json']);
    expect(month.code).toBe(0);
    const report = JSON.parse(month.stdout);
    expect(report).toMatchObject({ total: 12, distinct: 5 });
    expect(report.groups[0]).toMatchObject({ count: 5, example: 'who won the 2016 election', langs: ['en'], platforms: ['slack'] });
    expect(report.groups[1]).toMatchObject({ count: 3, langs: ['en'], platforms: ['discord', 'slack'] });
    expect(report.groups[2]).toMatchObject({ count: 2, langs: ['ko'], platforms: ['discord'] });
  });

  it.each([
    [['--since', '7 days'], /--since: expected a duration like 30m, 24h, 7d/],
    [['--since', 'yesterday'], /--since/],
    [['--top', '0'], /--top: expected a whole number from 1 to 10000/],
    [['--top', 'many'], /--top/],
    [['--sinse', '7d'], /--sinse/],
    [['--top'], /--top/],
    [['extra'], /unexpected argument "extra"/],
  ])('rejects %j with a clear message and exit code 2', async (args, message) => {
    const { code, stdout, stderr } = await run(['unanswered', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/usage:/);
  });

  it('says where the database should be when it does not exist, without creating it', async () => {
    const missing = join(dir, 'nowhere', 'feud.db');
    const { code, stderr } = await run(['unanswered'], { FEUD_DB_PATH: missing });
    expect(code).toBe(1);
    expect(stderr).toContain(`no database at ${missing} yet`);
    expect(stderr).toContain('FEUD_DB_PATH');
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});

describe('opening the database', () => {
  it('refuses a database the bot has not migrated yet, and leaves it untouched', async () => {
    const stale = join(dir, 'stale.db');
    openConnection(stale).close();
    const { code, stderr } = await run(['stats'], { FEUD_DB_PATH: stale });
    expect(code).toBe(1);
    expect(stderr).toMatch(/could not open .*stale\.db: the database has schema version 0, older than this bot's \d+; start the bot once to upgrade it/);
    const db = openConnection(stale, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
  });
});

describe('npm run feud -- stats', () => {
  it('shows answers and helpfulness per fact, facts never asked, and the abstentions total', async () => {
    const { code, stdout, stderr } = await run(['stats']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Answered 5, abstained 12 \(71% not answered\); 👍 3, 👎 2 \(60% helpful\)/);
    const row = (id: string) => stdout.split('\n').find((l) => l.includes(` ${id}`)) ?? '';
    expect(row('alpha-fact')).toMatch(/^\s+4\s+3\s+1\s+75%\s+alpha-fact — Alpha happened$/);
    expect(row('beta-fact')).toMatch(/^\s+0\s+0\s+0\s+—\s+beta-fact — Beta happened$/);
    expect(row('retired-fact')).toMatch(/^\s+1\s+0\s+1\s+0%\s+retired-fact \(no longer in the fact base\)$/);
    // most answered first
    expect(stdout.indexOf('alpha-fact')).toBeLessThan(stdout.indexOf('retired-fact'));
    expect(stdout.indexOf('retired-fact')).toBeLessThan(stdout.indexOf('beta-fact'));
  });

  it('prints the same as JSON', async () => {
    const { code, stdout } = await run(['stats', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ answers: 5, abstentions: 12, helpful: 3, unhelpful: 2, helpfulRatio: 0.6 });
    expect(report.facts.find((f: { factId: string }) => f.factId === 'alpha-fact')).toEqual({
      factId: 'alpha-fact',
      answers: 4,
      helpful: 3,
      unhelpful: 1,
      helpfulRatio: 0.75,
      inFactBase: true,
      summary: 'Alpha happened',
    });
  });

  it('rejects unknown flags with exit code 2', async () => {
    const { code, stderr } = await run(['stats', '--top', '3']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--top/);
  });
});

describe('one workspace of an app installed in many (--workspace)', () => {
  it('reports only that workspace’s answers and unanswered questions; a malformed id is refused', async () => {
    const own = join(dir, 'workspaces.db');
    const db = await openSqliteStore(own);
    const now = Date.now();
    await db.recordCuration([
      { type: 'answer', factId: 'alpha-fact', platform: 'slack', at: now, workspace: 'T0ALPHA' },
      { type: 'answer', factId: 'alpha-fact', platform: 'slack', at: now, workspace: 'T0BETA' },
      { type: 'answer', factId: 'beta-fact', platform: 'slack', at: now, workspace: 'T0BETA' },
      { type: 'unanswered', question: { text: 'what about the weather', normalised: 'weather', lang: 'en', platform: 'slack', at: now, workspace: 'T0ALPHA' } },
      { type: 'unanswered', question: { text: 'who won the match', normalised: 'won match', lang: 'en', platform: 'slack', at: now, workspace: 'T0BETA' } },
    ]);
    await db.close();
    const env = { FEUD_DB_PATH: own };
    const alpha = JSON.parse((await run(['stats', '--workspace', 'T0ALPHA', '--json'], env)).stdout);
    expect(alpha).toMatchObject({ answers: 1, abstentions: 1 });
    const beta = await run(['unanswered', '--workspace', 'T0BETA', '--json'], env);
    expect(JSON.parse(beta.stdout).groups.map((g: { example: string }) => g.example)).toEqual(['who won the match']);
    expect(JSON.parse((await run(['stats', '--json'], env)).stdout)).toMatchObject({ answers: 3, abstentions: 2 });
    const bad = await run(['stats', '--workspace', 'general'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workspace: expected a Slack workspace id/);
  });
});
