import { describe, expect, it } from 'vitest';
import { aggregateAnnualData, type AnnualData, type AnnualRows } from '../../src/services/reports/annual-data.js';
import {
  buildDocument,
  MASKED,
  OTHERS_MASKED,
  TITLES,
  type ReportDocument,
} from '../../src/services/reports/document.js';
import { SecretPlan } from '../../src/services/reports/secret.js';
import { findDeterminedCells, publishedSystem, UNIFORM_MARKS, type MarkBounds } from '../support/statistical-secret.js';
import { prng, syntheticCompanies, syntheticCoverage, syntheticRows } from '../support/synthetic-year.js';

/**
 * The public edition's statistical secret against subtraction (issue 10, 4b): the checker
 * (test/support/statistical-secret.ts) reads an edition as a reader would and proves, with integer
 * linear programs, that no masked count can be worked out. First it is shown to catch the leaks it
 * is for; then it is run on small and random territories (the seeded years of the database are in
 * annual-report.test.ts).
 */

const year = (rows: AnnualRows): AnnualData => aggregateAnnualData(2025, rows);
const section = (doc: ReportDocument, title: string) =>
  doc.sections.find((s) => s.chart?.title === title || s.tables?.some((t) => t.title === title))!;

/** A year where every company has the same profile but its commune: only the communes can leak. */
function communesOnly(communes: [string, number][]): AnnualData {
  const n = communes.reduce((s, [, c]) => s + c, 0);
  return year({
    visits: [{ visits: n, companies: n, structures: 6, capteurs: 9 }],
    months: [{ month: 3, n }],
    committees: [{ committees: 0, examined: 0, informed: 0 }],
    actions: [{ created: 0, done: 0, abandoned: 0, open: 0 }],
    alerts: [{ alerts: 0, transmitted: 0, within: 0, diffused: 0, positions: 0 }],
    companies: communes.map(([commune, c]) => ({ nafCode: '25.62B', headcountBand: '12', commune, n: c })),
    stakes: [{ stake: 'recrutement', nafCode: '25.62B', headcountBand: '12', high: true, n }],
    hiring: [],
  });
}

/** The marks of the old public edition: « < 5 » for a count under 5, « s » for one of the larger ones masked with it. */
const OLD_MARKS: MarkBounds = {
  '< 5': { min: 1, max: 4 },
  s: { min: 5, max: Infinity },
  'n.s.': { min: 0, max: Infinity },
};

describe('the subtraction checker', () => {
  it('finds the issue’s leak: « Vierzon 5 / Autres 6 » and « Bourges s / Saint-Amand-Montrond < 5 » out of 11 give Saint-Amand-Montrond 1', () => {
    // The year the issue saw, and the commune chart and table the old rule printed for it.
    const doc = buildDocument(
      communesOnly([
        ['Vierzon', 5],
        ['Bourges', 5],
        ['Saint-Amand-Montrond', 1],
      ]),
      'publique',
    );
    const territory = section(doc, TITLES.communes);
    territory.chart!.bars = [
      { label: 'Vierzon', value: 5 },
      { label: OTHERS_MASKED, value: 6 },
    ];
    territory.tables![0]!.rows = [
      ['Bourges', 's', 's'],
      ['Vierzon', 5, '45,5 %'],
      ['Saint-Amand-Montrond', '< 5', 'n.s.'],
    ];
    const findings = findDeterminedCells(publishedSystem(doc, OLD_MARKS));
    expect(findings).toEqual([
      { cell: 'commune:Bourges', min: 5, max: 5 },
      { cell: 'commune:Saint-Amand-Montrond', min: 1, max: 1 },
    ]);
    // One mark for every masked cell: the same figures no longer tell which is the small one.
    territory.tables![0]!.rows = [
      ['Bourges', MASKED, MASKED],
      ['Vierzon', 5, '45,5 %'],
      ['Saint-Amand-Montrond', MASKED, MASKED],
    ];
    expect(findDeterminedCells(publishedSystem(doc, UNIFORM_MARKS))).toEqual([]);
  });

  it('finds a leak through a crossing: a sector’s cell shown under a masked sector bounds it', () => {
    // 30 companies: 12 factories (recruitment), 8 services (recruitment, export), 7 shops (digital), 3 builders (transmission).
    const rows: AnnualRows = {
      visits: [{ visits: 42, companies: 30, structures: 2, capteurs: 2 }],
      months: [{ month: 11, n: 42 }],
      committees: [{ committees: 0, examined: 0, informed: 0 }],
      actions: [{ created: 0, done: 0, abandoned: 0, open: 0 }],
      alerts: [{ alerts: 0, transmitted: 0, within: 0, diffused: 0, positions: 0 }],
      companies: [
        { nafCode: '25.62B', headcountBand: '12', commune: 'Vierzon', n: 12 },
        { nafCode: '47.11B', headcountBand: '03', commune: 'Vierzon', n: 7 },
        { nafCode: '70.22Z', headcountBand: '21', commune: 'Bourges', n: 8 },
        { nafCode: '43.22A', headcountBand: '11', commune: 'Issoudun', n: 3 },
      ],
      stakes: [
        { stake: 'recrutement', nafCode: '25.62B', headcountBand: '12', high: true, n: 12 },
        { stake: 'numerique', nafCode: '47.11B', headcountBand: '03', high: false, n: 7 },
        { stake: 'recrutement', nafCode: '70.22Z', headcountBand: '21', high: false, n: 8 },
        { stake: 'export', nafCode: '70.22Z', headcountBand: '21', high: true, n: 8 },
        { stake: 'transmission_reprise', nafCode: '43.22A', headcountBand: '11', high: true, n: 3 },
      ],
      hiring: [],
    };
    const doc = buildDocument(year(rows), 'publique');
    expect(findDeterminedCells(publishedSystem(doc))).toEqual([]);
    // The shops are masked with the builders (3 + 7 in « Autres »); print their digital column as
    // it was before (7) and the shops are at least 7, so the builders at most 3.
    const crossing = doc.sections.flatMap((s) => s.tables ?? []).find((t) => t.title === TITLES.familyByStake)!;
    const shops = crossing.rows.find((r) => r[0] === 'Commerce, transport, hébergement')!;
    expect(shops[crossing.headers.indexOf('Numérique')]).toBe(MASKED);
    shops[crossing.headers.indexOf('Numérique')] = 7;
    const stakes = doc.sections.flatMap((s) => s.tables ?? []).find((t) => t.title === TITLES.stakes)!;
    stakes.rows.find((r) => r[0] === 'Numérique')!.splice(1, 1, 7);
    expect(findDeterminedCells(publishedSystem(doc)).map((f) => f.cell)).toContain('family:Construction');
  });

  it('finds a small count worked out from two shown ones (companies of a stake and those at high priority)', () => {
    const doc = buildDocument(communesOnly([['Vierzon', 12]]), 'publique');
    expect(findDeterminedCells(publishedSystem(doc))).toEqual([]);
    const stakes = doc.sections.flatMap((s) => s.tables ?? []).find((t) => t.title === TITLES.stakes)!;
    stakes.rows[0]![2] = 9; // 12 cite recruitment, 9 at high priority: 3 at another
    expect(findDeterminedCells(publishedSystem(doc))).toEqual([
      { cell: 'stake:Recrutement − high:Recrutement', min: 3, max: 3 },
    ]);
  });
});

describe('the subtraction checker on the coverage of the industrial fabric', () => {
  /** 40 companies visited; 60 establishments of the reference, 12 of them visited. */
  const withCoverage = (): AnnualData => {
    const data = communesOnly([
      ['Vierzon', 25],
      ['Bourges', 15],
    ]);
    data.coverage = {
      criteria: { sections: ['C', 'E'], minBand: '11' },
      referenceEmpty: false,
      matching: 60,
      visited: 12,
      bySection: [
        { code: 'C', label: 'C — Industrie manufacturière', matching: 50, visited: 10 },
        { code: 'E', label: 'E — Eau, déchets', matching: 10, visited: 2 },
      ],
      byBand: [
        { code: '11', label: '10 à 19 salariés', matching: 40, visited: 9 },
        { code: '12', label: '20 à 49 salariés', matching: 20, visited: 3 },
      ],
    };
    return data;
  };
  const coverageTable = (doc: ReportDocument, title: string) =>
    doc.sections.flatMap((s) => s.tables ?? []).find((t) => t.title === title)!;

  it('masks the small counts so that none can be worked out from the totals', () => {
    const doc = buildDocument(withCoverage(), 'publique');
    const bySection = coverageTable(doc, TITLES.coverageSections);
    expect(bySection.rows.map((r) => r[2])).toEqual([MASKED, MASKED, 12]);
    expect(findDeterminedCells(publishedSystem(doc))).toEqual([]);
  });

  it('finds the leak when a masked cell of a coverage table is printed', () => {
    const doc = buildDocument(withCoverage(), 'publique');
    const bySection = coverageTable(doc, TITLES.coverageSections);
    bySection.rows[0]![2] = 10; // section C's 10 visited, next to the total of 12: E's 2 follow
    bySection.rows[0]![3] = '20 %';
    expect(findDeterminedCells(publishedSystem(doc)).map((f) => f.cell)).toContain(
      `coverage:${TITLES.coverageSections}:E — Eau, déchets:visited`,
    );
  });
});

describe('the public edition holds the secret', () => {
  const editions = (seeds: number[], size: (seed: number) => number) =>
    seeds.map((seed) => {
      const rng = prng(seed);
      const data = year(syntheticRows(rng, syntheticCompanies(rng, size(seed))));
      // Most years with the coverage of the industrial fabric, of a reference of 3 to 400 establishments.
      if (seed % 4 !== 3) data.coverage = syntheticCoverage(rng, 3 + Math.floor(rng() * 400), data.activity.companies);
      return { seed, data };
    });

  it('on small territories (a dozen companies): nothing masked can be worked out', () => {
    for (const { seed, data } of editions(
      [...Array(16).keys()].map((i) => 100 + i),
      (seed) => 8 + (seed % 8),
    )) {
      const doc = buildDocument(data, 'publique');
      expect({ seed, findings: findDeterminedCells(publishedSystem(doc)) }).toEqual({ seed, findings: [] });
    }
  });

  it('on random years of many territories, from 5 to 200 companies', () => {
    const sizes = [5, 12, 20, 35, 60, 100, 200];
    let masked = 0;
    for (const { seed, data } of editions(
      [...Array(28).keys()].map((i) => 1000 + i),
      (seed) => sizes[seed % sizes.length]!,
    )) {
      const doc = buildDocument(data, 'publique');
      masked += JSON.stringify(doc).split(`"${MASKED}"`).length - 1;
      expect({ seed, findings: findDeterminedCells(publishedSystem(doc)) }).toEqual({ seed, findings: [] });
    }
    // The years are not trivial: they mask a lot.
    expect(masked).toBeGreaterThan(500);
  });

  it('masks nothing where nothing is small', () => {
    const doc = buildDocument(
      communesOnly([
        ['Vierzon', 40],
        ['Bourges', 25],
        ['Issoudun', 9],
      ]),
      'publique',
    );
    expect(JSON.stringify(doc)).not.toContain(`"${MASKED}"`);
  });
});

describe('the secret plan', () => {
  it('masks, in a partition with a published total, at least two cells that leave each one room up to 5', () => {
    const plan = new SecretPlan();
    plan.count('total', 11);
    plan.sum('total', [plan.count('a', 5), plan.count('b', 5), plan.count('c', 1)]);
    plan.resolve();
    expect(['a', 'b', 'c'].filter((k) => plan.masked(k))).toHaveLength(2);
    expect(plan.masked('c')).toBe(true);
    // 1 and 2 masked together leave each at most 2: a third cell joins them.
    const small = new SecretPlan();
    small.count('total', 30);
    small.sum('total', [small.count('a', 20), small.count('b', 7), small.count('c', 1), small.count('d', 2)]);
    small.resolve();
    expect(['a', 'b', 'c', 'd'].map((k) => small.masked(k))).toEqual([false, true, true, true]);
  });

  it('masks a total that is a single part together with it, and a total whose parts would all show', () => {
    const plan = new SecretPlan();
    plan.count('all', 20);
    plan.count('family', 3);
    plan.count('other', 17);
    plan.sum('all', ['family', 'other']);
    plan.sum('family', [plan.count('section', 3), plan.count('empty section', 0)]);
    plan.resolve();
    expect(plan.masked('section')).toBe(true);
    expect(plan.masked('other')).toBe(true);
    expect(plan.masked('all')).toBe(false);
  });
});
