import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

/**
 * Whether a lower-case word is a real English word (the word-list package, ~274,000 words), so that
 * typo correction leaves real words alone: "stack up" is not "smack", "throw" is not "thrown".
 * Read on first use (a few ms), since most questions need no correction at all.
 */
let words: string | undefined;

export function isEnglishWord(word: string): boolean {
  words ??= `\n${readFileSync(wordListPath, 'utf8')}\n`;
  return words.includes(`\n${word}\n`);
}
