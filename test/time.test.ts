import { describe, expect, it } from 'vitest';
import { frenchDate, frenchDateTime, localDate, localMonthStart } from '../src/time.js';

const PARIS = 'Europe/Paris';
const at = (iso: string) => new Date(iso);

describe('localDate', () => {
  it('is the UTC date in the middle of the day', () => {
    expect(localDate(PARIS, at('2026-11-27T12:00:00Z'))).toBe('2026-11-27');
    expect(localDate('UTC', at('2026-11-27T23:59:59Z'))).toBe('2026-11-27');
  });

  it('turns to the next day at local midnight, not UTC midnight (winter, UTC+1)', () => {
    expect(localDate(PARIS, at('2026-01-14T22:59:59Z'))).toBe('2026-01-14');
    expect(localDate(PARIS, at('2026-01-14T23:00:00Z'))).toBe('2026-01-15');
  });

  it('follows the spring change (29 March 2026, 01:00 UTC)', () => {
    // 23:30 UTC on the 28th is 00:30 on the 29th in Paris (still UTC+1).
    expect(localDate(PARIS, at('2026-03-28T22:59:00Z'))).toBe('2026-03-28');
    expect(localDate(PARIS, at('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    // After the change Paris is UTC+2: 22:30 UTC on the 29th is 00:30 on the 30th.
    expect(localDate(PARIS, at('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
    expect(localDate(PARIS, at('2026-03-29T22:30:00Z'))).toBe('2026-03-30');
  });

  it('follows the autumn change (25 October 2026, 01:00 UTC)', () => {
    // Still UTC+2 on the evening of the 24th.
    expect(localDate(PARIS, at('2026-10-24T21:59:00Z'))).toBe('2026-10-24');
    expect(localDate(PARIS, at('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
    // UTC+1 from the change on: 22:30 UTC on the 25th is 23:30 on the 25th.
    expect(localDate(PARIS, at('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
    expect(localDate(PARIS, at('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('gives each platform its own date: La Réunion (UTC+4, no summer time) is already tomorrow', () => {
    const instant = at('2026-11-27T21:30:00Z');
    expect(localDate(PARIS, instant)).toBe('2026-11-27');
    expect(localDate('Indian/Reunion', instant)).toBe('2026-11-28');
    expect(localDate('America/Guadeloupe', at('2026-11-28T02:30:00Z'))).toBe('2026-11-27');
  });

  it('is always YYYY-MM-DD, padded', () => {
    expect(localDate(PARIS, at('2026-02-03T08:00:00Z'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(localDate(PARIS, at('2026-02-03T08:00:00Z'))).toBe('2026-02-03');
  });
});

describe('localMonthStart', () => {
  it('is the first day of the local month', () => {
    expect(localMonthStart(PARIS, at('2026-11-27T12:00:00Z'))).toBe('2026-11-01');
    expect(localMonthStart(PARIS, at('2026-11-01T00:30:00Z'))).toBe('2026-11-01');
  });

  it('turns over at local midnight on the last day of the month', () => {
    // 23:30 UTC on 31 January is 00:30 on 1 February in Paris.
    expect(localMonthStart(PARIS, at('2026-01-31T23:30:00Z'))).toBe('2026-02-01');
    expect(localMonthStart('UTC', at('2026-01-31T23:30:00Z'))).toBe('2026-01-01');
    // New year in Paris while it is still 31 December in UTC.
    expect(localMonthStart(PARIS, at('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    // Summer time: 22:30 UTC on 31 May is 00:30 on 1 June.
    expect(localMonthStart(PARIS, at('2026-05-31T22:30:00Z'))).toBe('2026-06-01');
  });
});

describe('frenchDateTime', () => {
  it('shows local hours in winter (UTC+1) and summer (UTC+2)', () => {
    expect(frenchDateTime(at('2026-01-15T13:05:00Z'), PARIS)).toBe('15/01/2026 à 14:05');
    expect(frenchDateTime(at('2026-07-15T13:05:00Z'), PARIS)).toBe('15/07/2026 à 15:05');
  });

  it('shows local hours on both sides of the spring change', () => {
    expect(frenchDateTime(at('2026-03-29T00:30:00Z'), PARIS)).toBe('29/03/2026 à 01:30');
    expect(frenchDateTime(at('2026-03-29T01:30:00Z'), PARIS)).toBe('29/03/2026 à 03:30');
  });

  it('shows local hours on both sides of the autumn change', () => {
    expect(frenchDateTime(at('2026-10-25T00:30:00Z'), PARIS)).toBe('25/10/2026 à 02:30');
    expect(frenchDateTime(at('2026-10-25T01:30:00Z'), PARIS)).toBe('25/10/2026 à 02:30');
    expect(frenchDateTime(at('2026-10-25T02:30:00Z'), PARIS)).toBe('25/10/2026 à 03:30');
  });

  it('writes midnight as 00, with the local date', () => {
    expect(frenchDateTime(at('2026-03-28T23:30:00Z'), PARIS)).toBe('29/03/2026 à 00:30');
    expect(frenchDateTime(at('2026-11-27T20:00:00Z'), 'Indian/Reunion')).toBe('28/11/2026 à 00:00');
  });
});

describe('frenchDate', () => {
  it('shows a stored calendar date or a YYYY-MM-DD string as DD/MM/YYYY', () => {
    expect(frenchDate('2026-11-27')).toBe('27/11/2026');
    expect(frenchDate(at('2026-03-29T00:00:00Z'))).toBe('29/03/2026');
  });
});

describe('shiftLocalDays', () => {
  it('keeps the local wall-clock time across daylight-saving changes', async () => {
    const { shiftLocalDays, utcOffsetMinutes } = await import('../src/time.js');
    expect(utcOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(utcOffsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Europe/Paris')).toBe(120);
    // 14:00 in Paris on 2 April (UTC+2) → 14:00 on 26 March (UTC+1).
    expect(shiftLocalDays(new Date('2026-04-02T12:00:00Z'), -7, 'Europe/Paris').toISOString()).toBe(
      '2026-03-26T13:00:00.000Z',
    );
    // 14:00 on 29 October (UTC+1) → 14:00 on 22 October (UTC+2).
    expect(shiftLocalDays(new Date('2026-10-29T13:00:00Z'), -7, 'Europe/Paris').toISOString()).toBe(
      '2026-10-22T12:00:00.000Z',
    );
    // No change of offset: exactly 7 × 24 h; La Réunion has no summer time.
    expect(shiftLocalDays(new Date('2026-01-20T13:00:00Z'), -7, 'Europe/Paris').toISOString()).toBe(
      '2026-01-13T13:00:00.000Z',
    );
    expect(shiftLocalDays(new Date('2026-04-02T10:00:00Z'), -7, 'Indian/Reunion').toISOString()).toBe(
      '2026-03-26T10:00:00.000Z',
    );
  });
});
