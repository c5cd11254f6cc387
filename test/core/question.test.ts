import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/core/matcher.ts';
import { shapeOf, theQuestionSentence } from '../../src/core/question.ts';
import { loadFacts } from '../../src/knowledge/load.ts';

describe('theQuestionSentence', () => {
  it('finds the one question sentence among context, and none in a message of one sentence', () => {
    expect(theQuestionSentence('who founded openai')).toBeUndefined();
    expect(theQuestionSentence('My friend asked me this at lunch. When was OpenAI founded? I said 2015.')).toBe('When was OpenAI founded?');
  });

  it('splits a Korean question run on into the next clause without punctuation', () => {
    expect(theQuestionSentence('스타게이트 발표는 언제예요 작년인 줄 알았는데 헷갈려서요')).toBe('스타게이트 발표는 언제예요');
  });

  it('reads a question sentence that points back with the sentence before it', () => {
    expect(theQuestionSentence('Musk called OpenAI a monster once. What did he mean by that?')).toBe(
      'Musk called OpenAI a monster once. What did he mean by that?',
    );
  });

  it('finds none in a message of two clear questions: each read alone would be two chances at a wrong answer', () => {
    expect(theQuestionSentence('Who won the lawsuit? When will the trial end?')).toBeUndefined();
  });
});

describe('shapeOf: what a question asks beyond the article', () => {
  const normaliser = new Matcher(loadFacts()).normaliser;
  it('reads a yes/no question in either language, and a question word as not one', () => {
    expect(shapeOf('did musk ever get his money back?', normaliser).yesNo).toBe(true);
    expect(shapeOf('오픈AI가 소송 이겼어?', normaliser).yesNo).toBe(true);
    expect(shapeOf('who founded openai', normaliser).yesNo).toBeUndefined();
    expect(shapeOf('오픈AI는 언제 설립됐어?', normaliser).yesNo).toBeUndefined();
  });

  it('reads a question after someone else, something more or later', () => {
    for (const q of ['who else funded openai early on', 'did grok-2 also beat llama', '그 뒤로 둘이 또 만났어?', '손정의 말고 또 누가 있었어?'])
      expect(shapeOf(q, normaliser).beyond, q).toBe(true);
    expect(shapeOf('who funded openai early on', normaliser).beyond).toBeUndefined();
  });
});

describe('shapeOf: where the question is', () => {
  const matcher = new Matcher(loadFacts());
  const normaliser = matcher.normaliser;
  it('reads misspelt question words as the words they stand for, and leaves real words alone', () => {
    const shape = shapeOf('Sorry if this was asked before. wen was openai foundd', normaliser);
    expect(shape.focus).toBe('when was openai foundd');
    expect(shape.asks).toBe('date');
    expect(shapeOf('hw much was the takeover bid', normaliser).asks).toBe('amount');
    expect(shapeOf('waht did musk call altman?', normaliser).asks).toBe('quote');
    expect(shapeOf('were they friends in 2015?', normaliser).focus).toBe('were they friends in 2015?');
  });

  it('takes the sentence naming the topic as the question when none reads as one, wherever it stands', () => {
    const shape = shapeOf("I'm putting together slides for work. openai founding date", normaliser);
    expect(shape).toMatchObject({ focus: 'openai founding date', context: "I'm putting together slides for work." });
    expect(shapeOf('musk 97 billion bid. asking for a friend', normaliser)).toMatchObject({ focus: 'musk 97 billion bid.', context: 'asking for a friend' });
    expect(shapeOf('nice weather today. asking for a friend', normaliser).focus).toBe('nice weather today. asking for a friend');
  });

  it('reads a Korean clause ending in a connective as context, with or without a comma after it', () => {
    for (const q of ['팀 뉴스레터 쓰고 있는데 오픈AI는 언제 설립됐어?', '팀 뉴스레터 쓰고 있는데, 오픈AI는 언제 설립됐어?'])
      expect(shapeOf(q, normaliser), q).toMatchObject({ focus: '오픈AI는 언제 설립됐어?', context: expect.stringContaining('뉴스레터') });
    // a connective inside a short question leaves it whole: the question part alone is too short to stand
    expect(shapeOf('머스크가 돈 냈는데 얼마야?', normaliser).focus).toBe('머스크가 돈 냈는데 얼마야?');
  });

  it('reads 뭘 and 뭔 as question words: "머스크가 뭘 주장했나요" is not a yes/no question', () => {
    expect(shapeOf('머스크가 뭘 주장했나요?', normaliser).yesNo).toBeUndefined();
    expect(shapeOf('그게 뭔 소리야?', normaliser).yesNo).toBeUndefined();
  });

  it('reads each word of a known name of several words as known, and a name no fact knows as unknown', () => {
    expect(matcher.match("who's Larry Ellison in the Stargate story?").unknownName).toBe(false);
    expect(matcher.match('was Masayoshi Son at the announcement?').unknownName).toBe(false);
    expect(matcher.match('what did Sundar Pichai say about OpenAI?').unknownName).toBe(true);
  });

  it('takes what is asked from the first of equally clear questions, not from a later add-on', () => {
    const shape = shapeOf('Who led the Stargate announcement? Was Son there too?', normaliser);
    expect(shape.asks).toBe('person');
    expect(shape.beyond).toBeUndefined();
  });

  it('counts only the names and numbers of context beside a question that stands alone', () => {
    const alone = matcher.match('who sued openai in november?');
    const withContext = matcher.match("I'm writing a blog post for work. who sued openai in november?");
    expect(withContext.candidates[0]!.fact.id).toBe(alone.candidates[0]!.fact.id);
    expect(withContext.candidates[0]!.score).toBe(alone.candidates[0]!.score);
    const named = matcher.match('A friend brought up Grok-2 and Colossus. who sued openai in november?');
    expect(named.candidates[0]!.coverage).not.toBe(alone.candidates[0]!.coverage);
  });
});
