/**
 * Property tests: whatever people (or attackers) type, the core and the conversation answer with a
 * well-formed Reply, never throw, and never echo invisible or control characters back.
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/bot/conversation.ts';
import type { Incoming } from '../../src/bot/incoming.ts';
import { type Command, parseCommand } from '../../src/core/commands/index.ts';
import { createFeud } from '../../src/core/feud.ts';
import { cleanText } from '../../src/core/normalise.ts';
import type { Reply, ReplyKind } from '../../src/core/reply.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { createLogger } from '../../src/log.ts';
import { createDailyCommandHandler } from '../../src/schedule/daily-commands.ts';
import { testState } from '../helpers/state.ts';

const RUNS = 300;
const MAX_CHARS = 10_000;

const feud = createFeud(loadFacts());
const factIds = new Set(feud.factIds());
const state = testState();
const { store } = state;
afterAll(() => store.close());

/** Control characters (tab, CR and the rest; newline is the only one a reply may use), zero-width and bidi marks, BOM, soft hyphen. */
const INVISIBLE_OR_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/u;

/** Pieces people paste into chat, and pieces that break naive code. */
const TRICKY_PIECES = [
  '@everyone',
  '@here',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<@!123456789012345678>',
  '<@&987654321098765432>',
  '<#C0123>',
  '<!subteam^S123>',
  '**bold**',
  '__under__',
  '*',
  '_',
  '~~x~~',
  '`code`',
  '```js\nx\n```',
  '> quote',
  '||spoiler||',
  '[link](https://example.com)',
  '<https://example.com|click>',
  '# heading',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input, a literal ${ on purpose
  '.*+?^${}()|[]\\',
  '(?<=a)',
  '(a+)+$',
  '\\u0000',
  '%s%n',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input, a literal ${ on purpose
  '${process.env}',
  '{{7*7}}',
  "'; DROP TABLE unanswered; --",
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u202e',
  '\u2066',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\r\n',
  '\t',
  '\u000b',
  '\u000c',
  '\u1100',
  '\u1161',
  '\u11a8',
  '\u1100\u1161\u11a8',
  'ㄱㅏ',
  'ㅇㅗㅍㅡㄴ',
  '\u3164',
  '\uffa0',
  '누가',
  '설립',
  '오픈AI',
  '머스크',
  '올트먼',
  '소송',
  '?',
  '？',
  'who',
  'founded',
  'OpenAI',
  'Musk',
  'Altman',
  'sue',
  '2015',
  '97.4 billion',
  '974억',
  'help',
  '도움말',
  'fact',
  'about',
  'timeline',
  'timeline 2024',
  '2024-11..2025-02',
  'daily',
  'daily on',
  '09:00',
  '25:99',
  'Asia/Seoul',
  'Mars/Olympus',
  'both',
  'listen',
  'on',
  'off',
  '/feud',
  '/',
  '!',
  ' ',
  '  ',
  '\n',
  '😀',
  '👍🏽',
  '👨‍👩‍👧',
  'Ａｌｔｍａｎ',
  '①',
  'ﬁ',
  'é',
  'e\u0301',
];
const lonelySurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const mixedUnit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: lonelySurrogate },
);
/** Any string up to 10,000 characters, mostly short, sometimes huge. */
const anyText = fc
  .oneof(
    { weight: 3, arbitrary: fc.string({ unit: mixedUnit, maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: mixedUnit, minLength: 200, maxLength: 800 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 2000, maxLength: MAX_CHARS }) },
  )
  .map((s) => s.slice(0, MAX_CHARS));

const REPLY_KINDS: ReadonlySet<ReplyKind> = new Set(['answer', 'abstain', 'fact', 'timeline', 'help', 'about', 'notice', 'error']);

/** Every string anywhere in the reply, with where it was. */
function stringsIn(value: unknown, path = 'reply'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${path}.${k}`));
  return [];
}

function expectValidReply(reply: Reply): void {
  expectWellFormedReply(reply);
  for (const [path, text] of stringsIn(reply)) {
    expect(INVISIBLE_OR_CONTROL.test(text), `${path} has an invisible or control character: ${JSON.stringify(text.slice(0, 120))}`).toBe(false);
  }
}

function expectWellFormedReply(reply: Reply): void {
  expect(REPLY_KINDS.has(reply.kind), `kind ${reply.kind}`).toBe(true);
  expect(['en', 'ko']).toContain(reply.lang);
  expect(typeof reply.title).toBe('string');
  expect(typeof reply.body).toBe('string');
  expect(reply.body.trim().length).toBeGreaterThan(0);
  expect(['public', 'private']).toContain(reply.visibility);
  if (reply.confidence !== undefined) {
    expect(Number.isFinite(reply.confidence)).toBe(true);
    expect(reply.confidence).toBeGreaterThanOrEqual(0);
    expect(reply.confidence).toBeLessThanOrEqual(1);
  }
  expect(Array.isArray(reply.alternatives)).toBe(true);
  expect(reply.alternatives.length).toBeLessThanOrEqual(3);
  for (const alt of reply.alternatives) {
    expect(factIds.has(alt.factId), `alternative ${alt.factId}`).toBe(true);
    expect(alt.question.trim().length).toBeGreaterThan(0);
  }
  if (reply.kind === 'answer' || reply.kind === 'fact') expect(factIds.has(reply.fact?.id ?? ''), 'answer without a known fact').toBe(true);
  if (reply.kind === 'timeline') expect(Array.isArray(reply.entries)).toBe(true);
}

function expectValidCommand(command: Command, input: string): void {
  switch (command.type) {
    case 'help':
    case 'fact':
    case 'about':
      return;
    case 'timeline':
      if (command.range !== undefined) expect(command.range.trim().length).toBeGreaterThan(0);
      return;
    case 'listen':
      expect(typeof command.on).toBe('boolean');
      return;
    case 'usage':
      expect(['daily', 'listen']).toContain(command.command);
      if ('arg' in command.problem) {
        expect(command.problem.arg.length).toBeGreaterThan(0);
        expect(INVISIBLE_OR_CONTROL.test(command.problem.arg)).toBe(false);
      }
      return;
    case 'daily':
      expect(['on', 'off', 'status']).toContain(command.action);
      if (command.action === 'on') {
        if (command.lang !== undefined) expect(['en', 'ko', 'both']).toContain(command.lang);
        for (const part of [command.time, command.timeZone]) if (part !== undefined) expect(INVISIBLE_OR_CONTROL.test(part)).toBe(false);
      }
      return;
    case 'ask':
      // anything that is not a command is the question, cleaned
      expect(command.question).toBe(cleanText(input));
      expect(INVISIBLE_OR_CONTROL.test(command.question)).toBe(false);
      return;
    default:
      throw new Error(`unknown command ${JSON.stringify(command)}`);
  }
}

describe('fuzzing the core', () => {
  it('ask() returns a valid reply for any text, in any forced language', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(undefined, 'en' as const, 'ko' as const), (text, lang) => {
        const reply = feud.ask(text, lang ? { lang } : {});
        expectValidReply(reply);
        if (lang) expect(reply.lang).toBe(lang);
      }),
      { numRuns: RUNS },
    );
  });

  it('parseCommand() returns a well-formed command for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => expectValidCommand(parseCommand(text), text)),
      { numRuns: RUNS },
    );
  });

  it('timeline() and suggest() accept any typed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: mixedUnit, maxLength: 30 }), fc.constantFrom('en' as const, 'ko' as const), (text, lang) => {
        // users reach timeline() through parseCommand, which cleans the range first
        expectValidReply(feud.timeline(cleanText(text), lang));
        expectWellFormedReply(feud.timeline(text, lang));
        const suggestions = feud.suggest(text, lang, 25);
        expect(suggestions.length).toBeLessThanOrEqual(25);
        for (const s of suggestions) expect(factIds.has(s.factId)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing the conversation', () => {
  // handle() turns any exception into a polite error reply; the log is where a crash would show
  const logged: string[] = [];
  const logSink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString());
      done();
    },
  });
  const conversation = createConversation({
    feud,
    ...state,
    logger: createLogger('warn', false, logSink),
    // no cooldowns, so every run reaches the matcher instead of a rate-limit notice
    limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0, listenIntervalMinutes: 0 },
    daily: createDailyCommandHandler({ store, defaultTimeZone: 'Asia/Seoul' }),
  });
  beforeAll(async () => {
    await store.setListen({ platform: 'slack', channelId: 'C-LISTEN' }, true);
    await store.setListen({ platform: 'discord', channelId: 'C-LISTEN' }, true);
  });

  const incoming = fc.record({
    platform: fc.constantFrom('discord' as const, 'slack' as const, 'console' as const),
    channelId: fc.constantFrom('C-LISTEN', 'C-QUIET'),
    via: fc.constantFrom('command' as const, 'mention' as const, 'listen' as const, 'button' as const),
    locale: fc.constantFrom(undefined, 'ko', 'en-US', 'ko-KR', ''),
    manager: fc.boolean(),
    text: anyText,
  });

  it('handle() resolves to a valid reply (or silence in listen mode) for any message, and never rejects', async () => {
    await fc.assert(
      fc.asyncProperty(incoming, async ({ platform, channelId, via, locale, manager, text }) => {
        const from = {
          platform,
          channelId,
          userId: 'U-FUZZ',
          canManageChannel: async () => manager,
          ...(locale !== undefined ? { locale: async () => locale } : {}),
        };
        const msg: Incoming = via === 'button' ? { ...from, via, factId: text, label: text } : { ...from, via, text };
        const reply = await conversation.handle(msg);
        if (reply === null) {
          expect(via, 'only listen mode may stay silent').toBe('listen');
          return;
        }
        expectValidReply(reply);
        if (via === 'listen') {
          // listening never lectures a channel: only confident answers
          expect(reply.kind).toBe('answer');
        }
      }),
      { numRuns: RUNS },
    );
    expect(logged, 'handle() hit its catch-all').toEqual([]);
  });

  it('a button click with any payload answers a known fact or says it is gone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, fc.constantFrom(...factIds)), async (text) => {
        const reply = await conversation.handle({ platform: 'discord', channelId: 'C1', userId: 'U1', factId: text, via: 'button' });
        expect(reply).not.toBeNull();
        expectValidReply(reply!);
        expect(['answer', 'error']).toContain(reply!.kind);
        if (factIds.has(text)) expect(reply!.fact?.id).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('feedback with any fact id never throws', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.constantFrom(...factIds)), fc.boolean(), (factId, helpful) => {
        expect(() => conversation.feedback(factId, helpful, 'slack')).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});
