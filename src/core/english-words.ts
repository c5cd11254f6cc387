import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Whether a lower-case word is a real English word (the word-list package, ~274,000 words), so that
 * typo correction leaves real words alone: "stack up" is not "smack", "throw" is not "thrown".
 * Built on first use rather than at start-up, since it is needed only when a word the facts do not
 * know is one letter away from one they do. Kept as the file's one string and its lines' starts in
 * word order, looked up by halving: a Set of 274,000 strings would hold ten times the memory, and
 * every full garbage collection would walk it.
 */
let list: { text: string; starts: Int32Array } | undefined;

function lineAt(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * The word-list package's one export is the path of its words.txt, beside its index.js: found here on first
 * use instead of importing the package at start, which also keeps this ESM-only package out of require()
 * in the build's CommonJS bundle.
 */
const wordListPath = () => join(dirname(createRequire(import.meta.url).resolve('word-list')), 'words.txt');

function load(): { text: string; starts: Int32Array } {
  const text = readFileSync(wordListPath(), 'utf8');
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  // the file is in order but for a few words; the sort is quick on nearly sorted lines
  starts.sort((a, b) => {
    const x = lineAt(text, a);
    const y = lineAt(text, b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { text, starts: Int32Array.from(starts) };
}

export function isEnglishWord(word: string): boolean {
  const { text, starts } = (list ??= load());
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const line = lineAt(text, starts[mid]!);
    if (line === word) return true;
    if (line < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
