import { type MessageKey, t } from './catalog.ts';
import type { Lang } from './reply.ts';

/** A fact's date as a closed interval of days, "YYYY-MM-DD" strings (they sort as dates). */
export interface DateSpan {
  from: string;
  to: string;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function partStart(part: string): string {
  const [y, m = '01', d = '01'] = part.split('-');
  return `${y}-${m}-${d}`;
}

function partEnd(part: string): string {
  const [y, m, d] = part.split('-');
  if (d) return part;
  if (m) return `${y}-${m}-${String(lastDayOfMonth(Number(y), Number(m))).padStart(2, '0')}`;
  return `${y}-12-31`;
}

/** "2017..2018" → 2017-01-01..2018-12-31; "2024-11" → the whole month. */
export function dateSpan(date: string): DateSpan {
  const [first, last = first] = date.split('..') as [string, string?];
  return { from: partStart(first), to: partEnd(last!) };
}

/** Terms a date adds to its fact for matching: the year, month and day as the normaliser writes them. */
export function dateTerms(date: string | undefined): string[] {
  if (!date) return [];
  const terms = new Set<string>();
  for (const part of date.split('..')) {
    const [y, m, d] = part.split('-');
    terms.add(y!);
    if (m) terms.add(`m${Number(m)}`);
    if (d) terms.add(`d${Number(d)}`);
  }
  return [...terms];
}

function partLabel(part: string, lang: Lang): string {
  const [year, month, day] = part.split('-').map(Number);
  if (!month) return t(lang, 'date.year', { year: year! });
  const monthName = t(lang, `month.${month}` as MessageKey);
  return day ? t(lang, 'date.day', { day, monthName, year: year! }) : t(lang, 'date.month', { monthName, year: year! });
}

/** "December 2015" / "2015년 12월"; ranges "2017–2018" / "2017~2018년"; loose dates "the early 2010s" / "2010년대 초반". */
export function dateLabel(date: string, lang: Lang, approximate = false): string {
  const parts = date.split('..');
  if (approximate && parts.length === 1 && /^\d{4}$/.test(date)) return t(lang, 'date.earlyDecade', { decade: date });
  if (parts.length === 2) {
    const [from, to] = parts as [string, string];
    if (/^\d{4}$/.test(from) && /^\d{4}$/.test(to)) return t(lang, 'date.years', { from, to });
    return t(lang, 'date.range', { from: partLabel(from, lang), to: partLabel(to, lang) });
  }
  return partLabel(date, lang);
}

const RANGE_PART = String.raw`(\d{4})(?:\s*[-./년]\s*(\d{1,2})\s*월?)?`;
const RANGE = new RegExp(`${RANGE_PART}(?:\\s*(?:\\.\\.|~|–|-|to|부터|에서)\\s*${RANGE_PART})?`);

/** A period that cannot be: `reason` and `params` pick its words from the catalog (timeline.reason.*). */
export class PeriodError extends RangeError {
  constructor(
    readonly reason: 'notMonth' | 'reversed',
    message: string,
    readonly params: Record<string, string>,
  ) {
    super(message);
    this.name = 'PeriodError';
  }
}

/**
 * Find a year or range in text: "2024", "2024-11..2025-02", "2024년 11월부터 2025년 2월", "from 2024 to 2025".
 * Returns undefined when there is none; throws PeriodError for an impossible month or a backwards range.
 */
export function parseDateRange(text: string): DateSpan | undefined {
  const m = RANGE.exec(text);
  if (!m) return undefined;
  const [, y1, m1, y2, m2] = m;
  const part = (y: string, mo: string | undefined) => {
    if (mo === undefined) return y;
    const month = Number(mo);
    if (month < 1 || month > 12) throw new PeriodError('notMonth', `${mo} is not a month (1-12)`, { month: mo });
    return `${y}-${String(month).padStart(2, '0')}`;
  };
  const from = part(y1!, m1);
  const to = y2 ? part(y2, m2) : from;
  const span = { from: partStart(from), to: partEnd(to) };
  if (span.from > span.to) throw new PeriodError('reversed', `the range starts after it ends (${from} > ${to})`, { from, to });
  return span;
}

export function spansOverlap(a: DateSpan, b: DateSpan): boolean {
  return a.from <= b.to && b.from <= a.to;
}
