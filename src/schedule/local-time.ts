/**
 * Wall-clock time in a channel's zone, on Intl alone (no date library). Pure: the current
 * instant is always passed in.
 */
import { isTimeZone } from '../config.ts';
import { type MessageKey, t } from '../core/catalog.ts';
import type { Lang } from '../core/reply.ts';
import type { Subscription } from '../store/store.ts';

export { isTimeZone };

/** A parsed user input, or the message to show the user (English; the caller localises). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const TIME_EXAMPLE = 'Use 24-hour HH:MM, e.g. 09:00 or 21:30.';
const ZONE_EXAMPLE = 'Use an IANA time zone name, e.g. Asia/Seoul or America/New_York.';

/** "9:00" or "09:00" → "09:00"; anything else is an error that shows an example. */
export function parseDailyTime(input: string): Parsed<string> {
  const text = input.trim();
  if (text === '') return { ok: false, error: `Give a time of day. ${TIME_EXAMPLE}` };
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return { ok: false, error: `"${shown(text)}" is not a time of day. ${TIME_EXAMPLE}` };
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return { ok: false, error: `"${shown(text)}" is not a time of day (hours go 00–23, minutes 00–59). ${TIME_EXAMPLE}` };
  return { ok: true, value: `${pad2(hour)}:${pad2(minute)}` };
}

/** A zone name as Intl knows it, canonical spelling ("asia/seoul" → "Asia/Seoul"); otherwise an error with an example. */
export function parseTimeZone(input: string): Parsed<string> {
  const text = input.trim();
  if (text === '') return { ok: false, error: `Give a time zone. ${ZONE_EXAMPLE}` };
  if (!isTimeZone(text)) return { ok: false, error: `"${shown(text)}" is not a time zone I know. ${ZONE_EXAMPLE}` };
  return { ok: true, value: new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone };
}

/** The calendar date at an instant in a zone, "YYYY-MM-DD". */
export function localDate(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
}

/**
 * The instant a local "HH:MM" happens on a local date.
 * - Spring forward (the time does not exist that day): the first instant after the gap,
 *   e.g. 02:30 on 2026-03-08 in New York → 03:00 EDT.
 * - Fall back (the time happens twice): the first occurrence, e.g. 01:30 on 2026-11-01
 *   in New York → 01:30 EDT, not 01:30 EST.
 */
export function slotInstant(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // the offset in force a day either side covers any single transition near this time
  const offsets = new Set([offsetAt(wall - DAY, timeZone), offsetAt(wall, timeZone), offsetAt(wall + DAY, timeZone)]);
  const matches = [...offsets].map((o) => wall - o).filter((t) => offsetAt(t, timeZone) === wall - t);
  if (matches.length > 0) return Math.min(...matches);
  // in a gap: the first instant whose wall clock reads at or after `wall`
  let lo = wall - Math.max(...offsets); // wall clock before `wall`
  let hi = wall - Math.min(...offsets); // wall clock after `wall`
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2 / 1000) * 1000;
    if (mid <= lo) break;
    if (mid + offsetAt(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The day after a "YYYY-MM-DD". */
export function nextLocalDate(date: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, mo - 1, d + 1));
  return `${next.getUTCFullYear()}-${pad2(next.getUTCMonth() + 1)}-${pad2(next.getUTCDate())}`;
}

/**
 * When this subscription posts next.
 * Today's slot counts unless today was already posted (`lastPostedLocalDate` is today or
 * later) or the subscription was turned on after it. The result is in the past when today's
 * post is overdue (the bot was down at the slot): the scheduler then posts at its next tick.
 */
export function nextPostAt(sub: Pick<Subscription, 'time' | 'timeZone'> & { since?: number }, now: number, lastPostedLocalDate?: string): number {
  const today = localDate(now, sub.timeZone);
  const todaySlot = slotInstant(today, sub.time, sub.timeZone);
  const postedToday = lastPostedLocalDate !== undefined && lastPostedLocalDate >= today;
  const startedAfterSlot = sub.since !== undefined && sub.since > todaySlot;
  if (!postedToday && !startedAfterSlot) return todaySlot;
  return slotInstant(nextLocalDate(today), sub.time, sub.timeZone);
}

/** "Mon 1 Dec, 09:00 (Asia/Seoul)" / "12월 1일 (월) 09:00 (Asia/Seoul)": the words and their order are the catalog's (date.slot). */
export function formatLocal(epochMs: number, timeZone: string, lang: Lang): string {
  const w = wallClock(epochMs, timeZone);
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  return t(lang, 'date.slot', {
    weekday: t(lang, `weekday.short.${weekday}` as MessageKey),
    day: w.day,
    month: t(lang, `month.short.${w.month}` as MessageKey),
    time: `${pad2(w.hour)}:${pad2(w.minute)}`,
    zone: timeZone,
  });
}

// ---- Intl plumbing ---------------------------------------------------------

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// building a DateTimeFormat costs far more than using one; the scheduler asks every minute
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${timeZone}|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(id, f);
  }
  return f;
}

const WALL_OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
};

function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts = formatter(timeZone, 'en-US', WALL_OPTIONS).formatToParts(epochMs);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at an instant, in ms (Seoul: +9 h). */
function offsetAt(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const w = wallClock(whole, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - whole;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const shown = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
