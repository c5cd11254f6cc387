import { describe, expect, it } from 'vitest';
import { isTimeZone as configIsTimeZone } from '../../src/config.ts';
import { formatLocal, isTimeZone, localDate, nextLocalDate, nextPostAt, parseDailyTime, parseTimeZone, slotInstant } from '../../src/schedule/local-time.ts';

const utc = (iso: string) => Date.parse(iso);
const NY = 'America/New_York';
const SEOUL = 'Asia/Seoul';

describe('parseDailyTime', () => {
  it('accepts H:MM and HH:MM and normalises to HH:MM', () => {
    expect(parseDailyTime('9:00')).toEqual({ ok: true, value: '09:00' });
    expect(parseDailyTime('09:00')).toEqual({ ok: true, value: '09:00' });
    expect(parseDailyTime(' 23:59 ')).toEqual({ ok: true, value: '23:59' });
    expect(parseDailyTime('0:05')).toEqual({ ok: true, value: '00:05' });
  });

  it.each(['25:00', '9am', '', '24:00', '12:60', '9', '09:0', '９:００', '09:00:00', '-1:00'])('rejects %j with a message that shows an example', (input) => {
    const parsed = parseDailyTime(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('e.g. 09:00');
  });

  it('names the bad input so the user sees what was wrong', () => {
    expect(parseDailyTime('25:00')).toEqual({
      ok: false,
      error: '"25:00" is not a time of day (hours go 00–23, minutes 00–59). Use 24-hour HH:MM, e.g. 09:00 or 21:30.',
    });
    expect(parseDailyTime('9am')).toEqual({ ok: false, error: '"9am" is not a time of day. Use 24-hour HH:MM, e.g. 09:00 or 21:30.' });
    expect(parseDailyTime('')).toEqual({ ok: false, error: 'Give a time of day. Use 24-hour HH:MM, e.g. 09:00 or 21:30.' });
  });
});

describe('time zones', () => {
  it('is the same isTimeZone as the config uses', () => {
    expect(isTimeZone).toBe(configIsTimeZone);
    expect(isTimeZone(SEOUL)).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('rejects an unknown zone with an example and accepts any spelling Intl knows, canonically', () => {
    expect(parseTimeZone('Mars/Olympus')).toEqual({
      ok: false,
      error: '"Mars/Olympus" is not a time zone I know. Use an IANA time zone name, e.g. Asia/Seoul or America/New_York.',
    });
    expect(parseTimeZone('')).toMatchObject({ ok: false, error: expect.stringContaining('e.g. Asia/Seoul') });
    expect(parseTimeZone('asia/seoul')).toEqual({ ok: true, value: SEOUL });
    expect(parseTimeZone('UTC')).toEqual({ ok: true, value: 'UTC' });
  });
});

describe('localDate', () => {
  it('is the calendar date in the zone, not in UTC', () => {
    const instant = utc('2026-11-30T16:00:00Z');
    expect(localDate(instant, SEOUL)).toBe('2026-12-01');
    expect(localDate(instant, NY)).toBe('2026-11-30');
    expect(localDate(instant, 'UTC')).toBe('2026-11-30');
  });

  it('rolls over months and years', () => {
    expect(nextLocalDate('2026-12-31')).toBe('2027-01-01');
    expect(nextLocalDate('2028-02-28')).toBe('2028-02-29');
  });
});

describe('slotInstant', () => {
  it('is 09:00 local in Seoul and in New York on the same date', () => {
    expect(slotInstant('2026-12-01', '09:00', SEOUL)).toBe(utc('2026-12-01T00:00:00Z'));
    expect(slotInstant('2026-12-01', '09:00', NY)).toBe(utc('2026-12-01T14:00:00Z'));
    expect(slotInstant('2026-07-01', '09:00', NY)).toBe(utc('2026-07-01T13:00:00Z'));
  });

  it('moves a time in the spring-forward gap to the first instant after it (02:30 → 03:00 EDT)', () => {
    expect(slotInstant('2026-03-08', '02:30', NY)).toBe(utc('2026-03-08T07:00:00Z'));
    expect(slotInstant('2026-03-08', '02:00', NY)).toBe(utc('2026-03-08T07:00:00Z'));
    // just outside the gap is untouched
    expect(slotInstant('2026-03-08', '01:59', NY)).toBe(utc('2026-03-08T06:59:00Z'));
    expect(slotInstant('2026-03-08', '03:00', NY)).toBe(utc('2026-03-08T07:00:00Z'));
    // a half-hour DST shift (Lord Howe Island: 02:00 → 02:30)
    expect(slotInstant('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe(utc('2026-10-03T15:30:00Z'));
  });

  it('takes the first of the two 01:30s when clocks fall back', () => {
    expect(slotInstant('2026-11-01', '01:30', NY)).toBe(utc('2026-11-01T05:30:00Z'));
    // London, same rule
    expect(slotInstant('2026-10-25', '01:30', 'Europe/London')).toBe(utc('2026-10-25T00:30:00Z'));
  });

  it('round-trips through localDate for every third day of a year in several zones', () => {
    for (const zone of [SEOUL, NY, 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata']) {
      for (let day = 0; day < 365; day += 3) {
        const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
        for (const time of ['00:00', '01:30', '02:30', '09:00', '23:30']) {
          const t = slotInstant(date, time, zone);
          expect(localDate(t, zone), `${zone} ${date} ${time}`).toBe(date);
        }
      }
    }
  });
});

describe('nextPostAt', () => {
  const sub = { time: '09:00', timeZone: SEOUL, since: utc('2026-11-01T00:00:00Z') };

  it('is today at the slot before it, tomorrow once today is posted', () => {
    const before = utc('2026-11-30T23:00:00Z'); // 08:00 on 1 Dec in Seoul
    expect(nextPostAt(sub, before)).toBe(utc('2026-12-01T00:00:00Z'));
    expect(nextPostAt(sub, before, '2026-11-30')).toBe(utc('2026-12-01T00:00:00Z'));
    const after = utc('2026-12-01T00:05:00Z');
    expect(nextPostAt(sub, after, '2026-12-01')).toBe(utc('2026-12-02T00:00:00Z'));
  });

  it('is in the past when today is overdue (the bot was down at the slot)', () => {
    const late = utc('2026-12-01T03:00:00Z'); // 12:00 in Seoul, nothing posted today
    expect(nextPostAt(sub, late, '2026-11-30')).toBe(utc('2026-12-01T00:00:00Z'));
  });

  it("starts tomorrow when turned on after today's slot", () => {
    const turnedOn = utc('2026-12-01T01:00:00Z'); // 10:00 in Seoul
    expect(nextPostAt({ ...sub, since: turnedOn }, turnedOn)).toBe(utc('2026-12-02T00:00:00Z'));
    // turned on before the slot: today
    const early = utc('2026-11-30T22:00:00Z');
    expect(nextPostAt({ ...sub, since: early }, early)).toBe(utc('2026-12-01T00:00:00Z'));
  });

  it('crosses the spring-forward night in New York', () => {
    const nySub = { time: '02:30', timeZone: NY, since: 0 };
    expect(nextPostAt(nySub, utc('2026-03-08T05:00:00Z'))).toBe(utc('2026-03-08T07:00:00Z'));
    expect(nextPostAt(nySub, utc('2026-03-08T07:01:00Z'), '2026-03-08')).toBe(utc('2026-03-09T06:30:00Z'));
  });
});

describe('formatLocal', () => {
  it('shows the local weekday, date and time with the zone', () => {
    expect(formatLocal(utc('2026-12-01T00:00:00Z'), SEOUL, 'en')).toBe('Tue 1 Dec, 09:00 (Asia/Seoul)');
    expect(formatLocal(utc('2026-12-01T00:00:00Z'), SEOUL, 'ko')).toBe('12월 1일 (화) 09:00 (Asia/Seoul)');
    expect(formatLocal(utc('2026-12-01T00:00:00Z'), NY, 'en')).toBe('Mon 30 Nov, 19:00 (America/New_York)');
    expect(formatLocal(utc('2026-03-08T07:00:00Z'), NY, 'en')).toBe('Sun 8 Mar, 03:00 (America/New_York)');
  });
});
