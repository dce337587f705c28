import { describe, it, expect } from 'vitest';
import { checkSiret, formatSiret, looksLikeSiret, normaliseSiret } from '../../src/reference/siret.js';

describe('normaliseSiret', () => {
  it('strips spaces, non-breaking spaces, dots and dashes', () => {
    expect(normaliseSiret(' 732 829\u00a0320.00074 ')).toBe('73282932000074');
    expect(normaliseSiret('732-829-320\u202f00074')).toBe('73282932000074');
  });

  it('keeps anything else, so bad input stays visibly bad', () => {
    expect(normaliseSiret('7328A')).toBe('7328A');
  });
});

describe('checkSiret', () => {
  // Real public SIRETs (Luhn checked while writing the test) and ones computed for it.
  it.each(['73282932000074', '44306184100047', '55208131766522', '12345678200010', '98765432100049'])(
    'accepts %s',
    (siret) => {
      expect(checkSiret(siret)).toEqual({ ok: true, siret, siren: siret.slice(0, 9) });
    },
  );

  it('accepts formatted input and returns the normalised number', () => {
    expect(checkSiret('732 829 320 00074')).toEqual({ ok: true, siret: '73282932000074', siren: '732829320' });
  });

  it('rejects a one-digit change with reason checksum', () => {
    expect(checkSiret('73282932000075')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkSiret('73282932100074')).toEqual({ ok: false, reason: 'checksum' });
  });

  it.each(['7328293200007', '732829320000745', '', '7328293200007A', '732829320'])(
    'rejects %j with reason format',
    (input) => {
      expect(checkSiret(input)).toEqual({ ok: false, reason: 'format' });
    },
  );

  describe('La Poste (SIREN 356000000)', () => {
    it('accepts an establishment that fails Luhn but whose digit sum is a multiple of 5', () => {
      // 3+5+6+4+7+7+3 = 35. This SIRET appears as a La Poste carrier in public test data.
      expect(checkSiret('35600000040773')).toEqual({ ok: true, siret: '35600000040773', siren: '356000000' });
    });

    it('accepts the head office, which satisfies Luhn instead (digit sum 26)', () => {
      expect(checkSiret('35600000000048').ok).toBe(true);
    });

    it('rejects an establishment that satisfies neither rule', () => {
      expect(checkSiret('35600000040774')).toEqual({ ok: false, reason: 'checksum' });
    });

    it('does not apply the multiple-of-5 rule to other companies', () => {
      // Digit sum 40, Luhn invalid.
      expect(checkSiret('12345678200011')).toEqual({ ok: false, reason: 'checksum' });
    });
  });
});

describe('looksLikeSiret', () => {
  it.each(['732829320', '732 829 320', '73282932000074', '7328293200007'])('%j is a SIREN/SIRET search', (q) => {
    expect(looksLikeSiret(q)).toBe(true);
  });

  it.each(['73282932', '732829320000745', 'Renault', '732829320 Renault', ''])('%j is a name search', (q) => {
    expect(looksLikeSiret(q)).toBe(false);
  });
});

describe('formatSiret', () => {
  it('groups as SIREN in threes, then the NIC', () => {
    expect(formatSiret('12345678900012')).toBe('123 456 789 00012');
    expect(formatSiret('123.456.789-00012')).toBe('123 456 789 00012');
  });

  it('returns input that is not 14 digits unchanged', () => {
    expect(formatSiret('732829320')).toBe('732829320');
  });
});
