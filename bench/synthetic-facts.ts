/** Generated facts for measuring growth: made-up English and Korean words, shaped like the real ones (bench/bench.ts, test/core/index-size.test.ts). */
import type { Fact } from '../src/knowledge/schema.ts';

const LATIN = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zen', 'dar', 'pel', 'qua', 'sor', 'tik', 'bam', 'gul'];
const HANGUL = ['가', '나', '다', '라', '마', '바', '사', '아', '자', '차', '카', '타', '파', '하', '강', '산', '물', '빛'];

export function syntheticFacts(count: number, random: () => number): Fact[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const word = (parts: readonly string[], n: number) => Array.from({ length: n }, () => pick(parts)).join('');
  const enWords = (n: number) => Array.from({ length: n }, () => word(LATIN, 2 + Math.floor(random() * 2))).join(' ');
  const koWords = (n: number) => Array.from({ length: n }, () => word(HANGUL, 2 + Math.floor(random() * 2))).join(' ');
  return Array.from(
    { length: count },
    (_, i): Fact => ({
      id: `synthetic-${i}`,
      category: 'article',
      date: `${2000 + Math.floor(random() * 25)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
      claimant: 'article',
      answer: { en: `${enWords(18)}.`, ko: `${koWords(14)}입니다.` },
      summary: { en: enWords(5), ko: koWords(4) },
      questions: { en: Array.from({ length: 8 }, () => `what ${enWords(4)}?`), ko: Array.from({ length: 8 }, () => `${koWords(3)} 뭐야?`) },
      keywords: { en: [enWords(1), enWords(1)], ko: [koWords(1), koWords(1)] },
      quote: koWords(6),
    }),
  );
}
