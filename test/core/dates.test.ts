import { describe, expect, it } from 'vitest';
import { dateLabel, dateSpan, dateTerms, parseDateRange } from '../../src/core/dates.ts';

describe('dates', () => {
  it('labels dates at their precision in both languages', () => {
    expect(dateLabel('2015-12', 'en')).toBe('December 2015');
    expect(dateLabel('2015-12', 'ko')).toBe('2015년 12월');
    expect(dateLabel('2025-01-20', 'en')).toBe('20 January 2025');
    expect(dateLabel('2025-01-20', 'ko')).toBe('2025년 1월 20일');
    expect(dateLabel('2017..2018', 'en')).toBe('2017–2018');
    expect(dateLabel('2010', 'en', true)).toBe('the early 2010s');
  });

  it('turns dates into spans', () => {
    expect(dateSpan('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(dateSpan('2017..2018')).toEqual({ from: '2017-01-01', to: '2018-12-31' });
    expect(dateTerms('2024-11-16')).toEqual(['2024', 'm11', 'd16']);
  });

  it('reads ranges people type', () => {
    expect(parseDateRange('2024')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(parseDateRange('2024-11..2025-02')).toEqual({ from: '2024-11-01', to: '2025-02-28' });
    expect(parseDateRange('2024년 11월')).toEqual({ from: '2024-11-01', to: '2024-11-30' });
    expect(parseDateRange('nothing here')).toBeUndefined();
    expect(() => parseDateRange('2024-13')).toThrow(/month/);
    expect(() => parseDateRange('2025..2024')).toThrow(/starts after/);
  });
});
