import { describe, it, expect } from 'vitest';
import {
  NAF_NOMENCLATURE,
  findNafSubclass,
  formatNaf,
  nafSection,
  searchNafSubclasses,
  type NafEntry,
} from '../../src/reference/naf.js';
import { parseCsv } from '../../src/reference/csv.js';

/** Every sous-classe, reached through the public API: all codes start with a digit. */
function allSubclasses(): NafEntry[] {
  return '0123456789'.split('').flatMap((d) => searchNafSubclasses(d, 10_000));
}

describe('parseCsv', () => {
  it('handles quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'a,b,c\n"x, y","say ""hi""","two\nlines"\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
    ]);
  });

  it('keeps empty fields, accepts CRLF and a missing final line break', () => {
    expect(parseCsv('A,section,Label,\r\n53,x,10000,')).toEqual([
      ['A', 'section', 'Label', ''],
      ['53', 'x', '10000', ''],
    ]);
    expect(parseCsv('"",""""')).toEqual([['', '"']]);
  });

  it('rejects an unterminated quoted field', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/unterminated/);
  });
});

describe('NAF data', () => {
  it('is tagged with its nomenclature', () => {
    expect(NAF_NOMENCLATURE).toBe('NAFRev2');
  });

  it('has 732 distinct sous-classes in INSEE code format', () => {
    const all = allSubclasses();
    expect(all).toHaveLength(732);
    expect(new Set(all.map((e) => e.code)).size).toBe(732);
    for (const e of all) {
      expect(e.level).toBe('sous-classe');
      expect(e.code).toMatch(/^\d\d\.\d\d[A-Z]$/);
      expect(e.parent).toBe(e.code.slice(0, 5));
    }
  });

  it('spreads sous-classes over the 21 sections, with the documented counts', () => {
    const perSection = new Map<string, number>();
    for (const e of allSubclasses()) {
      const s = nafSection(e.code);
      expect(s.level).toBe('section');
      expect(s.parent).toBeNull();
      perSection.set(s.code, (perSection.get(s.code) ?? 0) + 1);
    }
    expect([...perSection.keys()].sort().join('')).toBe('ABCDEFGHIJKLMNOPQRSTU');
    expect(perSection.get('C')).toBe(259);
    expect(perSection.get('J')).toBe(33);
    expect(perSection.get('M')).toBe(22);
    expect(perSection.get('N')).toBe(35);
  });
});

describe('findNafSubclass', () => {
  it('finds 25.62B Mécanique industrielle', () => {
    expect(findNafSubclass('25.62B')).toEqual({
      code: '25.62B',
      level: 'sous-classe',
      label: 'Mécanique industrielle',
      parent: '25.62',
    });
  });

  it.each(['2562B', '25.62b', ' 25.62 B ', '25.62\u00a0B'])('tolerates the formatting of %j', (input) => {
    expect(findNafSubclass(input)?.code).toBe('25.62B');
  });

  it.each(['99.99Z', '25', '25.6', '25.62', 'C', '', '25.62X', '25.62BB'])('rejects %j', (input) => {
    expect(findNafSubclass(input)).toBeUndefined();
  });
});

describe('nafSection', () => {
  it('walks up to the section letter', () => {
    expect(nafSection('25.62B')).toMatchObject({ code: 'C', label: 'Industrie manufacturière' });
    expect(nafSection('6201z').code).toBe('J');
    expect(nafSection('01.11Z').code).toBe('A');
    expect(nafSection('99.00Z').code).toBe('U');
  });

  it('throws for unknown or non-sous-classe codes', () => {
    expect(() => nafSection('99.99Z')).toThrow(/Unknown/);
    expect(() => nafSection('25')).toThrow(/Unknown/);
  });
});

describe('searchNafSubclasses', () => {
  const codes = (q: string, limit?: number) => searchNafSubclasses(q, limit).map((e) => e.code);

  it('finds by accent-insensitive word prefixes', () => {
    expect(codes('mecanique indus')).toEqual(['25.62B']);
    expect(codes('MÉCANIQUE INDUS')).toEqual(['25.62B']);
  });

  it('finds by code prefix, with or without the dot', () => {
    expect(searchNafSubclasses('62.01').map(formatNaf)).toEqual(['62.01Z — Programmation informatique']);
    expect(codes('6201')).toEqual(['62.01Z']);
    expect(codes('2562')).toEqual(['25.62A', '25.62B']);
    expect(codes('25.62b')).toEqual(['25.62B']);
  });

  it('returns nothing for an empty query', () => {
    expect(searchNafSubclasses('')).toEqual([]);
    expect(searchNafSubclasses('   ')).toEqual([]);
  });

  it('requires every query word, each at the start of a label word', () => {
    expect(codes('mecanique boulangerie')).toEqual([]);
    // "canique" is inside "mécanique" but starts no word.
    expect(codes('canique')).toEqual([]);
  });

  it('matches ligatures written out', () => {
    expect(codes('gros oeuvre')).toEqual(['43.99C']);
  });

  it('ranks labels where the first word matches earlier first, then keeps code order', () => {
    const results = searchNafSubclasses('mécanique', 100);
    expect(results[0]?.code).toBe('25.62B');
    expect(results.length).toBeGreaterThan(3);
    const position = (e: NafEntry) =>
      e.label
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .split(/[^a-z0-9]+/)
        .filter(Boolean)
        .findIndex((w) => w.startsWith('mecanique'));
    for (let i = 1; i < results.length; i++) {
      const [a, b] = [results[i - 1]!, results[i]!];
      expect(position(a)).toBeLessThanOrEqual(position(b));
      if (position(a) === position(b)) expect(a.code < b.code).toBe(true);
    }
  });

  it('does not list an entry twice when both its code and label match', () => {
    // 47.52A/B have "400" in their label and start with "4".
    const found = codes('4', 10_000);
    expect(found.filter((c) => c === '47.52A')).toHaveLength(1);
    // "(400 m² et plus)" has the word earlier than "(moins de 400 m²)".
    expect(codes('400')).toEqual(['47.52B', '47.52A']);
  });

  it('honours the limit (default 20)', () => {
    expect(searchNafSubclasses('fabrication')).toHaveLength(20);
    expect(searchNafSubclasses('fabrication', 5)).toHaveLength(5);
    expect(searchNafSubclasses('fabrication', 0)).toEqual([]);
  });

  it('is fast enough for type-ahead', () => {
    searchNafSubclasses('warm up');
    const start = performance.now();
    for (let i = 0; i < 500; i++) searchNafSubclasses('fabrication de produits');
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('formatNaf', () => {
  it('joins code and label with an em dash', () => {
    expect(formatNaf(findNafSubclass('25.62B')!)).toBe('25.62B — Mécanique industrielle');
  });
});
