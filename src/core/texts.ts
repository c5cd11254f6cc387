/** The bot's own words, in both languages, as replies. */
import { ARTICLE } from './article.ts';
import type { Lang, Reply, Suggestion, TimelineEntry } from './reply.ts';

type Bilingual<T> = Record<Lang, T>;

function notice(kind: Reply['kind'], lang: Lang, title: string, body: string, visibility: Reply['visibility'] = 'private'): Reply {
  return { kind, lang, title, body, alternatives: [], visibility };
}

export function error(lang: Lang, body: string): Reply {
  return notice('error', lang, lang === 'ko' ? '요청을 처리할 수 없어요' : "Sorry, I can't do that", body);
}

export function info(lang: Lang, title: string, body: string): Reply {
  return notice('notice', lang, title, body);
}

export function emptyQuestion(lang: Lang): Reply {
  return error(
    lang,
    lang === 'ko'
      ? '질문이 비어 있어요. 예: `/feud 오픈AI는 누가 설립했어?` — 명령 목록은 `/feud 도움말`.'
      : 'Your question is empty. Try `/feud who founded OpenAI` — or `/feud help` for the commands.',
  );
}

export function tooLong(lang: Lang, max: number): Reply {
  return error(lang, lang === 'ko' ? `질문이 너무 길어요 (최대 ${max}자). 짧게 다시 물어봐 주세요.` : `That question is too long (at most ${max} characters). Please ask it more briefly.`);
}

export function abstain(lang: Lang, question: string, alternatives: Suggestion[], confidence: number): Reply {
  const body =
    lang === 'ko'
      ? `제가 아는 기사(아시아경제, 2025년 4월)에는 그 질문의 답이 없어요.${alternatives.length ? ' 혹시 이런 질문인가요?' : ' `/feud 도움말`에서 제가 답할 수 있는 주제를 볼 수 있어요.'}`
      : `The article I know (Asia Economy, April 2025) doesn't answer that.${alternatives.length ? ' Did you mean one of these?' : ' See `/feud help` for what I can answer.'}`;
  return {
    kind: 'abstain',
    lang,
    title: lang === 'ko' ? '잘 모르겠어요' : "I don't know",
    body,
    confidence,
    alternatives,
    visibility: 'public',
    question,
  };
}

export const randomFactTitle = (lang: Lang) => (lang === 'ko' ? '머스크 vs 올트먼, 랜덤 팩트' : 'A random feud fact');
export const dailyTitle = (lang: Lang) => (lang === 'ko' ? '오늘의 머스크 vs 올트먼 팩트' : 'Feud fact of the day');

export function badRange(lang: Lang, detail: string): string {
  return lang === 'ko'
    ? `기간을 이해하지 못했어요 (${detail}). 예: \`연표 2024\`, \`연표 2024-11..2025-02\``
    : `I couldn't read that period (${detail}). Try \`timeline 2024\` or \`timeline 2024-11..2025-02\`.`;
}

export function timeline(lang: Lang, range: string | undefined, entries: TimelineEntry[]): Reply {
  const title = lang === 'ko' ? `머스크 vs 올트먼 연표${range ? ` (${range})` : ''}` : `Musk vs Altman timeline${range ? ` (${range})` : ''}`;
  if (entries.length === 0) {
    return info(
      lang,
      title,
      lang === 'ko' ? '그 기간에는 기사에 나온 사건이 없어요. 기사는 2010년대 초반부터 2025년 4월까지를 다룹니다.' : 'The article has nothing dated in that period. It covers the early 2010s to April 2025.',
    );
  }
  return {
    kind: 'timeline',
    lang,
    title,
    body: entries.map((e) => `• ${e.dateLabel} — ${e.summary}`).join('\n'),
    entries,
    alternatives: [],
    visibility: 'public',
  };
}

const HELP: Bilingual<{ title: string; body: string }> = {
  en: {
    title: 'Feud Bot: Musk vs Altman, from the article',
    body: [
      'Ask me about the Elon Musk vs Sam Altman fight over OpenAI, in English or Korean. Every answer comes from one Asia Economy article (April 2025) and shows its source.',
      '',
      '`/feud <question>` — e.g. `/feud who founded OpenAI`, `/feud why did Musk sue OpenAI`',
      '`/feud fact` — a random fact',
      '`/feud timeline [2024 | 2024-11..2025-02]` — what happened when',
      '`/feud about` — where the facts come from',
      '`/feud daily on [HH:MM] [time zone] [en|ko|both]` · `daily off` · `daily status` — a fact every day in this channel',
      '`/feud listen on|off` — answer questions asked in this channel without a mention',
      'You can also mention me with a question.',
    ].join('\n'),
  },
  ko: {
    title: '피드봇: 머스크 vs 올트먼, 기사로 답해요',
    body: [
      '일론 머스크와 샘 올트먼의 오픈AI 다툼에 대해 한국어나 영어로 물어보세요. 모든 답은 아시아경제 기사(2025년 4월)에서 나오며 출처를 함께 보여 줍니다.',
      '',
      '`/feud <질문>` — 예: `/feud 오픈AI는 누가 설립했어?`, `/feud 머스크가 소송한 이유`',
      '`/feud 오늘의 사실` — 랜덤 팩트',
      '`/feud 연표 [2024 | 2024-11..2025-02]` — 시간순 사건',
      '`/feud 출처` — 팩트의 출처',
      '`/feud daily on [HH:MM] [시간대] [en|ko|both]` · `daily off` · `daily status` — 이 채널에 매일 팩트 하나',
      '`/feud listen on|off` — 멘션 없이도 이 채널의 질문에 답하기',
      '저를 멘션해서 물어봐도 돼요.',
    ].join('\n'),
  },
};

export function help(lang: Lang): Reply {
  return notice('help', lang, HELP[lang].title, HELP[lang].body);
}

export function about(lang: Lang, factCount: number): Reply {
  const body =
    lang === 'ko'
      ? `${factCount}개의 팩트는 모두 ${ARTICLE.attribution.ko} 기사 「${ARTICLE.headline.ko}」에서 가져왔습니다. 각 답에는 기사의 짧은 원문 인용과 주장한 쪽(WSJ, 머스크, 오픈AI 등)이 붙습니다. 기사에 없는 내용에는 답하지 않습니다. 비공식 봇이며 기사 전문은 싣지 않습니다.`
      : `All ${factCount} facts come from one article: ${ARTICLE.attribution.en}, "${ARTICLE.headline.en}" (in Korean). Each answer carries a short verbatim quote from it and says who makes the claim (the WSJ, Musk, OpenAI…). I don't answer what the article doesn't say. Unofficial; the article's full text is not reproduced.`;
  return notice('about', lang, lang === 'ko' ? '출처' : 'About these facts', body, 'public');
}
