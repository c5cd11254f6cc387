import { describe, expect, it } from 'vitest';
import { builtInNormaliser, cleanText, detectLang, fixKoreanTypos, koreanStem, magnitudeTerm } from '../../src/core/normalise.ts';

const normalise = (text: string) => builtInNormaliser().normalise(text);

const words = (s: string) => normalise(s).words;

describe('normalise', () => {
  it('folds the many spellings of the names to one term', () => {
    for (const s of ['Sam Altman', 'altman', '올트먼', '올트만', '샘 올트먼', 'SAM']) expect(words(s)).toEqual(['altman']);
    for (const s of ['Elon Musk', 'musk', '머스크', '일론', 'Elon']) expect(words(s)).toEqual(['musk']);
    for (const s of ['OpenAI', 'Open AI', '오픈AI', '오픈에이아이', 'ＯｐｅｎＡＩ']) expect(words(s)).toEqual(['openai']);
  });

  it('strips Korean particles and verb endings', () => {
    expect(words('오픈AI는 누가 설립했어?')).toEqual(['openai', 'found']);
    expect(words('오픈AI를 설립했나요')).toEqual(['openai', 'found']);
    expect(words('오픈AI가 설립됐니')).toEqual(['openai', 'found']);
    expect(koreanStem('소송했어요')).toBe('소송');
  });

  it('copes with missing spaces in Korean', () => {
    expect(words('오픈AI누가설립했어')).toEqual(['openai', 'found']);
  });

  it('does not turn words that merely start with a one-syllable name into that name', () => {
    expect(words('샘플 데이터')).not.toContain('altman');
    expect(words('샘이 뭐라고 했어')).toContain('altman');
  });

  it('writes amounts the same way in both languages', () => {
    expect(words('$97.4 billion')).toEqual(['97.4b']);
    expect(words('974억달러')).toEqual(['97.4b']);
    expect(words('5000억 달러')).toEqual(words('500 billion dollars').filter((w) => w !== 'dollar'));
    expect(words('10만개')).toEqual(['100k']);
    expect(words('100,000')).toEqual(['100k']);
    expect(magnitudeTerm(1_000_000)).toBe('1m');
  });

  it('writes dates as year, month and day terms', () => {
    expect(words('2015년 12월')).toEqual(['2015', 'm12']);
    expect(words('December 2015')).toEqual(['m12', '2015']);
    expect(words('April 9')).toEqual(['m4', 'd9']);
  });

  it('removes invisible characters and control codes', () => {
    expect(cleanText('who\u200b founded\u0007 Open\u200dAI')).toBe('who founded OpenAI');
    expect(words('Ope\u200bnAI')).toEqual(['openai']);
  });

  it('detects Korean by Hangul', () => {
    expect(detectLang('Musk 소송 이유')).toBe('ko');
    expect(detectLang('why did Musk sue')).toBe('en');
  });

  it('never throws on odd input', () => {
    for (const s of ['', '   ', '?!?!', '()[]{}*+.^$|\\', '@everyone', '<@123>', '\u0000\u0001', '🤖🔥', 'ㅋㅋㅋ', 'a'.repeat(10_000)]) {
      expect(() => normalise(s)).not.toThrow();
    }
  });
});

describe('fixKoreanTypos', () => {
  it('restores ㅆ, ㅄ and 됐 before an ending, and leaves nouns alone', () => {
    expect(fixKoreanTypos('했엇어')).toBe('했었어');
    expect(fixKoreanTypos('언제냇어')).toBe('언제냈어');
    expect(fixKoreanTypos('돈업다고')).toBe('돈없다고');
    expect(fixKoreanTypos('설립됬니')).toBe('설립됐니');
    for (const noun of ['사업', '사업은', '것', '멋있다', '다섯']) expect(fixKoreanTypos(noun)).toBe(noun);
  });
});

describe('short Korean aliases inside longer words', () => {
  it('reads 비하 and 화가 only where a word starts, so 준비하는 and 대화가 stay themselves', () => {
    expect(normalise('준비하는 거').words).not.toContain('insult');
    expect(normalise('대화가 안 돼').words).not.toContain('angry');
    expect(normalise('올트먼 비하했어').words).toContain('insult');
  });
});
