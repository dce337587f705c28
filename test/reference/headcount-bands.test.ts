import { describe, it, expect } from 'vitest';
import {
  HEADCOUNT_BANDS,
  bandForHeadcount,
  findHeadcountBand,
  shortBandLabel,
} from '../../src/reference/headcount-bands.js';

describe('HEADCOUNT_BANDS', () => {
  it('loads the 16 INSEE bands in file order', () => {
    expect(HEADCOUNT_BANDS.map((b) => b.code)).toEqual([
      'NN',
      '00',
      '01',
      '02',
      '03',
      '11',
      '12',
      '21',
      '22',
      '31',
      '32',
      '41',
      '42',
      '51',
      '52',
      '53',
    ]);
  });

  it('has contiguous ranges from 01 to 53, open-ended at the top', () => {
    const employing = HEADCOUNT_BANDS.slice(2);
    expect(employing[0]).toMatchObject({ code: '01', min: 1, max: 2 });
    for (let i = 1; i < employing.length; i++) {
      expect(employing[i]!.min).toBe(employing[i - 1]!.max! + 1);
    }
    expect(employing.at(-1)).toMatchObject({ code: '53', min: 10000, max: null });
  });

  it('parses bounds as numbers', () => {
    expect(findHeadcountBand('12')).toEqual({ code: '12', label: '20 à 49 salariés', min: 20, max: 49 });
    expect(findHeadcountBand('NN')).toMatchObject({ min: 0, max: 0 });
  });

  it('cannot be modified by callers', () => {
    expect(Object.isFrozen(HEADCOUNT_BANDS)).toBe(true);
    expect(Object.isFrozen(HEADCOUNT_BANDS[0])).toBe(true);
  });
});

describe('findHeadcountBand', () => {
  it('returns undefined for unknown codes, including empty (SIRENE uses it for "no data")', () => {
    expect(findHeadcountBand('13')).toBeUndefined();
    expect(findHeadcountBand('')).toBeUndefined();
  });
});

describe('bandForHeadcount', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [2, '01'],
    [3, '02'],
    [9, '03'],
    [10, '11'],
    [249, '31'],
    [250, '32'],
    [9999, '52'],
    [10000, '53'],
    [250000, '53'],
  ])('%i employees → band %s', (n, code) => {
    expect(bandForHeadcount(n)?.code).toBe(code);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d', (n) => {
    expect(bandForHeadcount(n)).toBeUndefined();
  });
});

describe('shortBandLabel', () => {
  it('shortens the two long INSEE labels', () => {
    expect(shortBandLabel(findHeadcountBand('NN')!)).toBe('Unité non employeuse');
    expect(shortBandLabel(findHeadcountBand('00')!)).toBe('0 salarié au 31/12');
  });

  it('keeps other labels unchanged', () => {
    expect(shortBandLabel(findHeadcountBand('03')!)).toBe('6 à 9 salariés');
    expect(shortBandLabel(findHeadcountBand('53')!)).toBe('10 000 salariés et plus');
  });

  it('fits every band in a Slack option (75 characters)', () => {
    for (const b of HEADCOUNT_BANDS) expect(shortBandLabel(b).length).toBeLessThanOrEqual(75);
    // The raw INSEE labels for NN and 00 would not fit, hence the short forms.
    expect(findHeadcountBand('NN')!.label.length).toBeGreaterThan(75);
  });

  it('truncates a label that would be too long', () => {
    const label = shortBandLabel({ code: 'XX', label: 'x'.repeat(100), min: 0, max: 0 });
    expect(label).toHaveLength(75);
    expect(label.endsWith('…')).toBe(true);
  });
});
