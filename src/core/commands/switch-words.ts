/** The words for turning a channel setting on and off, and for asking its status (`listen on`, `매일 끄기`). */
import type { Lang } from '../reply.ts';

export const ON: Record<Lang, readonly string[]> = { en: ['on', 'enable', 'start'], ko: ['켜기', '켜', '시작'] };
export const OFF: Record<Lang, readonly string[]> = { en: ['off', 'disable', 'stop'], ko: ['끄기', '꺼', '중지'] };
/** An empty action asks for the status too (`daily`). */
export const STATUS: Record<Lang, readonly string[]> = { en: ['status', ''], ko: ['상태'] };

/** Whether `word` (lower-cased) is one of `words`, in either language. */
export const isOneOf = (words: Record<Lang, readonly string[]>, word: string): boolean => words.en.includes(word) || words.ko.includes(word);
