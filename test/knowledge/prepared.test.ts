/**
 * The fact base as the build prepares it (src/knowledge/prepared.ts): a matcher given the stored
 * reading answers exactly as one that reads the facts itself, and a stored file is used only by its
 * own build and only for the very files it was made from.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeud } from '../../src/core/feud.ts';
import { DEFAULT_WEIGHTS, type FactReading, Matcher, readFacts } from '../../src/core/matcher.ts';
import { Normaliser } from '../../src/core/normalise.ts';
import { BUILT_IN_KNOWLEDGE_DIR, KnowledgeError, loadKnowledge } from '../../src/knowledge/load.ts';
import { loadKnowledgeForStart, OWN_PREPARED_FILE, readPreparedKnowledge, writePreparedKnowledge } from '../../src/knowledge/prepared.ts';

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

describe('a start of a build, on a folder of its own', () => {
  /** A copy of the built-in folder, and an empty dist/ for build "b1". */
  function setUp(): { folder: string; dist: string; own: string } {
    const folder = join(scratch(), 'knowledge');
    cpSync(BUILT_IN_KNOWLEDGE_DIR, folder, { recursive: true });
    const dist = scratch();
    return { folder, dist, own: join(dist, OWN_PREPARED_FILE) };
  }
  const asked = ['who founded openai', '오픈AI는 누가 설립했어?', 'how much did musk bid', 'stargte 투자 얼마', "what's the weather"];
  const answers = (k: ReturnType<typeof loadKnowledgeForStart>) => {
    const feud = createFeud(k.facts, { topic: k.topic, reading: k.reading });
    return asked.map((q) => feud.ask(q));
  };

  it('prepares the folder at the first start, and the next start takes it from that file, answering alike', () => {
    const { folder, dist, own } = setUp();
    const first = loadKnowledgeForStart(folder, 'b1', dist);
    expect(first.reading).toBeDefined();
    expect(existsSync(own)).toBe(true);
    const next = loadKnowledgeForStart(folder, 'b1', dist);
    expect(next).toEqual(readPreparedKnowledge(own, 'b1', folder));
    const loaded = loadKnowledge(folder);
    const fromFolder = createFeud(loaded.facts, { topic: loaded.topic });
    expect(answers(first)).toEqual(asked.map((q) => fromFolder.ask(q)));
    expect(answers(next)).toEqual(answers(first));
  });

  it('prepares it again once a fact file is edited, or for another build', () => {
    const { folder, dist, own } = setUp();
    loadKnowledgeForStart(folder, 'b1', dist);
    const path = join(folder, 'origins.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('December 2015', 'December 2016'));
    expect(JSON.stringify(loadKnowledgeForStart(folder, 'b1', dist).facts)).toContain('December 2016');
    expect(JSON.stringify(readPreparedKnowledge(own, 'b1', folder)?.facts)).toContain('December 2016');
    expect(readPreparedKnowledge(own, 'b2', folder)).toBeUndefined();
    loadKnowledgeForStart(folder, 'b2', dist);
    expect(readPreparedKnowledge(own, 'b2', folder)).toBeDefined();
  });

  it('writes nothing when running from the sources, and still starts when dist/ cannot be written', () => {
    const { folder, dist, own } = setUp();
    expect(loadKnowledgeForStart(folder, undefined, dist).reading).toBeUndefined();
    expect(existsSync(own)).toBe(false);
    // a file where the folder should be: nothing can be written under it
    const blocked = join(dist, 'not-a-folder');
    writeFileSync(blocked, '');
    const k = loadKnowledgeForStart(folder, 'b1', blocked);
    expect(k.facts).toHaveLength(loadKnowledge(folder).facts.length);
    expect(statSync(blocked).size).toBe(0);
  });

  it('reports a broken fact file as the loader does, and writes nothing for it', () => {
    const { folder, dist, own } = setUp();
    writeFileSync(join(folder, 'broken.json'), '{"facts": [{"id": "x"}]}');
    expect(() => loadKnowledgeForStart(folder, 'b1', dist)).toThrow(KnowledgeError);
    expect(existsSync(own)).toBe(false);
  });
});
