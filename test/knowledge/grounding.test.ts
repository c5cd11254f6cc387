import { describe, expect, it } from 'vitest';
import { createFeud } from '../../src/core/feud.ts';
import { checkGrounding, timelineProblems } from '../../src/knowledge/grounding.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import type { Fact } from '../../src/knowledge/schema.ts';
import { validFact } from '../helpers/facts.ts';

// a made-up article: the check needs only text that the quotes come from
const ARTICLE = [
  '2015년만 해도 브로맨스(Bromance)를 자랑하던 두 사람.',
  '머스크는 올트먼을 일컬어 "미친 눈을 가졌다"(2월12일)고 공격했다.',
  '마침내 2015년 12월 두 사람 사이의 오랜 고민의 결과로 오픈AI가 설립됐다.',
].join('\n');
const fact = (overrides: Partial<Fact> = {}): Fact => ({
  ...(validFact() as Fact),
  quote: '마침내 2015년 12월 두 사람 사이의 오랜 고민의 결과로 오픈AI가 설립됐다',
  ...overrides,
});

describe('checkGrounding', () => {
  it('passes a grounded fact', () => {
    expect(checkGrounding([fact()], ARTICLE)).toEqual([]);
  });

  it('refuses a first question too long for a did-you-mean choice, and allows a long variant after it', () => {
    const base = fact();
    const long = `I was reading about this on the bus and my friend and I could not agree, so settle it for us: ${'who founded OpenAI? '.repeat(2)}`;
    expect(long.length).toBeGreaterThan(100);
    const first = checkGrounding([fact({ questions: { ...base.questions, en: [long, ...base.questions.en] } })], ARTICLE);
    expect(first).toEqual([expect.stringMatching(/the first en question \(offered as a did-you-mean\) is longer than 100 characters/)]);
    expect(checkGrounding([fact({ questions: { ...base.questions, en: [...base.questions.en, long] } })], ARTICLE)).toEqual([]);
  });

  it('refuses a quote that starts or ends with a quotation mark (replies would show it doubled)', () => {
    const problems = checkGrounding([fact({ quote: '"미친 눈을 가졌다"(2월12일)고 공격했다' })], ARTICLE);
    expect(problems).toEqual([expect.stringMatching(/field quote starts or ends with a quotation mark/)]);
    expect(checkGrounding([fact({ quote: '머스크는 올트먼을 일컬어 "미친 눈을 가졌다"(2월12일)고 공격했다' })], ARTICLE)).toEqual([]);
  });

  it('refuses English quoted as if verbatim when the article has only the Korean', () => {
    const verbatim = fact({ answer: { en: 'Musk said Altman "has crazy eyes".', ko: "머스크는 올트먼이 '미친 눈을 가졌다'고 공격했습니다." } });
    expect(checkGrounding([verbatim], ARTICLE)).toEqual([
      expect.stringMatching(/answer\.en quotes words the article gives only in Korean \("has crazy eyes"\)/),
    ]);
    const marked = fact({ answer: { en: 'Musk said Altman "has crazy eyes" (translated from the article\'s Korean).', ko: verbatim.answer.ko } });
    expect(checkGrounding([marked], ARTICLE)).toEqual([]);
    // English the article itself uses needs no note
    expect(checkGrounding([fact({ answer: { en: 'They boasted a "bromance".', ko: verbatim.answer.ko } })], ARTICLE)).toEqual([]);
  });

  it('refuses holds the answer does not state (an amount, a plan), which would let the fact answer what it cannot', () => {
    const problems = checkGrounding([fact({ holds: ['person', 'amount', 'plan'] })], ARTICLE);
    expect(problems).toEqual([
      expect.stringMatching(/field holds: "amount" is declared, but answer\.en states none/),
      expect.stringMatching(/field holds: "amount" is declared, but answer\.ko states none/),
      expect.stringMatching(/field holds: "plan" is declared, but answer\.en states none/),
      expect.stringMatching(/field holds: "plan" is declared, but answer\.ko states none/),
    ]);
    expect(checkGrounding([fact({ holds: ['person', 'event'] })], ARTICLE)).toEqual([]);
  });

  it('refuses Korean outside the bot’s register', () => {
    const casual = fact({ answer: { en: 'OpenAI was founded in December 2015.', ko: '오픈AI는 2015년 12월에 설립됐어요.' } });
    expect(checkGrounding([casual], ARTICLE)).toEqual([expect.stringMatching(/answer\.ko is not in the bot's register/)]);
  });
});

describe('timelineProblems', () => {
  const facts = loadFacts();
  const entry = (factId: string) => ({ factId, date: facts.find((f) => f.id === factId)!.date! });

  it('refuses an event known only to its month listed before one dated within that month, and the source listed as an event', () => {
    expect(timelineProblems(facts, [entry('stargate-no-money'), entry('stargate-announcement')])).toEqual([
      'timeline: "stargate-no-money" (2025-01) is listed before "stargate-announcement" (2025-01-20), which is dated within it',
    ]);
    expect(timelineProblems(facts, [entry('openai-countersuit'), entry('article-source')])).toEqual([
      'timeline: fact "article-source" is about the source, not an event, but is listed',
    ]);
  });

  it('finds nothing wrong with the built-in timeline', () => {
    expect(timelineProblems(facts, createFeud(facts).timeline(undefined, 'en').entries!)).toEqual([]);
  });
});
