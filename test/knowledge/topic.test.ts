/**
 * Another topic's fact base brings its own names without code changes: a knowledge folder with its own
 * topic.json is read with that topic's names, synonyms, pair, claimants and categories.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFeud } from '../../src/core/feud.ts';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/load.ts';
import { builtInTopic, TopicError } from '../../src/knowledge/topic.ts';

const topic = {
  topic: {
    about: 'Two bakeries on one street',
    categories: ['rivalry'],
    sourceCategories: [],
    claimants: { 'local-paper': { en: 'The Local Paper', ko: '지역신문', role: 'report' } },
    pair: { members: ['crumb', 'loaf'], phrases: { en: ['they', 'both bakeries'], ko: ['두 빵집'] } },
    actors: ['crumb', 'loaf'],
    names: { crumb: ['crumb bakery', 'crumb', '크럼'], loaf: ['loaf and co', 'loaf', '로프'] },
    synonyms: { feud: ['feud', 'quarrel', 'fight', '싸움'] },
  },
};

const fact = {
  id: 'crumb-sues-loaf',
  category: 'rivalry',
  date: '2024-05',
  claimant: 'local-paper',
  answer: {
    en: 'In May 2024 Crumb Bakery sued Loaf and Co over its sourdough recipe.',
    ko: '2024년 5월 크럼 베이커리는 사워도우 레시피를 두고 로프를 고소했습니다.',
  },
  summary: { en: 'Crumb sues Loaf over a sourdough recipe', ko: '크럼, 사워도우 레시피로 로프 고소' },
  questions: {
    en: ['why did crumb sue loaf', 'crumb lawsuit sourdough', 'what is the bakery quarrel about', 'did crumb take loaf to court'],
    ko: ['크럼이 로프를 왜 고소했어', '크럼 소송', '빵집 싸움 뭐야', '사워도우 레시피 소송'],
  },
  keywords: { en: ['sourdough recipe'], ko: ['사워도우'] },
  quote: '크럼 베이커리는 사워도우 레시피를 두고 로프를 고소했다',
};

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'feud-topic-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('a knowledge folder with its own topic', () => {
  it('validates its facts against its own categories and claimants, and answers with its own names', () => {
    const { facts, topic: loaded } = loadKnowledge(folder({ 'topic.json': topic, 'rivalry.json': { facts: [fact] } }));
    expect(loaded.about).toBe('Two bakeries on one street');
    const feud = createFeud(facts, { topic: loaded });
    const reply = feud.ask('why did Crumb Bakery take Loaf and Co to court?');
    expect(reply.fact?.id).toBe('crumb-sues-loaf');
    expect(reply.fact?.claimant).toBe('The Local Paper');
    // a lone name of this topic is enough to go on; the built-in topic's names mean nothing here
    expect(feud.ask('crumb').kind).toBe('answer');
    expect(feud.ask('musk').kind).toBe('abstain');
  });

  it("refuses a fact whose category or claimant is not the topic's, naming file, fact and field", () => {
    const dir = folder({ 'topic.json': topic, 'rivalry.json': { facts: [{ ...fact, claimant: 'wsj' }] } });
    let err: unknown;
    try {
      loadKnowledge(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KnowledgeError);
    expect((err as Error).message).toMatch(/rivalry\.json: fact "crumb-sues-loaf": field claimant: expected one of "local-paper"/);
  });

  it('refuses a broken topic.json, naming the file and the field', () => {
    const broken = { topic: { ...topic.topic, actors: ['crumb', 'baguette'] } };
    expect(() => loadKnowledge(folder({ 'topic.json': broken, 'rivalry.json': { facts: [fact] } }))).toThrow(TopicError);
    expect(() => loadKnowledge(folder({ 'topic.json': broken, 'rivalry.json': { facts: [fact] } }))).toThrow(
      /topic\.json: field topic\.actors: "baguette" is not one of the names/,
    );
    expect(() => loadKnowledge(folder({ 'topic.json': '{ "topic": ', 'rivalry.json': { facts: [fact] } }))).toThrow(/topic\.json.*not valid JSON/);
  });

  it('uses the built-in topic for a folder without topic.json', () => {
    const builtInFact = { ...fact, category: 'legal', claimant: 'article' };
    expect(loadKnowledge(folder({ 'legal.json': { facts: [builtInFact] } })).topic).toBe(builtInTopic());
  });
});
