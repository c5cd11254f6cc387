/**
 * The built-in fact base as the build prepares it (dist/knowledge.json): its facts and topic already
 * validated, and the matcher's reading of them (FactReading in src/core/matcher.ts), so that a start
 * neither validates the facts nor normalises their thousands of texts again.
 *
 * It is used only by the code of the build that wrote it (a build id compiled into the bundle and
 * written into the file), and only for a knowledge folder whose *.json files are byte for byte those it
 * was made from. Anything else (running from src/, another build, an edited or another folder) loads the
 * folder as usual, so a stale file can cost time but never change an answer.
 */
import { readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DEFAULT_WEIGHTS, type FactReading, readFacts } from '../core/matcher.ts';
import { Normaliser } from '../core/normalise.ts';
import { BUILT_IN_KNOWLEDGE_DIR, loadKnowledge, PACKAGE_ROOT } from './load.ts';
import type { Fact } from './schema.ts';
import type { Topic } from './topic.ts';

/** Set by scripts/build.mjs (esbuild's define) to a new id for each build; absent when running from src/. */
declare const __FEUD_BUILD_ID__: string | undefined;

export const PREPARED_FILE = 'knowledge.json';
/**
 * The same for the last folder other than the built-in one that a start of this build loaded (FEUD_KNOWLEDGE_DIR):
 * written by that start, used by the next ones while the folder's files stay as they were. One file, not one per
 * folder, so folders come and go without filling dist/; a bot serves one folder, and a miss costs time, not answers.
 */
export const OWN_PREPARED_FILE = 'knowledge.own.json';
const FORMAT = 3;

export interface Knowledge {
  /** With a reading, without their near misses' texts: only the matcher reads those, and the reading holds their terms. */
  facts: Fact[];
  topic: Topic;
  /** The facts as the matcher reads them, when prepared by the build (pass to createFeud). */
  reading?: FactReading;
}

interface PreparedFile {
  format: number;
  build: string;
  /** knowledgeHash() of the folder it was made from, */
  knowledge: string;
  /** and its files' sizes and times (knowledgeStats()), to skip the hash while they hold. */
  files: Record<string, [size: number, mtimeMs: number]>;
  facts: Fact[];
  topic: Topic;
  reading: FactReading;
}

const jsonFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

/** A hash of a knowledge folder's *.json files: their names and contents, in name order. */
export function knowledgeHash(dir: string): string {
  // node:crypto takes ~10 ms to load: only a start whose files' times changed pays for it
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const hash = createHash('sha256');
  for (const name of jsonFiles(dir))
    hash
      .update(`${name}\0`)
      .update(readFileSync(join(dir, name)))
      .update('\0');
  return hash.digest('hex');
}

/** Each *.json file of a folder with its size and modification time. */
function knowledgeStats(dir: string): Record<string, [number, number]> {
  return Object.fromEntries(
    jsonFiles(dir).map((name) => {
      const { size, mtimeMs } = statSync(join(dir, name));
      return [name, [size, mtimeMs]];
    }),
  );
}

/** Files of the same names, sizes and times: taken as the same files without reading them. */
function sameStats(a: Record<string, [number, number]>, b: Record<string, [number, number]>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((n) => b[n]?.[0] === a[n]![0] && b[n]?.[1] === a[n]![1]);
}

/** Load, validate and read a knowledge folder for the build `build`: the file's contents, and what a start takes from it. */
function prepareKnowledge(build: string, dir: string): { prepared: PreparedFile; knowledge: Required<Knowledge> } {
  // the files' hash and times before they are read: files edited meanwhile then fail the check next time, never pass it
  const hash = knowledgeHash(dir);
  const files = knowledgeStats(dir);
  const { facts, topic } = loadKnowledge(dir);
  const reading = readFacts(facts, new Normaliser(topic), DEFAULT_WEIGHTS);
  // thousands of near-miss texts a start would parse and keep for nothing: their terms are in the reading
  const lean = facts.map(({ nearMisses: _, ...fact }) => fact);
  return { prepared: { format: FORMAT, build, knowledge: hash, files, facts: lean, topic, reading }, knowledge: { facts, topic, reading } };
}

/** Written whole under another name, then renamed: a start reading it meanwhile finds the old file or the new one. */
function writeWhole(file: string, prepared: PreparedFile): void {
  const scratch = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(scratch, JSON.stringify(prepared));
    renameSync(scratch, file);
  } finally {
    rmSync(scratch, { force: true });
  }
}

/** Load, validate and read a knowledge folder, and write all of it to `file` for the build `build`. */
export function writePreparedKnowledge(file: string, build: string, dir: string = BUILT_IN_KNOWLEDGE_DIR): void {
  writeWhole(file, prepareKnowledge(build, dir).prepared);
}

/** The prepared knowledge in `file` when it was written by build `build` from exactly the folder `dir` as it is now. */
export function readPreparedKnowledge(file: string, build: string, dir: string): Required<Knowledge> | undefined {
  let prepared: PreparedFile;
  try {
    prepared = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (prepared?.format !== FORMAT || prepared.build !== build) return undefined;
  try {
    if (!sameStats(prepared.files ?? {}, knowledgeStats(dir)) && prepared.knowledge !== knowledgeHash(dir)) return undefined;
  } catch {
    return undefined; // an unreadable folder: the usual loader says why
  }
  return { facts: prepared.facts, topic: prepared.topic, reading: prepared.reading };
}

/**
 * A knowledge folder (the built-in one by default) for a start: prepared by the build when the running
 * bundle's own file matches the folder; another folder, prepared by an earlier start of this bundle
 * (OWN_PREPARED_FILE), or else loaded, validated and read now and written there for the next start. Running
 * from src/ (no build id), a folder is loaded and validated as usual (and read later by the matcher).
 */
export function loadKnowledgeForStart(
  dir: string = BUILT_IN_KNOWLEDGE_DIR,
  build: string | undefined = typeof __FEUD_BUILD_ID__ === 'string' ? __FEUD_BUILD_ID__ : undefined,
  distDir: string = join(PACKAGE_ROOT, 'dist'),
): Knowledge {
  if (!build) return loadKnowledge(dir);
  const prepared = readPreparedKnowledge(join(distDir, PREPARED_FILE), build, dir);
  if (prepared) return prepared;
  if (sameFolder(dir, BUILT_IN_KNOWLEDGE_DIR)) return loadKnowledge(dir);
  const own = join(distDir, OWN_PREPARED_FILE);
  const earlier = readPreparedKnowledge(own, build, dir);
  if (earlier) return earlier;
  const { prepared: file, knowledge } = prepareKnowledge(build, dir);
  try {
    writeWhole(own, file);
  } catch {
    // a dist/ this process may not write: every start reads the folder itself, as from src/
  }
  return knowledge;
}

function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
