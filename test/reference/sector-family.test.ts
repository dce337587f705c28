import { describe, it, expect } from 'vitest';
import { searchNafSubclasses, nafSection } from '../../src/reference/naf.js';
import {
  SECTOR_FAMILY_BY_NAF_SECTION,
  SECTOR_FAMILY_LABELS,
  sectorFamilyOf,
  type SectorFamily,
} from '../../src/reference/sector-family.js';

describe('SECTOR_FAMILY_BY_NAF_SECTION', () => {
  it('covers every NAF section found in the data', () => {
    const sections = new Set(
      '0123456789'
        .split('')
        .flatMap((d) => searchNafSubclasses(d, 10_000))
        .map((e) => nafSection(e.code).code),
    );
    expect([...sections].sort()).toEqual(Object.keys(SECTOR_FAMILY_BY_NAF_SECTION).sort());
  });

  it('groups sections as documented', () => {
    const bySection = (family: SectorFamily) =>
      Object.entries(SECTOR_FAMILY_BY_NAF_SECTION)
        .filter(([, f]) => f === family)
        .map(([s]) => s)
        .sort()
        .join('');
    expect(bySection('industrie')).toBe('BCDE');
    expect(bySection('construction')).toBe('F');
    expect(bySection('services_aux_entreprises')).toBe('JMN');
    expect(bySection('commerce_transport')).toBe('GHI');
    expect(bySection('autre')).toBe('AKLOPQRSTU');
  });
});

describe('sectorFamilyOf', () => {
  it.each([
    ['25.62B', 'industrie'], // Mécanique industrielle
    ['35.11Z', 'industrie'], // Production d'électricité
    ['43.99C', 'construction'],
    ['62.01Z', 'services_aux_entreprises'],
    ['71.12B', 'services_aux_entreprises'], // Ingénierie, études techniques
    ['78.10Z', 'services_aux_entreprises'], // Placement de main-d'œuvre
    ['47.52A', 'commerce_transport'],
    ['64.19Z', 'autre'], // Banking: K is not a business service here
    ['68.20A', 'autre'], // Real estate: L
    ['01.11Z', 'autre'],
  ] as const)('%s → %s', (code, family) => {
    expect(sectorFamilyOf(code)).toBe(family);
  });

  it('accepts the same loose formatting as findNafSubclass', () => {
    expect(sectorFamilyOf('2562b')).toBe('industrie');
  });

  it('throws on unknown or non-sous-classe codes', () => {
    expect(() => sectorFamilyOf('99.99Z')).toThrow();
    expect(() => sectorFamilyOf('25')).toThrow();
  });
});

describe('SECTOR_FAMILY_LABELS', () => {
  it('has a French label for every family', () => {
    expect(SECTOR_FAMILY_LABELS).toEqual({
      industrie: 'Industrie',
      construction: 'Construction',
      services_aux_entreprises: 'Services aux entreprises',
      commerce_transport: 'Commerce, transport, hébergement',
      autre: 'Autres activités',
    });
  });
});
