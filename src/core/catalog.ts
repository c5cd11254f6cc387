/**
 * Everything the bot says outside facts, one catalog per language (src/core/messages/<lang>.json):
 * errors, help, labels, notices, usage lines. Code asks for a message by key; it never spells
 * the words out itself. Both catalogs are checked at load: same keys, same {placeholders}.
 */
import en from './messages/en.json' with { type: 'json' };
import ko from './messages/ko.json' with { type: 'json' };
import type { Lang } from './reply.ts';

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;

const KEY = /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9]+)+$/;

/**
 * What is wrong with one catalog, or undefined: a dotted key, and a value that is one text or a list of lines
 * (joined with newlines, for long texts such as help). Checked by hand: it runs at every start, and zod's
 * generic walk cost the start about 10 ms for these two small objects.
 */
function catalogProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return '(catalog): expected an object of messages';
  for (const [key, value] of Object.entries(raw)) {
    if (!KEY.test(key)) return `${key}: expected a dotted key such as "error.title"`;
    const text = typeof value === 'string' && value.length > 0;
    const lines = Array.isArray(value) && value.length > 0 && value.every((line) => typeof line === 'string');
    if (!text && !lines) return `${key}: expected a non-empty text or a non-empty list of lines`;
  }
  return undefined;
}

type Catalog = Record<string, string>;
const flatten = (raw: Record<string, string | string[]>): Catalog =>
  Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : v]));

/** A catalog that cannot be used: the message names the language and the key. */
export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`message catalogs: ${problems.join('; ')}`);
    this.name = 'CatalogError';
  }
}

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;
const placeholders = (text: string) => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();

/** Everything wrong with a set of catalogs; empty when every language has every key with the same placeholders. */
export function catalogProblems(raw: Record<Lang, unknown>): string[] {
  const problems: string[] = [];
  const parsed: Partial<Record<Lang, Catalog>> = {};
  for (const lang of Object.keys(raw) as Lang[]) {
    const problem = catalogProblem(raw[lang]);
    if (problem) {
      problems.push(`${lang}: ${problem}`);
      continue;
    }
    parsed[lang] = flatten(raw[lang] as Record<string, string | string[]>);
  }
  const langs = Object.keys(parsed) as Lang[];
  const allKeys = new Set(langs.flatMap((lang) => Object.keys(parsed[lang]!)));
  for (const key of allKeys) {
    const have = langs.filter((lang) => key in parsed[lang]!);
    for (const lang of langs) if (!have.includes(lang)) problems.push(`${lang}: key "${key}" is missing (${have.join(', ')} has it)`);
    const [first, ...others] = have;
    for (const lang of others) {
      const a = placeholders(parsed[first!]![key]!).join(', ');
      const b = placeholders(parsed[lang]![key]!).join(', ');
      if (a !== b) problems.push(`key "${key}": ${first} has placeholders {${a}} but ${lang} has {${b}}`);
    }
  }
  return problems;
}

function load(): Record<Lang, Catalog> {
  const raw = { en, ko };
  const problems = catalogProblems(raw);
  if (problems.length > 0) throw new CatalogError(problems);
  return { en: flatten(en), ko: flatten(ko) };
}

const CATALOGS = load();

/** The message `key` in `lang`, with {placeholders} filled from `params` (a missing one stays visible as {name}). */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const text = CATALOGS[lang][key]!;
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The catalog for a platform's locale ("ko", "ko-KR" → Korean; anything else English). */
export function langOfLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Every message of a language, multi-line texts joined: what the register check reads. */
export function allMessages(lang: Lang): Readonly<Catalog> {
  return CATALOGS[lang];
}
