import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findIndicator, quarterPeriod } from '../../src/services/indicators/catalogue.js';
import { snapshotQuarter, type SnapshotValue } from '../../src/services/indicators/steering.js';
import { annualData } from '../../src/services/reports/annual-data.js';
import { buildDocument, MASKED, type ReportDocument } from '../../src/services/reports/document.js';
import { computeCoverage, coveredBands } from '../../src/services/sirene/coverage.js';
import type { Actor } from '../../src/services/permissions.js';
import { REPORT_TEXTS } from '../../src/texts/report.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/**
 * The coverage of the industrial fabric on a seeded territory, every figure worked out by hand.
 *
 * 12 reference establishments (default criteria: sections B, C, D, E; bands 11 and up):
 *
 * | #   | NAF    | sec | band | state                 | visits                      | counts? | visited 2026? |
 * | --- | ------ | --- | ---- | --------------------- | --------------------------- | ------- | ------------- |
 * | E1  | 25.62B | C   | 11   | active                | 10 March 2026 (Q1)          | yes     | yes           |
 * | E2  | 10.71A | C   | 12   | active                | 20 May and 2 June 2026 (Q2) | yes     | yes (once)    |
 * | E3  | 35.11Z | D   | 21   | active                | 1 February 2026 (Q1)        | yes     | yes           |
 * | E4  | 25.62A | C   | 11   | active                | 15 November 2025 only       | yes     | no            |
 * | E5  | 28.22Z | C   | 22   | active, `P` unit      | none                        | yes     | no            |
 * | E6  | 38.11Z | E   | 11   | active                | none                        | yes     | no            |
 * | E7  | 08.12Z | B   | 12   | active                | none                        | yes     | no            |
 * | E8  | 16.10A | C   | 31   | active                | none                        | yes     | no            |
 * | E9  | 25.11Z | C   | 12   | closed                | 5 March 2026                | no      | –             |
 * | E10 | 25.11Z | C   | 11   | out of the territory  | 5 March 2026                | no      | –             |
 * | E11 | 25.62B | C   | 03   | active, 6 to 9        | 5 March 2026                | no      | –             |
 * | E12 | 47.11B | G   | 12   | active, retail        | 5 March 2026                | no      | –             |
 *
 * Plus a company visited in 2026 whose SIRET is not in the reference: it counts nowhere.
 *
 * Year 2026: 8 matching (E1–E8), 3 visited (E1, E2, E3) → 37.5 %.
 *   By section: B 1 / 0 (0 %), C 5 / 2 (E1, E2: 40 %), D 1 / 1 (100 %), E 1 / 0 (0 %).
 *   By band: 11 3 / 1 (E1: 33.3 %), 12 2 / 1 (E2: 50 %), 21 1 / 1 (100 %), 22 1 / 0, 31 1 / 0.
 * Q1 2026: E1 and E3 → 2 / 8 = 25 % (B 0, C 1 / 5 = 20 %, D 100 %, E 0).
 * Q2 2026: E2 → 1 / 8 = 12.5 %.
 */
const PARIS = 'Europe/Paris';
const { db } = withTestDatabase();
let capteur: Actor;

const SECTION = {
  B: 'B — Industries extractives',
  C: 'C — Industrie manufacturière',
  D: "D — Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
  E: "E — Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
};

type Seed = {
  n: number;
  naf: string;
  band: string | null;
  active?: boolean;
  inTerritory?: boolean;
  diffusible?: boolean;
  visits: string[];
};
const SEEDS: Seed[] = [
  { n: 1, naf: '25.62B', band: '11', visits: ['2026-03-10'] },
  { n: 2, naf: '10.71A', band: '12', visits: ['2026-05-20', '2026-06-02'] },
  { n: 3, naf: '35.11Z', band: '21', visits: ['2026-02-01'] },
  { n: 4, naf: '25.62A', band: '11', visits: ['2025-11-15'] },
  { n: 5, naf: '28.22Z', band: '22', diffusible: false, visits: [] },
  { n: 6, naf: '38.11Z', band: '11', visits: [] },
  { n: 7, naf: '08.12Z', band: '12', visits: [] },
  { n: 8, naf: '16.10A', band: '31', visits: [] },
  { n: 9, naf: '25.11Z', band: '12', active: false, visits: ['2026-03-05'] },
  { n: 10, naf: '25.11Z', band: '11', inTerritory: false, visits: ['2026-03-05'] },
  { n: 11, naf: '25.62B', band: '03', visits: ['2026-03-05'] },
  { n: 12, naf: '47.11B', band: '12', visits: ['2026-03-05'] },
];
const siretOf = (n: number) => `9000000000${String(n).padStart(4, '0')}`;

beforeAll(async () => {
  const structure = await makeStructure(db.prisma, 'CCI', 'cci');
  capteur = await makeMember(db.prisma, 'UCOVCAPT', ['capteur'], structure.id);
});

beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
});

/** The 12 establishments, their companies and visits of the table above. */
async function seedTerritory(): Promise<void> {
  await db.prisma.sireneEstablishment.createMany({
    data: SEEDS.map((s) => ({
      siret: siretOf(s.n),
      siren: siretOf(s.n).slice(0, 9),
      displayName: s.diffusible === false ? 'Établissement non diffusible' : `Établissement ${s.n}`,
      searchText: `etablissement ${s.n}`,
      nafCode: s.naf,
      nafNomenclature: 'NAFRev2',
      headcountBand: s.band,
      communeCode: '18279',
      diffusible: s.diffusible ?? true,
      active: s.active ?? true,
      inTerritory: s.inTerritory ?? true,
    })),
  });
  for (const s of SEEDS) {
    if (s.visits.length === 0) continue;
    const company = await makeCompany(db.prisma, { name: `Entreprise ${s.n}`, siret: siretOf(s.n) });
    for (const date of s.visits) await makeVisit(db.prisma, capteur, company.id, { date });
  }
  const outside = await makeCompany(db.prisma, { name: 'Hors répertoire', siret: '90000000009999' });
  await makeVisit(db.prisma, capteur, outside.id, { date: '2026-03-10' });
}

const YEAR_2026 = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };

describe('the coverage of the industrial fabric', () => {
  it('counts active establishments in the territory of the sections and bands chosen, and those visited', async () => {
    await seedTerritory();
    const coverage = await computeCoverage(db.prisma, YEAR_2026);
    expect(coverage).toEqual({
      criteria: { sections: ['B', 'C', 'D', 'E'], minBand: '11' },
      referenceEmpty: false,
      matching: 8,
      visited: 3,
      bySection: [
        { code: 'B', label: SECTION.B, matching: 1, visited: 0 },
        { code: 'C', label: SECTION.C, matching: 5, visited: 2 },
        { code: 'D', label: SECTION.D, matching: 1, visited: 1 },
        { code: 'E', label: SECTION.E, matching: 1, visited: 0 },
      ],
      byBand: [
        { code: '11', label: '10 à 19 salariés', matching: 3, visited: 1 },
        { code: '12', label: '20 à 49 salariés', matching: 2, visited: 1 },
        { code: '21', label: '50 à 99 salariés', matching: 1, visited: 1 },
        { code: '22', label: '100 à 199 salariés', matching: 1, visited: 0 },
        { code: '31', label: '200 à 249 salariés', matching: 1, visited: 0 },
      ],
    });
  });

  it('follows the sections and least band configured', async () => {
    await seedTerritory();
    // Section C only, 20 employees and more: E2 (12, visited), E5 (22), E8 (31) → 1 / 3.
    const coverage = await computeCoverage(db.prisma, YEAR_2026, { sections: ['C'], minBand: '12' });
    expect([coverage.matching, coverage.visited]).toEqual([3, 1]);
    expect(coverage.bySection.map((s) => s.code)).toEqual(['C']);
    // Section G (retail), any band from 1 employee: E12 alone, visited.
    const retail = await computeCoverage(db.prisma, YEAR_2026, { sections: ['G'], minBand: '01' });
    expect([retail.matching, retail.visited]).toEqual([1, 1]);
    // 6 to 9 employees and more, section C: E11 joins (visited), closed E9 and E10 (out) never.
    const small = await computeCoverage(db.prisma, YEAR_2026, { sections: ['C'], minBand: '03' });
    expect([small.matching, small.visited]).toEqual([6, 3]);
  });

  it('never counts the bands without employees or unknown', () => {
    expect(coveredBands('01')).toEqual([
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
    expect(coveredBands('11')[0]).toBe('11');
    expect(() => coveredBands('99')).toThrow();
  });
});

describe('the indicator « Couverture du tissu industriel »', () => {
  const indicator = findIndicator('couverture_tissu_industriel')!;

  it('is the share of matching establishments visited in the quarter, by section', async () => {
    await seedTerritory();
    expect(indicator.label).toBe('Couverture du tissu industriel');
    expect(indicator.unit).toBe('percent');
    // Q1: E1 (10 March) and E3 (1 February) of 8.
    expect(await indicator.compute(db.prisma, quarterPeriod(2026, 1, PARIS))).toEqual({
      value: 25,
      breakdown: { [SECTION.B]: 0, [SECTION.C]: 20, [SECTION.D]: 100, [SECTION.E]: 0 },
    });
    // Q2: E2 (visited twice) of 8.
    expect((await indicator.compute(db.prisma, quarterPeriod(2026, 2, PARIS))).value).toBe(12.5);
    // Q4 2025: E4 (15 November) of 8, C 1 / 5.
    expect(await indicator.compute(db.prisma, quarterPeriod(2025, 4, PARIS))).toEqual({
      value: 12.5,
      breakdown: { [SECTION.B]: 0, [SECTION.C]: 20, [SECTION.D]: 0, [SECTION.E]: 0 },
    });
  });

  it('follows the criteria the period carries', async () => {
    await seedTerritory();
    // Section D only: E3, visited 1 February.
    const period = { ...quarterPeriod(2026, 1, PARIS), coverage: { sections: ['D'], minBand: '11' } };
    expect(await indicator.compute(db.prisma, period)).toEqual({ value: 100, breakdown: { [SECTION.D]: 100 } });
  });

  it('is frozen into the quarter’s snapshot with the criteria configured', async () => {
    await seedTerritory();
    // Sections C and D: E1 (C, 10 March) and E3 (D, 1 February) of the 6 matching (E1–E5, E8).
    const { snapshot } = await snapshotQuarter(db.prisma, 2026, 1, new Date('2026-04-02T08:00:00Z'), PARIS, undefined, {
      sections: ['C', 'D'],
      minBand: '11',
    });
    const frozen = (snapshot.values as unknown as SnapshotValue[]).find((v) => v.key === 'couverture_tissu_industriel');
    expect(frozen).toMatchObject({
      label: 'Couverture du tissu industriel',
      unit: 'percent',
      value: 33.3,
      breakdown: { [SECTION.C]: 20, [SECTION.D]: 100 },
    });
  });

  it('cannot be computed without the reference', async () => {
    const company = await makeCompany(db.prisma, { name: 'Visitée', siret: siretOf(1) });
    await makeVisit(db.prisma, capteur, company.id, { date: '2026-03-10' });
    expect(await indicator.compute(db.prisma, quarterPeriod(2026, 1, PARIS))).toEqual({ value: null, breakdown: {} });
  });
});

const coverageSection = (doc: ReportDocument) =>
  doc.sections.find((s) => s.title === REPORT_TEXTS.sections.coverage.title)!;
const table = (doc: ReportDocument, title: string) => coverageSection(doc).tables!.find((t) => t.title === title)!;

describe('the annual report’s coverage section', () => {
  it('gives the year’s shares by section and by band, in the internal edition', async () => {
    await seedTerritory();
    const data = await annualData(db.prisma, 2026, PARIS);
    const doc = buildDocument(data, 'interne');
    const section = coverageSection(doc);
    expect(section.paragraphs).toEqual([REPORT_TEXTS.sections.coverage.text(2026, 'B, C, D et E', '10 à 19 salariés')]);
    expect(table(doc, REPORT_TEXTS.titles.coverageSections).rows).toEqual([
      [SECTION.B, 1, 0, '0 %'],
      [SECTION.C, 5, 2, '40 %'],
      [SECTION.D, 1, 1, '100 %'],
      [SECTION.E, 1, 0, '0 %'],
      [REPORT_TEXTS.titles.coverageTotal, 8, 3, '37,5 %'],
    ]);
    expect(table(doc, REPORT_TEXTS.titles.coverageBands).rows).toEqual([
      ['10 à 19 salariés', 3, 1, '33,3 %'],
      ['20 à 49 salariés', 2, 1, '50 %'],
      ['50 à 99 salariés', 1, 1, '100 %'],
      ['100 à 199 salariés', 1, 0, '0 %'],
      ['200 à 249 salariés', 1, 0, '0 %'],
      [REPORT_TEXTS.titles.coverageTotal, 8, 3, '37,5 %'],
    ]);
    // Nothing but counts and reference labels: no SIRET, no name, not even the `P` unit's.
    const text = JSON.stringify(data.coverage);
    for (const s of SEEDS) expect(text).not.toContain(siretOf(s.n));
    expect(text).not.toContain('Établissement');
  });

  it('masks in the public edition every cell under 5, and the shares they make', async () => {
    await seedTerritory();
    const doc = buildDocument(await annualData(db.prisma, 2026, PARIS), 'publique');
    const sections = table(doc, REPORT_TEXTS.titles.coverageSections).rows;
    const bands = table(doc, REPORT_TEXTS.titles.coverageBands).rows;
    // D: 1 establishment, 1 visited — both under 5, masked, and its 100 % with them.
    expect(sections[2]).toEqual([SECTION.D, MASKED, MASKED, MASKED]);
    // The 3 visited of 8 overall are masked too (and so is the share).
    expect(sections.at(-1)!.slice(2)).toEqual([MASKED, MASKED]);
    // No count from 1 to 4 is printed anywhere in the section.
    for (const row of [...sections, ...bands])
      for (const cell of row.slice(1, 3)) expect(typeof cell === 'number' && cell > 0 && cell < 5).toBe(false);
    // Each row shows a share only when both its counts are shown.
    for (const row of [...sections, ...bands]) if (row[1] === MASKED || row[2] === MASKED) expect(row[3]).toBe(MASKED);
  });

  it('publishes every count when none is under 5 nor can be worked out to be', async () => {
    // Sections C and E, bands 11 and 12: in each of the 4 crossings, 5 establishments visited in
    // 2026 and 5 not. So C 20 / 10, E 20 / 10, band 11 20 / 10, band 12 20 / 10, the whole 40 / 20.
    let n = 100;
    for (const naf of ['25.62B', '38.11Z'])
      for (const band of ['11', '12'])
        for (let i = 0; i < 10; i += 1) {
          n += 1;
          await db.prisma.sireneEstablishment.create({
            data: {
              siret: siretOf(n),
              siren: siretOf(n).slice(0, 9),
              displayName: `Établissement ${n}`,
              searchText: `etablissement ${n}`,
              nafCode: naf,
              nafNomenclature: 'NAFRev2',
              headcountBand: band,
              communeCode: '18279',
            },
          });
          if (i >= 5) continue;
          const company = await makeCompany(db.prisma, { name: `Entreprise ${n}`, siret: siretOf(n) });
          await makeVisit(db.prisma, capteur, company.id, { date: '2026-09-01' });
        }
    const data = await annualData(db.prisma, 2026, PARIS, { sections: ['C', 'E'], minBand: '11' });
    const expected = {
      [REPORT_TEXTS.titles.coverageSections]: [
        [SECTION.C, 20, 10, '50 %'],
        [SECTION.E, 20, 10, '50 %'],
        [REPORT_TEXTS.titles.coverageTotal, 40, 20, '50 %'],
      ],
      [REPORT_TEXTS.titles.coverageBands]: [
        ['10 à 19 salariés', 20, 10, '50 %'],
        ['20 à 49 salariés', 20, 10, '50 %'],
        [REPORT_TEXTS.titles.coverageTotal, 40, 20, '50 %'],
      ],
    };
    for (const edition of ['interne', 'publique'] as const) {
      const doc = buildDocument(data, edition);
      for (const [title, rows] of Object.entries(expected)) expect(table(doc, title).rows).toEqual(rows);
    }
  });

  it('says in one sentence that the reference is not imported yet, rather than 0 %', async () => {
    const company = await makeCompany(db.prisma, { name: 'Visitée', siret: siretOf(1) });
    await makeVisit(db.prisma, capteur, company.id, { date: '2026-03-10' });
    const data = await annualData(db.prisma, 2026, PARIS);
    for (const edition of ['interne', 'publique'] as const) {
      const section = coverageSection(buildDocument(data, edition));
      expect(section.paragraphs).toEqual([
        'Le répertoire des établissements du territoire (SIRENE) n’a pas encore été importé : la couverture du tissu industriel ne peut pas être calculée.',
      ]);
      expect(section.tables).toBeUndefined();
      expect(JSON.stringify(section)).not.toContain('%');
    }
  });
});
