/** A fact that passes the schema, to break one field at a time. */
export const validFact = () => ({
  id: 'openai-founding',
  category: 'origins',
  date: '2015-12',
  claimant: 'article',
  answer: { en: 'Sam Altman and Elon Musk founded OpenAI in December 2015.', ko: '샘 올트먼과 일론 머스크가 2015년 12월 오픈AI를 설립했습니다.' },
  summary: { en: 'OpenAI is founded', ko: '오픈AI 설립' },
  questions: {
    en: ['who founded openai', 'when was openai founded', 'openai founders', 'how did openai start'],
    ko: ['오픈AI 누가 설립했어', '오픈AI 언제 생겼어', '오픈AI 창립자', '오픈AI 설립'],
  },
  keywords: { en: ['founded'], ko: ['설립'] },
  quote: '2015년 12월 두 사람 사이의 오랜 고민의 결과로 오픈AI가 설립됐다',
});
