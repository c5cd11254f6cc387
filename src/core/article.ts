/** The one article the fact base is drawn from. Only metadata and short quotes are kept in the project. */
export const ARTICLE = {
  publisher: { en: 'Asia Economy', ko: '아시아경제' },
  reporter: { en: 'Jeon Young-joo', ko: '전영주 기자' },
  published: '2025-04',
  /** The first subhead (deck) above the text; the source file does not carry the headline itself. */
  deck: { en: 'Musk releases AI chatbot Grok-2 to catch up with OpenAI', ko: "머스크, 오픈AI 따라잡으려 AI챗봇 '그록2' 내놔" },
  /** Follows the quote in every source line (never inside parentheses, so none nest). */
  attribution: {
    en: 'Asia Economy (아시아경제), reporter Jeon Young-joo, April 2025',
    ko: '아시아경제 전영주 기자, 2025년 4월',
  },
} as const;
