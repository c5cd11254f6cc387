/** One Korean register for everything the bot says: 합니다체. */
import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../adapters/discord/commands/index.ts';
import { allMessages } from '../../src/core/catalog.ts';
import { registerProblems } from '../../src/core/register.ts';
import { loadFacts } from '../../src/knowledge/load.ts';

describe('registerProblems', () => {
  it('flags 해요체 and plain sentence endings, in sentences and in labels', () => {
    expect(registerProblems('저를 멘션해서 물어봐도 돼요.')).toHaveLength(1);
    expect(registerProblems('잘 모르겠어요')).toHaveLength(1);
    expect(registerProblems('모든 답은 기사에서 나옵니다. 출처를 함께 보여 줍니다. 혹시 이런 질문인가요?')).toEqual([
      'ends in 해요체: "혹시 이런 질문인가요?"',
    ]);
    expect(registerProblems('특히 지난해부터 두 사람 사이의 적대감은 막말 싸움으로 번졌다.')).toHaveLength(1);
    expect(registerProblems('잠시만요')).toHaveLength(1);
  });

  it('leaves alone what is not the bot speaking: quotes, `commands`, examples, headlines', () => {
    expect(registerProblems('머스크는 "어떻게 내가 이 사실을 몰랐지?"라며 격분했습니다.')).toEqual([]);
    expect(registerProblems('명령 목록은 `/feud 도움말`에서 볼 수 있습니다. 예: `/feud 오픈AI는 누가 설립했어?`')).toEqual([]);
    expect(registerProblems('질문, 예: 오픈AI는 누가 설립했어?')).toEqual([]);
    expect(registerProblems("머스크, 올트먼을 '사기꾼 샘'이라 불러")).toEqual([]);
    expect(registerProblems('질문이 너무 깁니다(최대 500자). 더 짧게 물어 주십시오.')).toEqual([]);
  });
});

describe('everything the bot says in Korean is 합니다체', () => {
  it('every Korean catalog message', () => {
    const problems = Object.entries(allMessages('ko')).flatMap(([key, text]) => registerProblems(text).map((p) => `${key}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('every fact answer and summary', () => {
    const problems = loadFacts().flatMap((f) => [...registerProblems(f.answer.ko), ...registerProblems(f.summary.ko)].map((p) => `${f.id}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('every Korean name and description Discord shows for the commands', () => {
    const korean: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key.endsWith('_localizations') && typeof (value as { ko?: unknown }).ko === 'string') korean.push((value as { ko: string }).ko);
          walk(value);
        }
      }
    };
    walk(commandDefinitions());
    expect(korean.length).toBeGreaterThan(10);
    expect(korean.flatMap(registerProblems)).toEqual([]);
    expect(korean.join('\n')).not.toMatch(/피드봇|오늘의 사실/);
  });
});
