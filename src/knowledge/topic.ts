/**
 * What a fact base is about, as data (knowledge/topic.json): its categories and claimants, the names of
 * its people, companies and things with the ways people write them, the synonym groups its questions
 * need, which names are actors (whose order says who did what to whom), and the pair "they" means.
 * Another topic's fact base brings its own topic.json; no code changes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as z from 'zod';
import builtInTopicJson from '../../knowledge/topic.json' with { type: 'json' };

export const TOPIC_FILE = 'topic.json';

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id such as "falling-out"');
const canonical = z.string().regex(/^[a-z0-9]+$/, 'expected a lower-case canonical term such as "openai"');
const forms = z.record(canonical, z.array(z.string().trim().min(1).max(60)).min(1));

export const TopicSchema = z
  .strictObject({
    topic: z.strictObject({
      /** One line saying what the facts are about (for operators). */
      about: z.string().min(1),
      categories: z.array(kebab).min(1),
      /** Categories about the source rather than the story: their facts are never events in the timeline. */
      sourceCategories: z.array(kebab),
      /** Who makes a claim, in both languages; the role is how source lines label them (a paper reports, a party claims, an onlooker expects). */
      claimants: z.record(kebab, z.strictObject({ en: z.string().min(1), ko: z.string().min(1), role: z.enum(['report', 'claim', 'view']) })),
      /** "they", "두 사람": the two people the topic is about, meant when neither is named. */
      pair: z.strictObject({
        members: z.tuple([canonical, canonical]),
        phrases: z.strictObject({ en: z.array(z.string().min(1)), ko: z.array(z.string().min(1)) }),
      }),
      /** Names whose order in a question says who did what to whom. */
      actors: z.array(canonical),
      /** People, companies and things: canonical term → the ways people write it. A lone name is enough to answer. */
      names: forms,
      /** Words that mean the same here ("sue", "lawsuit", "소송"); kept apart from names: a lone synonym is not enough. */
      synonyms: forms,
      /** Who leads or owns which company (names): "the Tesla boss", "the guy who runs OpenAI" read as that person. */
      roles: z.record(canonical, z.strictObject({ leads: z.array(canonical).optional(), owns: z.array(canonical).optional() })).optional(),
      /** Which company makes which products (names): "the ChatGPT maker", "챗GPT 개발사" read as that company. */
      makers: z.record(canonical, z.array(canonical).min(1)).optional(),
    }),
  })
  .superRefine(({ topic }, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['topic', ...path], message });
    for (const c of topic.sourceCategories) if (!topic.categories.includes(c)) issue(['sourceCategories'], `"${c}" is not one of the categories`);
    for (const a of topic.actors) if (!topic.names[a]) issue(['actors'], `"${a}" is not one of the names`);
    for (const m of topic.pair.members) if (!topic.names[m]) issue(['pair', 'members'], `"${m}" is not one of the names`);
    const named = (path: (string | number)[], key: string) => {
      if (!topic.names[key]) issue(path, `"${key}" is not one of the names`);
    };
    for (const [person, { leads = [], owns = [] }] of Object.entries(topic.roles ?? {})) {
      named(['roles', person], person);
      for (const org of [...leads, ...owns]) named(['roles', person], org);
    }
    for (const [maker, products] of Object.entries(topic.makers ?? {})) for (const key of [maker, ...products]) named(['makers', maker], key);
    for (const key of Object.keys(topic.synonyms))
      if (topic.names[key]) issue(['synonyms', key], `"${key}" is a name too; a term is a name or a synonym group, not both`);
  });

export type Topic = z.infer<typeof TopicSchema>['topic'];
export type ClaimantRole = Topic['claimants'][string]['role'];

/** A topic file that cannot be used: the message names the file and the field. */
export class TopicError extends Error {
  constructor(file: string, field: string, detail: string) {
    super(`${file}: field ${field}: ${detail}`);
    this.name = 'TopicError';
  }
}

export function parseTopic(file: string, json: unknown): Topic {
  const parsed = TopicSchema.safeParse(json);
  if (parsed.success) return parsed.data.topic;
  const issue = parsed.error.issues[0]!;
  throw new TopicError(file, issue.path.join('.') || '(topic)', issue.message);
}

let builtIn: Topic | undefined;

/**
 * The topic that ships with the bot (knowledge/topic.json, compiled in with the code), validated on
 * first use: a start from the build's prepared fact base (prepared.ts) brings its own and never needs it.
 */
export function builtInTopic(): Topic {
  return (builtIn ??= parseTopic(`knowledge/${TOPIC_FILE}`, builtInTopicJson));
}

/** A knowledge folder's own topic.json, or the built-in topic when the folder has none. */
export function loadTopic(dir: string): Topic {
  const path = join(dir, TOPIC_FILE);
  if (!existsSync(path)) return builtInTopic();
  const shown = relative(process.cwd(), path) || path;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new TopicError(shown, '(file)', `not valid JSON (${(err as Error).message})`);
  }
  return parseTopic(shown, json);
}
