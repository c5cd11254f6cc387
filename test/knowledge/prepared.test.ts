/**
 * The fact base as the build prepares it (src/knowledge/prepared.ts): a matcher given the stored
 * reading answers exactly as one that reads the facts itself, and a stored file is used only by its
 * own build and only for the very files it was made from.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeud } from '../../src/core/feud.ts';
import { DEFAULT_WEIGHTS, type FactReading, Matcher, readFacts } from '../../src/core/matcher.ts';
import { Normaliser } from '../../src/core/normalise.ts';
import { BUILT_IN_KNOWLEDGE_DIR, loadKnowledge } from '../../src/knowledge/load.ts';
import { readPreparedKnowledge, writePreparedKnowledge } from '../../src/knowledge/prepared.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'feud-prepared-'));
  dirs.push(dir);
  return dir;
};

/** Every question of the evaluation sets, and a few odd ones (typos, a quote, a follow-up's words). */
function questions(): string[] {
  const sets = ['questions', 'dev', 'holdout-tune', 'holdout-test'].flatMap(
    (name) => JSON.parse(readFileSync(join(import.meta.dirname, `../../bench/eval/${name}.json`), 'utf8')) as { q: string }[],
  );
  return [...sets.map((s) => s.q), 'stargte 투자 얼마', '콜로서수', 'how did I not know', 'grock 2', 'when was that?', 'Claude 3 vs grok'];
}

describe('a matcher from a stored reading', () => {
  const { facts, topic } = loadKnowledge();

  it('matches every question exactly as a matcher that reads the facts itself', () => {
    const stored: FactReading = JSON.parse(JSON.stringify(readFacts(facts, new Normaliser(topic), DEFAULT_WEIGHTS)));
    const reading = new Matcher(facts, { topic });
    const replayed = new Matcher(facts, { topic, reading: stored });
    const asked = questions();
    expect(asked.length).toBeGreaterThan(500);
    for (const q of asked) expect(replayed.match(q), q).toEqual(reading.match(q));
    const fromReading = createFeud(facts, { topic });
    const fromStored = createFeud(facts, { topic, reading: stored });
    for (const q of asked) expect(fromStored.ask(q), q).toEqual(fromReading.ask(q));
    expect(fromStored.suggest('who fo', 'en')).toEqual(fromReading.suggest('who fo', 'en'));
  });

  it('refuses a reading of other facts or other weights', () => {
    const reading = readFacts(facts, new Normaliser(topic), DEFAULT_WEIGHTS);
    expect(() => new Matcher(facts.slice(1), { topic, reading })).toThrow(/cannot index/);
    expect(() => new Matcher(facts, { topic, reading, weights: { answer: 0.5 } })).toThrow(/cannot index/);
  });
});

describe('the prepared file', () => {
  /** A copy of the built-in folder and a prepared file made from it by build "b1". */
  function prepared(): { folder: string; file: string } {
    const folder = join(scratch(), 'knowledge');
    cpSync(BUILT_IN_KNOWLEDGE_DIR, folder, { recursive: true });
    const file = join(scratch(), 'knowledge.json');
    writePreparedKnowledge(file, 'b1', folder);
    return { folder, file };
  }

  it('holds the folder as loaded, for its own build', () => {
    const { folder, file } = prepared();
    const got = readPreparedKnowledge(file, 'b1', folder);
    const loaded = loadKnowledge(folder);
    // all but the near misses' texts, which only the matcher reads: their terms are in the reading
    expect(got?.facts).toEqual(loaded.facts.map(({ nearMisses: _, ...fact }) => fact));
    expect(got?.topic).toEqual(loaded.topic);
    expect(got?.reading.facts).toHaveLength(loaded.facts.length);
  });

  it('answers every question as the folder itself does', () => {
    const { folder, file } = prepared();
    const got = readPreparedKnowledge(file, 'b1', folder)!;
    const loaded = loadKnowledge(folder);
    const fromFile = createFeud(got.facts, { topic: got.topic, reading: got.reading });
    const fromFolder = createFeud(loaded.facts, { topic: loaded.topic });
    for (const q of questions()) expect(fromFile.ask(q), q).toEqual(fromFolder.ask(q));
  });

  it('is not used by another build', () => {
    const { folder, file } = prepared();
    expect(readPreparedKnowledge(file, 'b2', folder)).toBeUndefined();
  });

  it('is not used once a fact file is edited, added or removed', () => {
    const edited = prepared();
    const path = join(edited.folder, 'origins.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('December 2015', 'December 2016'));
    expect(readPreparedKnowledge(edited.file, 'b1', edited.folder)).toBeUndefined();
    expect(JSON.stringify(loadKnowledge(edited.folder).facts)).toContain('December 2016');

    const added = prepared();
    writeFileSync(join(added.folder, 'extra.json'), '{"facts": []}');
    expect(readPreparedKnowledge(added.file, 'b1', added.folder)).toBeUndefined();

    const removed = prepared();
    rmSync(join(removed.folder, 'insults.json'));
    expect(readPreparedKnowledge(removed.file, 'b1', removed.folder)).toBeUndefined();
  });

  it('is not used for an edit that keeps the size, even with the old time put back', () => {
    const { folder, file } = prepared();
    const path = join(folder, 'origins.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('December 2015', 'December 2016'));
    // same size; another time than recorded, so the contents are compared by hash
    utimesSync(path, new Date(0), new Date(0));
    expect(readPreparedKnowledge(file, 'b1', folder)).toBeUndefined();
  });

  it('is still used when a file is touched but unchanged (its hash is the same)', () => {
    const { folder, file } = prepared();
    utimesSync(join(folder, 'origins.json'), new Date(0), new Date(0));
    expect(readPreparedKnowledge(file, 'b1', folder)).toBeDefined();
  });

  it('is not used when missing or garbled', () => {
    const { folder, file } = prepared();
    writeFileSync(file, '{"format": 1, "build": "b1"');
    expect(readPreparedKnowledge(file, 'b1', folder)).toBeUndefined();
    expect(readPreparedKnowledge(join(scratch(), 'none.json'), 'b1', folder)).toBeUndefined();
  });
});
