/** Steering indicators' views (cases/indicators.ts), their values and trends. */
import { describe, expect, it } from 'vitest';
import { formatValue, trend } from '../../src/views/messages/indicators.js';
import { INDICATOR_CASES } from './cases/indicators.js';
import { sweepViews } from './fixtures/payload.js';

sweepViews(INDICATOR_CASES);

describe('steering indicators (formatValue, trend)', () => {
  it('write a value in its unit, with French decimals and thousands, « n.d. » when not computable', () => {
    expect(formatValue(72.5, 'percent')).toBe('72,5 %');
    expect(formatValue(72.46, 'percent')).toBe('72,5 %');
    expect(formatValue(100, 'percent')).toBe('100 %');
    expect(formatValue(12, 'days')).toBe('12 j');
    expect(formatValue(31.5, 'hours')).toBe('31,5 h');
    expect(formatValue(1234, 'count')).toBe('1\u202f234');
    expect(formatValue(1234, 'count')).toBe((1234).toLocaleString('fr-FR'));
    expect(formatValue(0, 'count')).toBe('0');
    expect(formatValue(312, 'breakdown')).toBe('312');
    expect(formatValue(null, 'percent')).toBe('n.d.');
    expect(formatValue(null, 'count')).toBe('n.d.');
  });

  it('read a change against the previous quarter in the indicator’s direction, nothing without a previous value', () => {
    expect(trend(10, 10, true)).toBe(':arrow_right: stable');
    expect(trend(12, 10, true)).toBe(':arrow_upper_right: en hausse');
    expect(trend(12, 10, false)).toBe(':arrow_upper_right: en hausse :warning:');
    expect(trend(8, 10, true)).toBe(':arrow_lower_right: en baisse :warning:');
    expect(trend(8, 10, false)).toBe(':arrow_lower_right: en baisse');
    expect(trend(3, 0, true)).toBe(':arrow_upper_right: en hausse');
    expect(trend(8, null, true)).toBe('');
    expect(trend(8, undefined, false)).toBe('');
    expect(trend(null, 10, true)).toBe('');
  });
});
