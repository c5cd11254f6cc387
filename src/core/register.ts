/**
 * The bot speaks Korean in one register: 합니다체 (formal polite), the register of its fact answers.
 * A sentence it says ends in -니다, -니까 or -시오; a label, title or headline has no sentence ending,
 * so it must not end in 해요체 (-요, -죠). Quoted words (other people's) and `commands` are not the bot's.
 */

const QUOTED = /"[^"\n]*"|“[^”\n]*”|'[^'\n]*'|‘[^’\n]*’|「[^」\n]*」|『[^』\n]*』/g;
const CODE = /`[^`\n]*`/g;
/** A catalog's {placeholder}: filled in later, with words checked where they come from. */
const PLACEHOLDER = /\{[a-zA-Z]+\}/g;
/** "예: 오픈AI는 누가 설립했어?": an example of what a user types, in the user's words. */
const EXAMPLE = /예:.*$/gm;
const TRAILING_ASIDE = /\s*\([^()]*\)(?=[.!?]?$)/;
const SENTENCE_END = /(니다|니까|시오)[.!?]$/;
const CASUAL_END = /(요|죠)[.!?]?$/;

/** Sentences of `text` that break the register, each with the reason; empty when it is all 합니다체. */
export function registerProblems(text: string): string[] {
  const spoken = text.replace(CODE, '`…`').replace(QUOTED, '“…”').replace(EXAMPLE, '').replace(PLACEHOLDER, '');
  const problems: string[] = [];
  for (const line of spoken.split('\n')) {
    for (const raw of line.split(/(?<=[.!?])\s+/)) {
      const sentence = raw.trim().replace(TRAILING_ASIDE, '');
      if (!/[가-힣]/.test(sentence)) continue;
      if (CASUAL_END.test(sentence)) problems.push(`ends in 해요체: "${raw.trim()}"`);
      else if (/[.!?]$/.test(sentence) && !SENTENCE_END.test(sentence)) problems.push(`a sentence not in 합니다체: "${raw.trim()}"`);
    }
  }
  return problems;
}
