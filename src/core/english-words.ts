import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

/**
 * Whether a lower-case word is a real English word (the word-list package, ~274,000 words), so that
 * typo correction leaves real words alone: "stack up" is not "smack", "throw" is not "thrown".
 * Built on first use (about 0.15 s, once per process) rather than at start-up, since it is needed only
 * when a word the facts do not know is one letter away from one they do.
 */
let words: Set<string> | undefined;

export function isEnglishWord(word: string): boolean {
  words ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return words.has(word);
}
