import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plainFact } from './plain-fact.ts';
import { type Fact, FactFileSchema, factSchemaFor } from './schema.ts';
import { builtInTopic, loadTopic, TOPIC_FILE, type Topic } from './topic.ts';

/** The folder holding package.json, whether this runs from src/ or from a bundle in dist/. */
export const PACKAGE_ROOT = packageRoot(fileURLToPath(new URL('.', import.meta.url)));
/** The fact base that ships with the bot: knowledge/ at the package root. */
export const BUILT_IN_KNOWLEDGE_DIR = join(PACKAGE_ROOT, 'knowledge');

function packageRoot(from: string): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error(`no package.json in ${from} or above it`);
}

/** A broken fact file: the message names the file, the fact id and the field. */
export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly factId: string | undefined,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(`${file}${factId ? `: fact "${factId}"` : ''}${field ? `: field ${field}` : ''}: ${detail}`);
    this.name = 'KnowledgeError';
  }
}

/**
 * Load and validate every *.json fact file in a folder (sorted by name, so ids and order are stable),
 * against the folder's topic.json (or the built-in topic when it has none), or `topic` when given.
 */
export function loadFacts(dir: string = BUILT_IN_KNOWLEDGE_DIR, topic: Topic = loadTopic(dir)): Fact[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== TOPIC_FILE)
    .sort();
  if (files.length === 0) throw new KnowledgeError(dir, undefined, undefined, 'no *.json fact files in this folder');
  const facts: Fact[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const path = join(dir, name);
    const shown = relative(process.cwd(), path) || path;
    for (const fact of parseFactFile(shown, readFileSync(path, 'utf8'), topic)) {
      const other = seen.get(fact.id);
      if (other) throw new KnowledgeError(shown, fact.id, 'id', `duplicate id, already used in ${other}`);
      seen.set(fact.id, shown);
      facts.push(fact);
    }
  }
  for (const fact of facts) {
    const unknown = fact.related?.find((id) => !seen.has(id) || id === fact.id);
    if (unknown) throw new KnowledgeError(seen.get(fact.id)!, fact.id, 'related', `"${unknown}" is not another fact's id`);
  }
  return facts;
}

/** Parse one file's text; `file` is only used in error messages. */
export function parseFactFile(file: string, text: string, topic: Topic = builtInTopic()): Fact[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new KnowledgeError(file, undefined, undefined, `not valid JSON (${(err as Error).message})`);
  }
  const outer = FactFileSchema.safeParse(json);
  if (!outer.success) {
    const issue = outer.error.issues[0]!;
    throw new KnowledgeError(file, undefined, issue.path.join('.') || 'facts', `${issue.message} (expected { "facts": [ … ] })`);
  }
  return outer.data.facts.map((raw, index) => {
    const checked = checkFact(raw, topic);
    if ('fact' in checked) return checked.fact;
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${index + 1}`;
    throw new KnowledgeError(file, id, checked.field, checked.message);
  });
}

const schemas = new WeakMap<Topic, ReturnType<typeof factSchemaFor>>();

/**
 * One fact against its topic: the fact, or the first thing wrong with it (its field and zod's message).
 * A plainly valid fact, the usual case, is checked by hand (plain-fact.ts); zod checks the rest.
 */
export function checkFact(raw: unknown, topic: Topic): { fact: Fact } | { field: string; message: string } {
  const plain = plainFact(raw, topic);
  if (plain) return { fact: plain };
  let schema = schemas.get(topic);
  if (!schema) schemas.set(topic, (schema = factSchemaFor(topic)));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { fact: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { field: issue.path.join('.') || '(fact)', message: issue.message };
}

/** A knowledge folder: its facts and what they are about. */
export function loadKnowledge(dir: string = BUILT_IN_KNOWLEDGE_DIR): { facts: Fact[]; topic: Topic } {
  // the topic is read and validated once, and the facts are checked against that same one
  const topic = loadTopic(dir);
  return { facts: loadFacts(dir, topic), topic };
}
