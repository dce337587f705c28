/** Visit programmes' views (cases/programmes.ts) and their progress bar. */
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/views/messages/programme.js';
import { PROGRAMME_CASES } from './cases/programmes.js';
import { sweepViews } from './fixtures/payload.js';

sweepViews(PROGRAMME_CASES);

describe('the progress bar of a visit programme (progressBar)', () => {
  it('fills one square of ten per tenth of the target, rounded, ten at most', () => {
    expect(progressBar(0, 8)).toBe('▱▱▱▱▱▱▱▱▱▱ 0 / 8');
    expect(progressBar(3, 8)).toBe('▰▰▰▰▱▱▱▱▱▱ 3 / 8');
    expect(progressBar(8, 8)).toBe('▰▰▰▰▰▰▰▰▰▰ 8 / 8');
    expect(progressBar(12, 8)).toBe('▰▰▰▰▰▰▰▰▰▰ 12 / 8');
    expect(progressBar(1, 500)).toBe('▱▱▱▱▱▱▱▱▱▱ 1 / 500');
  });

  it('is just the number of visits without a target', () => {
    expect(progressBar(0, 0)).toBe('0');
    expect(progressBar(5, 0)).toBe('5');
  });
});
