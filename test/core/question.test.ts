import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_SENTENCES, questionSentences } from '../../src/core/question.ts';

describe('questionSentences', () => {
  it('finds the question sentences of a long message, clearest first, and none in a message of one sentence', () => {
    expect(questionSentences('who founded openai')).toEqual([]);
    expect(questionSentences('My friend asked me this at lunch. When was OpenAI founded? I said 2015.')).toEqual(['When was OpenAI founded?']);
  });

  it('splits a Korean question run on into the next clause without punctuation', () => {
    expect(questionSentences('스타게이트 발표는 언제예요 작년인 줄 알았는데 헷갈려서요')).toEqual(['스타게이트 발표는 언제예요']);
  });

  it('reads a question sentence that points back with the sentence before it', () => {
    expect(questionSentences('Musk called OpenAI a monster once. What did he mean by that?')).toEqual([
      'Musk called OpenAI a monster once. What did he mean by that?',
    ]);
  });

  it(`reads at most ${MAX_QUESTION_SENTENCES} question sentences, however many a message has`, () => {
    const message = Array.from({ length: 7 }, (_, i) => `Who is person number ${i}?`).join(' ');
    expect(questionSentences(message)).toHaveLength(MAX_QUESTION_SENTENCES);
  });
});
