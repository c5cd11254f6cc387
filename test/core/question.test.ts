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
