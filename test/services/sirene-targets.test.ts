import ExcelJS from 'exceljs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../src/services/errors.js';
import type { Actor } from '../../src/services/permissions.js';
import {
  addProposedTargets,
  matchesServiceCode,
  proposeTargets,
  type TargetCriteria,
  type TargetSettings,
} from '../../src/services/sirene/targets.js';
import { renderTargetsSheet } from '../../src/services/sirene/targets-sheet.js';
import { addCalendarMonths } from '../../src/time.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/**
 * Proposed targets on a seeded territory, every figure worked out by hand. Today is 3 December
 * 2026; the programmes are 2027's. Default criteria: sections B–E plus the services to industry
 * (here 71.12B only), band 11 and up, the whole territory, not visited for 12 months (since
 * 3 December 2025).
 *
 * | #   | NAF    | band | commune  | state                                  | proposed by default?           |
 * | --- | ------ | ---- | -------- | -------------------------------------- | ------------------------------ |
 * | T1  | 25.62B | 12   | Vierzon  | active                                 | yes → CCI                      |
 * | T2  | 10.71C | 11   | Vierzon  | trade register                         | yes → CMA                      |
 * | T3  | 25.62B | 03   | Vierzon  | 6 to 9 employees                       | no (band)                      |
 * | T4  | 47.11D | 21   | Vierzon  | retail (section G)                     | no (section)                   |
 * | T5  | 71.12B | 11   | Vierzon  | engineering (a service to industry)    | yes → CCI                      |
 * | T6  | 28.22Z | 12   | Vierzon  | `P` unit                               | no: left, not diffusible       |
 * | T7  | 25.62B | 12   | Vierzon  | closed                                 | no                             |
 * | T8  | 25.62B | 12   | Vierzon  | out of the territory                   | no                             |
 * | T9  | 25.62B | 12   | Vierzon  | visited 3 September 2026               | no: left, visited lately       |
 * | T10 | 25.62B | 12   | Vierzon  | visited 3 June 2025 only               | yes → CCI                      |
 * | T11 | 25.62B | 12   | Vierzon  | a target of the CCI's 2027 programme   | no: left, already a target     |
 * | T12 | 25.62B | NN   | Vierzon  | non-employer                           | no (band)                      |
 * | T13 | 25.62B | 12   | Vierzon  | its company erased from the platform   | no, and counted nowhere        |
 * | T14 | 2956   | 12   | Vierzon  | NAF rév. 1 code                        | no                             |
 * | T15 | 25.62B | 12   | Bourges  | active                                 | yes → CCI                      |
 *
 * Default: 5 proposed (CCI: T1, T5, T10, T15; CMA: T2); left: 1 visited lately, 1 already a
 * target, 1 not diffusible.
 */
const { db } = withTestDatabase();
let coordinator: Actor;
let capteur: Actor;
let cci: { id: string };
let cma: { id: string };

const TODAY = '2026-12-03';
const SETTINGS: TargetSettings = { serviceNafCodes: ['71.12B'], tradeRegisterKind: 'cma', otherKind: 'cci' };
const DEFAULT: TargetCriteria = {
  sections: ['B', 'C', 'D', 'E'],
  withServices: true,
  minBand: '11',
  communes: [],
  notVisitedMonths: 12,
  year: 2027,
};
const siretOf = (n: number) => `8000000000${String(n).padStart(4, '0')}`;

type Seed = {
  n: number;
  naf: string;
  band: string;
  commune?: '18279' | '18033';
  tradeRegister?: boolean;
  diffusible?: boolean;
  active?: boolean;
  inTerritory?: boolean;
  nomenclature?: string;
};
const SEEDS: Seed[] = [
  { n: 1, naf: '25.62B', band: '12' },
  { n: 2, naf: '10.71C', band: '11', tradeRegister: true },
  { n: 3, naf: '25.62B', band: '03' },
  { n: 4, naf: '47.11D', band: '21' },
  { n: 5, naf: '71.12B', band: '11' },
  { n: 6, naf: '28.22Z', band: '12', diffusible: false },
  { n: 7, naf: '25.62B', band: '12', active: false },
  { n: 8, naf: '25.62B', band: '12', inTerritory: false },
  { n: 9, naf: '25.62B', band: '12' },
  { n: 10, naf: '25.62B', band: '12' },
  { n: 11, naf: '25.62B', band: '12' },
  { n: 12, naf: '25.62B', band: 'NN' },
  { n: 13, naf: '25.62B', band: '12' },
  { n: 14, naf: '29.5G', band: '12', nomenclature: 'NAFRev1' },
  { n: 15, naf: '25.62B', band: '12', commune: '18033' },
];

beforeAll(async () => {
  // Two CCIs: the first by name takes the proposals; an inactive CMA never does.
  cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  await makeStructure(db.prisma, 'CCI Zéro', 'cci');
  cma = await makeStructure(db.prisma, 'CMA Centre-Val de Loire', 'cma');
  await db.prisma.structure.create({ data: { name: 'CMA ancienne', kind: 'cma', active: false } });
  coordinator = await makeMember(db.prisma, 'UTGTCOORD', ['coordinateur']);
  capteur = await makeMember(db.prisma, 'UTGTCAPT', ['capteur'], cci.id);
});

beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
});

/** The 15 establishments of the table above, their companies, visits and the CCI's 2027 programme. */
async function seedTerritory(): Promise<void> {
  await db.prisma.sireneEstablishment.createMany({
    data: SEEDS.map((s) => ({
      siret: siretOf(s.n),
      siren: siretOf(s.n).slice(0, 9),
      displayName: s.diffusible === false ? 'Établissement non diffusible' : `Établissement ${s.n}`,
      searchText: `etablissement ${s.n}`,
      nafCode: s.naf,
      nafNomenclature: s.nomenclature ?? 'NAFRev2',
      headcountBand: s.band,
      communeCode: s.commune ?? '18279',
      communeName: s.commune === '18033' ? 'Bourges' : 'Vierzon',
      postalCode: s.commune === '18033' ? '18000' : '18100',
      tradeRegister: s.tradeRegister ?? false,
      diffusible: s.diffusible ?? true,
      active: s.active ?? true,
      inTerritory: s.inTerritory ?? true,
    })),
  });
  const t9 = await makeCompany(db.prisma, { name: 'Entreprise 9', siret: siretOf(9) });
  await makeVisit(db.prisma, capteur, t9.id, { date: '2026-09-03' });
  const t10 = await makeCompany(db.prisma, { name: 'Entreprise 10', siret: siretOf(10) });
  await makeVisit(db.prisma, capteur, t10.id, { date: '2025-06-03' });
  const t13 = await makeCompany(db.prisma, { name: 'Entreprise 13', siret: siretOf(13) });
  await db.prisma.company.update({ where: { id: t13.id }, data: { name: 'Entreprise effacée', erasedAt: new Date() } });
  await db.prisma.visitProgramme.create({
    data: { structureId: cci.id, year: 2027, monthlyTarget: 8, targets: { create: [{ siret: siretOf(11) }] } },
  });
}

const sirets = (targets: { siret: string }[]) => targets.map((t) => t.siret);

describe('proposed targets from the SIRENE reference', () => {
  it('proposes the active establishments of the criteria not visited lately, split between the CCI and the CMA', async () => {
    await seedTerritory();
    const p = await proposeTargets(db.prisma, DEFAULT, SETTINGS, TODAY);
    expect(p.total).toBe(5);
    expect(p.left).toEqual({ visitedLately: 1, alreadyTargets: 1, notDiffusible: 1 });
    const [other, trade] = p.groups;
    expect(other).toMatchObject({
      route: 'other',
      kind: 'cci',
      structure: { id: cci.id, name: 'CCI du Cher', monthlyTarget: 8 },
    });
    // Ordered by commune code, then name: Bourges (18033) before Vierzon (18279).
    expect(sirets(other!.targets)).toEqual([siretOf(15), siretOf(1), siretOf(10), siretOf(5)]);
    expect(trade).toMatchObject({
      route: 'tradeRegister',
      kind: 'cma',
      structure: { id: cma.id, monthlyTarget: null },
    });
    expect(sirets(trade!.targets)).toEqual([siretOf(2)]);
    const t10 = other!.targets.find((t) => t.siret === siretOf(10))!;
    expect(t10.lastVisit).toEqual(new Date('2025-06-03T00:00:00Z'));
    expect(t10.companyId).not.toBeNull();
    expect(other!.targets.find((t) => t.siret === siretOf(1))).toMatchObject({
      name: 'Établissement 1',
      bandLabel: '20 à 49 salariés',
      communeName: 'Vierzon',
      companyId: null,
      lastVisit: null,
    });
  });

  it('follows each criterion: services, communes, months without a visit, never visited, the least band', async () => {
    await seedTerritory();
    const total = async (c: Partial<TargetCriteria>) =>
      (await proposeTargets(db.prisma, { ...DEFAULT, ...c }, SETTINGS, TODAY)).total;
    expect(await total({ withServices: false })).toBe(4); // T5 out
    expect(await total({ communes: ['18279'] })).toBe(4); // T15 out
    expect(await total({ communes: ['18033'] })).toBe(1); // T15 only
    expect(await total({ notVisitedMonths: 24 })).toBe(4); // T10 (visited 18 months ago) out
    expect(await total({ notVisitedMonths: 2 })).toBe(6); // T9 (3 months ago) back in
    const never = await proposeTargets(db.prisma, { ...DEFAULT, notVisitedMonths: null }, SETTINGS, TODAY);
    expect([never.total, never.left.visitedLately]).toEqual([4, 2]); // T9 and T10 out
    expect(await total({ minBand: '12' })).toBe(3); // T2 and T5 (band 11) out
    expect(await total({ sections: ['G'], withServices: false })).toBe(1); // T4
    // Next year's programmes: T11 is a 2027 target only.
    expect(await total({ year: 2028 })).toBe(6);
  });

  it('says when the reference is empty, and proposes nothing then', async () => {
    const p = await proposeTargets(db.prisma, DEFAULT, SETTINGS, TODAY);
    expect([p.referenceEmpty, p.total]).toEqual([true, 0]);
  });

  it('reads service codes as sous-classes or prefixes', () => {
    expect(matchesServiceCode('71.12B', ['71.12B'])).toBe(true);
    expect(matchesServiceCode('52.10B', ['52.10'])).toBe(true);
    expect(matchesServiceCode('52.21Z', ['52.10'])).toBe(false);
    expect(matchesServiceCode('71.12A', ['71.12B'])).toBe(false);
  });

  it('adds the chosen groups to their structures’ programmes, creating the companies from the reference, once', async () => {
    await seedTerritory();
    const p = await proposeTargets(db.prisma, DEFAULT, SETTINGS, TODAY);
    // The CMA has no 2027 programme: its monthly target is required.
    await expect(
      addProposedTargets(db.prisma, coordinator, p, [{ route: 'tradeRegister', monthlyTarget: null }], new Date()),
    ).rejects.toBeInstanceOf(ValidationFailed);
    const done = await addProposedTargets(
      db.prisma,
      coordinator,
      p,
      [
        { route: 'other', monthlyTarget: null },
        { route: 'tradeRegister', monthlyTarget: 2 },
      ],
      new Date('2026-12-03T10:00:00Z'),
    );
    expect(done).toEqual([
      { structure: 'CCI du Cher', added: 4, total: 5 },
      { structure: 'CMA Centre-Val de Loire', added: 1, total: 1 },
    ]);
    const cmaProgramme = await db.prisma.visitProgramme.findUniqueOrThrow({
      where: { structureId_year: { structureId: cma.id, year: 2027 } },
      include: { targets: { include: { company: true } } },
    });
    expect(cmaProgramme.monthlyTarget).toBe(2);
    expect(cmaProgramme.targets.map((t) => [t.company?.siret, t.company?.name, t.company?.commune])).toEqual([
      [siretOf(2), 'Établissement 2', 'Vierzon'],
    ]);
    // T10 was already a company: reused, not duplicated; T1, T5, T15, T2 created from the reference.
    expect(await db.prisma.company.count({ where: { siret: siretOf(10) } })).toBe(1);
    expect(await db.prisma.company.count()).toBe(3 + 4);
    // Adding again adds nothing; the CCI's monthly target was kept.
    const again = await addProposedTargets(
      db.prisma,
      coordinator,
      p,
      [{ route: 'other', monthlyTarget: null }],
      new Date('2026-12-03T10:05:00Z'),
    );
    expect(again).toEqual([{ structure: 'CCI du Cher', added: 0, total: 5 }]);
    expect(
      (
        await db.prisma.visitProgramme.findUniqueOrThrow({
          where: { structureId_year: { structureId: cci.id, year: 2027 } },
        })
      ).monthlyTarget,
    ).toBe(8);
    // Once targets, they are proposed no more.
    const after = await proposeTargets(db.prisma, DEFAULT, SETTINGS, TODAY);
    expect([after.total, after.left.alreadyTargets]).toEqual([0, 6]);
  });

  it('refuses a capteur', async () => {
    await seedTerritory();
    const p = await proposeTargets(db.prisma, DEFAULT, SETTINGS, TODAY);
    await expect(
      addProposedTargets(db.prisma, capteur, p, [{ route: 'other', monthlyTarget: null }], new Date()),
    ).rejects.toThrow(/programme_forbidden/);
  });

  it('writes the spreadsheet: a summary, then one sheet per structure with its establishments', async () => {
    await seedTerritory();
    const p = await proposeTargets(db.prisma, DEFAULT, SETTINGS, TODAY);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderTargetsSheet(p, ['Secteurs : B, C, D, E'])) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Synthèse', 'CCI du Cher', 'CMA Centre-Val de Loire']);
    const rows = (name: string) =>
      (book.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows('Synthèse')).toEqual([
      ['Cibles proposées 2027'],
      ['Critères'],
      ['Secteurs : B, C, D, E'],
      ['Structure', 'Établissements proposés'],
      ['CCI du Cher', 4],
      ['CMA Centre-Val de Loire', 1],
    ]);
    const cciRows = rows('CCI du Cher');
    expect(cciRows[0]).toEqual([
      'SIRET',
      'Établissement',
      'Code NAF',
      'Activité',
      'Effectif',
      'Commune',
      'Code postal',
      'Registre des métiers',
      'Dernière visite',
      'Structure',
    ]);
    expect(cciRows).toHaveLength(5);
    expect(cciRows[3]).toEqual([
      '800 000 000 00010',
      'Établissement 10',
      '25.62B',
      'Mécanique industrielle',
      '20 à 49 salariés',
      'Vierzon',
      '18100',
      'non',
      '03/06/2025',
      'CCI du Cher',
    ]);
    // No name of a `P` unit, nor the erased company's, anywhere in the file.
    const all = JSON.stringify(book.worksheets.map((s) => s.getSheetValues()));
    expect(all).not.toContain('non diffusible');
    expect(all).not.toContain(siretOf(13).slice(9));
  });

  it('counts months back on calendar dates (31 March minus one month is 28 or 29 February)', () => {
    expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addCalendarMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addCalendarMonths('2026-12-03', -12)).toBe('2025-12-03');
    expect(addCalendarMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});
