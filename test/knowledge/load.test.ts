import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BUILT_IN_KNOWLEDGE_DIR, KnowledgeError, loadFacts, loadKnowledge, parseFactFile } from '../../src/knowledge/load.ts';
import * as topicModule from '../../src/knowledge/topic.ts';
import { validFact } from '../helpers/facts.ts';

const file = (facts: unknown[]) => JSON.stringify({ facts });

function errorOf(fn: () => unknown): KnowledgeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KnowledgeError) return err;
    throw err;
  }
  throw new Error('expected a KnowledgeError');
}

describe('fact files', () => {
  it('accepts a valid fact', () => {
    expect(parseFactFile('origins.json', file([validFact()]))[0]!.id).toBe('openai-founding');
  });

  it('names the file, the fact id and the field of a broken fact', () => {
    const broken = { ...validFact(), answer: { en: 'only English' } };
    const err = errorOf(() => parseFactFile('knowledge/origins.json', file([broken])));
    expect(err.message).toContain('knowledge/origins.json');
    expect(err.message).toContain('"openai-founding"');
    expect(err.message).toContain('answer.ko');
  });

  it('rejects too few question variants, impossible dates and unknown fields', () => {
    expect(errorOf(() => parseFactFile('f.json', file([{ ...validFact(), questions: { en: ['one'], ko: ['하나', '둘', '셋', '넷'] } }]))).field).toBe(
      'questions.en',
    );
    expect(errorOf(() => parseFactFile('f.json', file([{ ...validFact(), date: '2025-02-30' }]))).field).toBe('date');
    expect(errorOf(() => parseFactFile('f.json', file([{ ...validFact(), claimant: 'somebody' }]))).field).toBe('claimant');
    expect(errorOf(() => parseFactFile('f.json', file([{ ...validFact(), extra: 1 }]))).message).toMatch(/extra|Unrecognized/i);
  });

  it('names a fact without an id by its position', () => {
    const { id: _id, ...noId } = validFact();
    expect(errorOf(() => parseFactFile('f.json', file([validFact(), noId]))).message).toContain('#2');
  });

  it('reports invalid JSON and the wrong shape', () => {
    expect(errorOf(() => parseFactFile('bad.json', '{ "facts": [')).message).toMatch(/bad\.json.*not valid JSON/);
    expect(errorOf(() => parseFactFile('bad.json', '[]')).message).toMatch(/bad\.json/);
  });

  it('rejects an id used twice across files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feud-facts-'));
    writeFileSync(join(dir, 'a.json'), file([validFact()]));
    writeFileSync(join(dir, 'b.json'), file([validFact()]));
    const err = errorOf(() => loadFacts(dir));
    expect(err.message).toMatch(/b\.json.*"openai-founding".*duplicate id/);
  });

  it('names the file, the fact and the field when a related id is unknown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feud-facts-'));
    writeFileSync(join(dir, 'a.json'), file([{ ...validFact(), related: ['no-such-fact'] }]));
    const err = errorOf(() => loadFacts(dir));
    expect(err.message).toMatch(/a\.json.*"openai-founding".*field related.*"no-such-fact"/);
  });

  it('loads the built-in fact base', () => {
    const facts = loadFacts();
    expect(facts.length).toBeGreaterThanOrEqual(20);
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
  });
});

describe('a knowledge folder with its own topic', () => {
  it('has its topic read and validated once, and its facts checked against that same topic', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feud-topic-'));
    cpSync(BUILT_IN_KNOWLEDGE_DIR, dir, { recursive: true });
    const reads = vi.spyOn(topicModule, 'loadTopic');
    try {
      const { facts, topic } = loadKnowledge(dir);
      expect(facts.length).toBeGreaterThan(0);
      expect(reads).toHaveBeenCalledTimes(1);
      expect(reads.mock.results[0]?.value).toBe(topic);
    } finally {
      reads.mockRestore();
    }
  });
});
