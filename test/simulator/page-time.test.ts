import { describe, expect, it } from 'vitest';
import { isoDate, isoTime, renderBlocks, zonedEpoch, zonedParts } from '../../src/simulator/web/render.js';

/**
 * The page reads and shows dates and times in the platform's zone, never the browser's (the
 * browser scenario test/browser/paris-time-and-commands.test.ts runs it in a UTC, English browser).
 */
describe('the simulated workspace page’s dates and times', () => {
  it('turns a Paris wall clock into its Unix time and back, on both sides of the DST changes', () => {
    const cases: [string, string, string][] = [
      ['2026-12-04', '14:00', '2026-12-04T13:00:00Z'], // winter, UTC+1
      ['2026-07-14', '14:00', '2026-07-14T12:00:00Z'], // summer, UTC+2
      ['2026-03-29', '01:59', '2026-03-29T00:59:00Z'], // just before the spring change
      ['2026-03-29', '03:00', '2026-03-29T01:00:00Z'], // just after it
      ['2026-10-25', '04:00', '2026-10-25T03:00:00Z'], // after the autumn change
    ];
    for (const [date, time, utc] of cases) {
      const seconds = zonedEpoch(date, time, 'Europe/Paris');
      expect(new Date(seconds * 1000).toISOString()).toBe(new Date(utc).toISOString());
      expect(zonedParts(seconds, 'Europe/Paris')).toEqual({ date, time });
    }
    // Another platform zone is honoured just as well.
    expect(new Date(zonedEpoch('2026-12-04', '14:00', 'America/Cayenne') * 1000).toISOString()).toBe(
      '2026-12-04T17:00:00.000Z',
    );
  });

  it('reads dates and times typed the French way, and refuses what is not one', () => {
    expect(isoDate('04/12/2026')).toBe('2026-12-04');
    expect(isoDate(' 4/7/2026 ')).toBe('2026-07-04');
    expect(isoDate('29/02/2028')).toBe('2028-02-29');
    for (const wrong of ['31/02/2027', '29/02/2027', '12/13/2026', '2026-12-04', '04/12/26', ''])
      expect(isoDate(wrong)).toBeNull();
    expect(isoTime('14:00')).toBe('14:00');
    expect(isoTime('9h05')).toBe('09:05');
    expect(isoTime('14h')).toBe('14:00');
    for (const wrong of ['24:00', '12:60', '2 PM', '1400', '']) expect(isoTime(wrong)).toBeNull();
  });

  it('shows a date picker’s date as jj/mm/aaaa and a date-time picker’s time in the platform’s zone', () => {
    const html = renderBlocks(
      [
        {
          type: 'input',
          block_id: 'd',
          label: { type: 'plain_text', text: 'Date' },
          element: { type: 'datepicker', action_id: 'a', initial_date: '2026-12-04' },
        },
        {
          type: 'input',
          block_id: 'dt',
          label: { type: 'plain_text', text: 'Séance' },
          element: {
            type: 'datetimepicker',
            action_id: 'a',
            initial_date_time: Date.parse('2026-07-14T12:00:00Z') / 1000,
          },
        },
      ],
      { timeZone: 'Europe/Paris' },
    );
    expect(html).toContain('value="04/12/2026"');
    expect(html).toContain('value="14/07/2026"');
    expect(html).toContain('value="14:00"');
  });
});
