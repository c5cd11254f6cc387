/**
 * Everything the bot says outside facts, one catalog per language (src/core/messages/<lang>.json):
 * errors, help, labels, notices, usage lines. Code asks for a message by key; it never spells
 * the words out itself. Both catalogs are checked at load: same keys, same {placeholders}.
 */
import * as z from 'zod';
import en from './messages/en.json' with { type: 'json' };
import ko from './messages/ko.json' with { type: 'json' };
import type { Lang } from './reply.ts';

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;

/** A value is one string, or an array of lines (joined with newlines) for long texts such as help. */
const CatalogSchema = z.record(
  z.string().regex(/^[a-z][a-zA-Z]*(\.[a-zA-Z0-9]+)+$/, 'expected a dotted key such as "error.title"'),
  z.union([z.string().min(1), z.array(z.string()).min(1)]),
);
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
    const result = CatalogSchema.safeParse(raw[lang]);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      problems.push(`${lang}: ${issue.path.join('.') || '(catalog)'}: ${issue.message}`);
      continue;
    }
    parsed[lang] = flatten(result.data);
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
