import { describe, expect, it } from 'vitest';
import { theQuestionSentence } from '../../src/core/question.ts';

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
