/** The synthetic SIRENE stock of the benchmarks (bench/sirene-stock.ts): INSEE's header, valid numbers, seeded. */
import { describe, expect, it } from 'vitest';
import { ETABLISSEMENT_HEADER, stockLines } from '../../bench/sirene-stock.js';
import { checkSiret } from '../../src/reference/siret.js';

describe('the synthetic SIRENE stock', () => {
  it('has INSEE’s header, CRLF line ends, valid SIRETs, and the rows a real stock holds', () => {
    const lines = [...stockLines({ rows: 400, seed: 3 })];
    expect(lines).toHaveLength(401);
    expect(lines[0]).toBe(`${ETABLISSEMENT_HEADER}\r\n`);
    expect(lines.every((l) => l.endsWith('\r\n'))).toBe(true);
    const rows = lines.slice(1);
    // siren, nic and siret open every row, never quoted.
    const sirets = rows.map((l) => l.split(',')[2]!);
    expect(sirets.every((s) => checkSiret(s).ok)).toBe(true);
    expect(new Set(sirets).size).toBe(400);
    // Partially diffusible units, closed establishments, names with commas, territory and elsewhere.
    expect(rows.some((l) => l.split(',')[3] === 'P' && l.includes('[ND]'))).toBe(true);
    expect(rows.some((l) => l.includes(',F,'))).toBe(true);
    expect(rows.some((l) => l.includes('""Les Fils""'))).toBe(true);
    expect(rows.some((l) => l.includes(',18279,'))).toBe(true);
    expect(rows.some((l) => l.includes(',2A004,'))).toBe(true);
  });

  it('is the same for the same seed, another for another, and can leave out the NAF 2025 column', () => {
    const text = (seed: number) => [...stockLines({ rows: 50, seed })].join('');
    expect(text(5)).toBe(text(5));
    expect(text(5)).not.toBe(text(6));
    const old = [...stockLines({ rows: 2, seed: 5, withoutNaf25: true })];
    expect(old[0]).not.toContain('activitePrincipaleNAF25Etablissement');
    expect(old[0]!.split(',')).toHaveLength(ETABLISSEMENT_HEADER.split(',').length - 1);
  });
});
