import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allMessages, catalogProblems, t } from '../../src/core/catalog.ts';

const read = (lang: string) => JSON.parse(readFileSync(new URL(`../../src/core/messages/${lang}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('message catalogs', () => {
  it('have every key in both languages, with the same placeholders', () => {
    expect(catalogProblems({ en: read('en'), ko: read('ko') })).toEqual([]);
    expect(Object.keys(allMessages('ko')).sort()).toEqual(Object.keys(allMessages('en')).sort());
  });

  it('report a key missing from either language, naming the language and the key', () => {
    const { 'abstain.title': _dropped, ...koWithout } = read('ko');
    expect(catalogProblems({ en: read('en'), ko: koWithout })).toEqual(['ko: key "abstain.title" is missing (en has it)']);
    const { 'help.body': _gone, ...enWithout } = read('en');
    expect(catalogProblems({ en: enWithout, ko: read('ko') })).toEqual(['en: key "help.body" is missing (ko has it)']);
  });

  it('report a placeholder one language lacks, and a value that is not text', () => {
    const ko = { ...read('ko'), 'rate.user': '질문이 너무 빠릅니다. 잠시 뒤 다시 물어 주십시오.' };
    expect(catalogProblems({ en: read('en'), ko })).toEqual(['key "rate.user": en has placeholders {seconds} but ko has {}']);
    expect(catalogProblems({ en: { ...read('en'), 'error.title': 42 }, ko: read('ko') })[0]).toMatch(/^en: error\.title: /);
  });

  it('report a key that is not dotted, an empty text, an empty list and a list of non-texts, naming the key', () => {
    const ko = read('ko');
    const problem = (en: Record<string, unknown>) => catalogProblems({ en, ko: { ...ko, ...en } })[0];
    expect(problem({ ...read('en'), Title: 'x' })).toBe('en: Title: expected a dotted key such as "error.title"');
    expect(problem({ ...read('en'), 'error.title': '' })).toMatch(/^en: error\.title: expected a non-empty text/);
    expect(problem({ ...read('en'), 'help.body': [] })).toMatch(/^en: help\.body: expected/);
    expect(problem({ ...read('en'), 'help.body': ['a', 2] })).toMatch(/^en: help\.body: expected/);
    expect(catalogProblems({ en: [], ko })).toEqual(['en: (catalog): expected an object of messages']);
  });

  it('fill placeholders and keep multi-line texts as lines', () => {
    expect(t('en', 'rate.user', { seconds: 3 })).toBe("You're asking faster than I can keep up. Try again in 3 s.");
    expect(t('ko', 'help.body', { commands: 'a\nb' }).split('\n')).toEqual([
      ...(read('ko')['help.body'] as string[]).slice(0, 2),
      'a',
      'b',
      ...(read('ko')['help.body'] as string[]).slice(3),
    ]);
  });
});

describe('messages live in the catalogs, not in code', () => {
  // the modules that say things to users; grammar words (the command modules' `words`) and matching data (normalise, lexicon) are not messages
  const SPEAKERS = [
    'src/core/texts.ts',
    'src/core/render-text.ts',
    'src/core/credits.ts',
    'src/core/dates.ts',
    'src/core/feud.ts',
    'src/bot/conversation.ts',
    'src/schedule/daily-commands.ts',
    'adapters/console/adapter.ts',
    'adapters/discord/render.ts',
    'adapters/discord/interactions.ts',
    'adapters/discord/events.ts',
    'adapters/slack/render.ts',
    'adapters/slack/listeners.ts',
    'adapters/discord/commands/index.ts',
    'adapters/discord/commands/definitions.ts',
    'adapters/discord/context.ts',
    'src/schedule/local-time.ts',
    'src/core/commands/index.ts',
    'src/core/commands/ask.ts',
    'src/core/commands/show.ts',
    'src/core/commands/usage.ts',
  ];
  const KOREAN_STRING = /(['"`])(?:(?!\1)[^\\\n]|\\.)*[가-힣](?:(?!\1)[^\\\n]|\\.)*\1/;
  // comments, and regular expressions built from strings (a grammar, not something said)
  const NOT_SAID = /^\s*(\/\/|\/\*|\*)|String\.raw|new RegExp\(/;

  it.each(SPEAKERS)('%s has no Korean string literal', (file) => {
    const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const line = source.split('\n').find((l) => !NOT_SAID.test(l) && KOREAN_STRING.test(l));
    expect(line).toBeUndefined();
  });
});
