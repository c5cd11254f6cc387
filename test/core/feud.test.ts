import { beforeAll, describe, expect, it } from 'vitest';
import { createFeud, type Feud } from '../../src/core/feud.ts';
import { Matcher } from '../../src/core/matcher.ts';
import { renderText } from '../../src/core/render-text.ts';
import { loadFacts } from '../../src/knowledge/load.ts';

let feud: Feud;
beforeAll(() => {
  feud = createFeud(loadFacts());
});

describe('ask', () => {
  it('answers who founded OpenAI with its source, in English', () => {
    const reply = feud.ask('who founded OpenAI');
    expect(reply).toMatchObject({ kind: 'answer', lang: 'en', visibility: 'public' });
    expect(reply.fact!.id).toBe('openai-founding');
    expect(reply.body).toMatch(/Altman/);
    expect(reply.body).toMatch(/Musk/);
    expect(reply.body).toMatch(/2015/);
    expect(reply.fact!.quote).toMatch(/오픈AI가 설립됐다/);
    expect(reply.fact!.attribution).toMatch(/Asia Economy/);
    expect(reply.confidence).toBeGreaterThan(0.6);
    expect(reply.confidence).toBeLessThanOrEqual(1);
  });

  it('answers the same question asked in Korean, in Korean', () => {
    // 만들다 (made) is the everyday word for founding a company; it is not read as "founded" everywhere (만든 xAI, 만든 로고)
    for (const q of ['오픈AI는 누가 설립했어?', '오픈에이아이 누가 설립했나요', '오픈AI누가설립했니', '오픈AI 누가 만들었어?']) {
      const reply = feud.ask(q);
      expect(reply.kind, q).toBe('answer');
      expect(reply.lang).toBe('ko');
      expect(reply.fact!.id).toBe('openai-founding');
      expect(reply.body).toMatch(/올트먼/);
    }
  });

  it('finds facts through typos and aliases', () => {
    expect(feud.ask('stargte project how much').fact?.id).toBe('stargate-announcement');
    expect(feud.ask('사기꾼 샘').fact?.id).toBe('insult-swindly-sam');
    expect(feud.ask('Musk 소송 이유').fact?.id).toBe('nonprofit-lawsuit');
    // a name's typo that a curated typo variant also contains is still read as the name
    expect(new Matcher(loadFacts()).match('who is altmn').words).toContain('altman');
  });

  it('reads the Korean chat typos a phone keyboard makes (ㅅ for ㅆ, ㅂ for ㅄ, 됬) and words run together', () => {
    expect(feud.ask('오픈AI 맞소송 햇엇어?').fact?.id).toBe('openai-countersuit');
    expect(feud.ask('오픈ai 언제 설립됬어').fact?.id).toBe('openai-founding');
    expect(feud.ask('머스크가 스타게이트 돈업다고 했어?').fact?.id).toBe('stargate-no-money');
    expect(feud.ask('트럼프랑 정치적판돈').fact?.id).toBe('political-stakes');
  });

  it('finds a remembered line made only of common words, and abstains when it is not one', () => {
    expect(feud.ask('How did I not know?').fact?.id).toBe('stargate-musk-fury');
    expect(feud.ask('what is going on here now').kind).toBe('abstain');
  });

  it('asks where something is: abstains, since no fact says where Colossus stands', () => {
    expect(feud.ask('콜로서스는 어디에 있나요?').kind).toBe('abstain');
    expect(feud.ask('콜로서스 얼마나 키워?').fact?.id).toBe('colossus-expansion');
  });

  it('reads "they" and "두 사람" as Musk and Altman, the two people the bot is about', () => {
    expect(feud.ask('when did they first meet').fact?.id).toBe('how-they-met');
    expect(feud.ask('둘이 언제 처음 만났어').fact?.id).toBe('how-they-met');
    expect(feud.ask('두 사람 왜 싸워').fact?.id).toBe('power-struggle');
  });

  it('tells being CEO from becoming CEO, in both languages', () => {
    expect(feud.ask("who is openai's boss").fact?.id).toBe('the-rivals');
    expect(feud.ask("how did altman become openai's ceo").fact?.id).toBe('power-struggle');
    expect(feud.ask('올트먼은 어떻게 CEO가 됐나요').fact?.id).toBe('power-struggle');
    expect(feud.ask('which companies are musk and altman in charge of').fact?.id).toBe('the-rivals');
  });

  it('mends an English typo inside a phrase, and reads inflected phrases', () => {
    expect(feud.ask('grokk 2 release').fact?.id).toBe('grok-2');
    expect(feud.ask('musk altman faling out').fact?.id).toBe('power-struggle');
    expect(feud.ask('musk trash talked altman').fact?.id).toBe('musk-insults');
  });

  it('leaves real English words alone when mending typos, and mends short ones that are not words', () => {
    expect(new Matcher(loadFacts()).match('does grok 2 stack up').words).toContain('stack');
    // "opan" is mended to OpenAI: the funding fact comes first, as the answer or the first did-you-mean
    expect(new Matcher(loadFacts()).match('opan ai funding from musk').words).toContain('openai');
    const reply = feud.ask('opan ai funding from musk');
    expect(reply.fact?.id ?? reply.alternatives[0]?.factId).toBe('musk-funding-board');
  });

  it('reads chat-style Korean endings and "this feud" as talk about the topic, not a topic word', () => {
    expect(feud.ask('올트먼은 누구에여').fact?.id).toBe('the-rivals');
    expect(feud.ask("what's the deal with this feud and trump's political agenda for ai").fact?.id).toBe('political-stakes');
  });

  it('offers both facts instead of picking one when two fit a question equally well', () => {
    const [first] = loadFacts().filter((f) => f.id === 'grok-2');
    const twin = { ...first!, id: 'grok-2-twin' };
    const reply = createFeud([first!, twin]).ask('grok 2 benchmark results');
    expect(reply.kind).toBe('abstain');
    expect(reply.alternatives.map((a) => a.factId).sort()).toEqual(['grok-2', 'grok-2-twin']);
  });

  it('tells who did what to whom from the order of the names', () => {
    expect(feud.ask('did OpenAI sue Musk').fact?.id).toBe('openai-countersuit');
    expect(feud.ask('why did Musk sue OpenAI').fact?.id).toBe('nonprofit-lawsuit');
    expect(feud.ask('오픈AI가 머스크를 고소했어?').fact?.id).toBe('openai-countersuit');
    expect(feud.ask('머스크가 오픈AI를 고소한 이유').fact?.id).toBe('nonprofit-lawsuit');
  });

  it('reads each question sentence of a long message on its own when the whole message is not answered', () => {
    // the sentence after the question names figures and asks "which", so read whole the message is too unsure
    const english = feud.ask(
      "How much is the Stargate project worth? I've seen a few figures thrown around on different forums and can't tell which one is true.",
    );
    expect(english.kind).toBe('answer');
    expect(english.fact!.id).toBe('stargate-announcement');
    // a Korean question run on into more clauses without punctuation
    const korean = feud.ask('머스크가 올트먼을 사기꾼이라고 부른 게 언제예요 소송 전이에요 후예요 정리하다가 헷갈려서요');
    expect(korean.kind).toBe('answer');
    expect(korean.fact!.id).toBe('insult-swindly-sam');
    // a sentence read alone keeps the whole message's doubts: a name the article never mentions is still declined
    expect(feud.ask('When did Gemini 2.0 come out? I wonder how much better than Grok-2 it is. Everyone at work keeps bringing it up.').kind).toBe('abstain');
  });

  it('reads the name of a company as the company, and two syllables as one word', () => {
    // a fact that names xAI answers "what is the name of Musk's AI company", though it holds no other name
    const company = feud.ask('일론이 가진 AI 회사 이름이 뭐야?');
    expect(company.kind).toBe('answer');
    expect(company.body).toMatch(/xAI/);
    // 주말 (weekend) is not 주 (week, shares) + 말 (end, words): small talk stays small talk
    expect(feud.ask('주말에 뭐하지').kind).toBe('abstain');
  });

  it('reads a question that points back at the sentence before it with that sentence: "Who posted that?"', () => {
    const q = 'There was a screenshot of Grok saying Kamala Harris would be the better president. Who posted that?';
    expect(feud.ask(q).fact?.id, q).toBe('altman-grok-harris-jab');
    // alone, the same question has nothing to go on
    expect(feud.ask('Who posted that?').kind).toBe('abstain');
  });

  it('does not answer a single ordinary word, but does answer a name', () => {
    expect(feud.ask('crazy').kind).toBe('abstain');
    expect(feud.ask('stargate').fact?.id).toBe('stargate-announcement');
  });

  it("answers a single ordinary word that is one of a fact's own questions in full", () => {
    expect(feud.ask('source').fact?.id).toBe('article-source');
  });

  it('declines a curated near miss asked word for word, even when the fact has all its words', () => {
    for (const q of ['which market does musk say openai is paralysing', '그록은 왜 해리스가 낫다고 했어?']) {
      expect(feud.ask(q).kind, q).toBe('abstain');
    }
  });

  it('declines a view asked of the bot: the article reports what people said and did, not a verdict on it', () => {
    for (const q of [
      'was musk right about stargate not having the money?',
      'was Musk right to sue OpenAI, in your view?',
      '머스크랑 올트먼 중에 누가 이길 것 같아?',
    ]) {
      expect(feud.ask(q).kind, q).toBe('abstain');
    }
    // what the people in the article thought is the article's
    expect(feud.ask('what did Musk and Altman conclude about AI in 2014?').kind).toBe('answer');
  });

  it('declines a question about something the article never names, however many of its words it shares', () => {
    const matcher = new Matcher(loadFacts());
    for (const q of ['Did Gemini 2.0 lose to Grok-2?', 'Did Bezos back the Stargate project?', 'Did Claude 3 beat Grok-2 too?']) {
      expect(matcher.match(q).unknownName, q).toBe(true);
      expect(feud.ask(q).kind, q).toBe('abstain');
    }
  });

  it("tells what a fact states from what only its curated questions say: a question in its answer's words is all stated", () => {
    const matcher = new Matcher(loadFacts());
    for (const fact of loadFacts().slice(0, 8)) {
      const own = matcher.match(fact.summary.en).candidates.find((c) => c.fact.id === fact.id)!;
      expect(own.statedCoverage, fact.summary.en).toBe(1);
    }
    // the lawsuit is stated by other facts, never by the nickname's
    const { candidates } = matcher.match('did musk sue altman over the swindly sam nickname');
    const insult = candidates.find((c) => c.fact.id === 'insult-swindly-sam')!;
    expect(insult.statedCoverage).toBeLessThan(1);
  });

  it('declines what things are worth now: the article stops in April 2025', () => {
    expect(feud.ask('오픈AI 현재 기업가치 얼마야?').kind).toBe('abstain');
  });

  it('abstains on what the article does not say, and offers nearby facts', () => {
    for (const q of [
      "what's the weather in Seoul",
      'give me a kimchi stew recipe',
      "what is Sam Altman's net worth",
      'when was Tesla founded',
      '오늘 날씨 어때?',
    ]) {
      expect(feud.ask(q).kind, q).toBe('abstain');
    }
    const near = feud.ask('did Musk win his lawsuit in the end?');
    expect(near.kind).toBe('abstain');
    expect(near.alternatives.length).toBeGreaterThan(0);
    expect(near.alternatives.length).toBeLessThanOrEqual(3);
  });

  it('explains an empty question instead of guessing', () => {
    expect(feud.ask('   ').kind).toBe('error');
    expect(feud.ask('').body).toMatch(/empty/);
  });
});

describe('timeline, facts, help, about', () => {
  it('lists the dated facts in order, filtered by a year or range', () => {
    const all = feud.timeline(undefined, 'en');
    const dates = all.entries!.map((e) => e.date);
    expect(dates.length).toBeGreaterThan(10);
    expect(all.entries![0]!.factId).toBe('how-they-met');
    const y2024 = feud.timeline('2024', 'en').entries!;
    expect(y2024.length).toBeGreaterThan(3);
    expect(y2024.every((e) => e.date.startsWith('2024'))).toBe(true);
    const range = feud.timeline('2024-11..2025-02', 'ko').entries!;
    expect(range.map((e) => e.factId)).toContain('stargate-announcement');
    expect(range.map((e) => e.factId)).not.toContain('grok-2');
    expect(feud.timeline('2030', 'en').kind).toBe('notice');
    expect(feud.timeline('2024-13', 'en').kind).toBe('error');
  });

  it('gives a random fact, a daily fact in both languages, help and about', () => {
    expect(feud.randomFact('ko', () => 0).fact).toBeDefined();
    const both = feud.dailyFact('takeover-bid', 'both');
    expect(both.body).toMatch(/97\.4/);
    expect(both.body).toMatch(/974억/);
    expect(feud.help('en').body).toMatch(/\/feud timeline/);
    expect(feud.help('ko').body).toMatch(/연표/);
    expect(feud.about('en').body).toMatch(/Asia Economy/);
    expect(renderText(feud.ask('who founded OpenAI'))).toMatch(/Source: “/);
  });
});

describe('suggest (autocomplete)', () => {
  it('offers questions containing what was typed, at most 25, each within 100 characters', () => {
    const s = feud.suggest('star', 'en', 25);
    expect(s.length).toBeGreaterThan(0);
    expect(s.length).toBeLessThanOrEqual(25);
    expect(s.some((x) => x.factId.startsWith('stargate'))).toBe(true);
    expect(feud.suggest('starga', 'en', 25)[0]!.factId).toMatch(/stargate/);
    expect(s.every((x) => x.question.length <= 100)).toBe(true);
  });

  it('matches Korean by initial consonants', () => {
    const s = feud.suggest('ㅅㅌㄱㅇㅌ', 'ko', 25);
    expect(s.length).toBeGreaterThan(0);
    expect(s.every((x) => x.question.includes('스타게이트'))).toBe(true);
  });
});

describe('the reply to a near miss', () => {
  it('says what the article does not say, then what it does, with the closest fact first as "Tell me more"', () => {
    const en = feud.ask('where is Colossus located?');
    expect(en.kind).toBe('abstain');
    expect(en.body).toMatch(/^The article doesn't say where\. What it does say: .*Colossus/);
    expect(en.alternatives[0]).toMatchObject({ factId: 'colossus-expansion', label: 'Tell me more' });
    const ko = feud.ask('콜로서스 어디에 있어?');
    expect(ko.body).toMatch(/^기사에는 어디인지 나오지 않습니다\. 기사에 나온 가장 가까운 내용은 「.*콜로서스.*」입니다\.$/);
    expect(ko.alternatives[0]).toMatchObject({ factId: 'colossus-expansion', label: '자세히 보기' });
  });

  it('keeps the plain "I don\'t know" for questions about nothing in the article', () => {
    const reply = feud.ask("what's the weather in Seoul tomorrow");
    expect(reply.kind).toBe('abstain');
    expect(reply.body).toMatch(/doesn't answer that/);
  });
});
