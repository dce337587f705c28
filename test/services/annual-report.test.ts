import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualData, type AnnualData } from '../../src/services/reports/annual-data.js';
import { buildDocument, MASKED, type Cell, type ReportDocument } from '../../src/services/reports/document.js';
import { generateAnnualReport } from '../../src/services/reports/reports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeMember, makeStructure } from '../support/factories.js';
import { makeStakedVisit, makeTerritoryCompany } from '../support/territory.js';

/**
 * A seeded year (2025) whose typology is known: 30 companies visited — 12 factories and 7 shops
 * in Vierzon, 8 business services in Bourges, 3 builders in Issoudun — and one visited in 2024 only.
 */
let db: TestDatabase;
let data: AnnualData;

export async function seedYear(database: TestDatabase) {
  const cci = await makeStructure(database.prisma, 'CCI du Cher', 'cci');
  const cma = await makeStructure(database.prisma, 'CMA du Cher', 'cma');
  const { findActor } = await import('../../src/services/members.js');
  await makeMember(database.prisma, 'UREPCCI', ['capteur'], cci.id);
  await makeMember(database.prisma, 'UREPCMA', ['capteur'], cma.id);
  const cciCapteur = (await findActor(database.prisma, 'UREPCCI'))!;
  const cmaCapteur = (await findActor(database.prisma, 'UREPCMA'))!;
  const groups = [
    { n: 12, naf: '25.62B', band: '12', commune: 'Vierzon', stakes: [{ stake: 'recrutement' as const, priority: 'haute' as const }], hiring: [{ jobFamily: 'Soudeur', count: 2 }] },
    { n: 7, naf: '47.11B', band: '03', commune: 'Vierzon', stakes: [{ stake: 'numerique' as const, priority: 'moyenne' as const }], hiring: [] },
    { n: 8, naf: '70.22Z', band: '21', commune: 'Bourges', stakes: [{ stake: 'recrutement' as const, priority: 'moyenne' as const }, { stake: 'export' as const, priority: 'haute' as const }], hiring: [{ jobFamily: 'Commercial', count: 1 }] },
    { n: 3, naf: '43.22A', band: '11', commune: 'Issoudun', stakes: [{ stake: 'transmission_reprise' as const, priority: 'haute' as const }], hiring: [] },
  ];
  let k = 0;
  for (const g of groups) {
    for (let i = 0; i < g.n; i++) {
      const company = await makeTerritoryCompany(database.prisma, { name: `Entreprise ${++k}`, nafCode: g.naf, headcountBand: g.band, commune: g.commune });
      const month = String((k % 12) + 1).padStart(2, '0');
      await makeStakedVisit(database.prisma, k % 2 ? cciCapteur : cmaCapteur, company.id, `2025-${month}-10`, g.stakes, g.hiring);
      // Factories get a second visit: each company still counts once.
      if (g.naf === '25.62B') await makeStakedVisit(database.prisma, cciCapteur, company.id, '2025-11-20', [{ stake: 'recrutement', priority: 'basse' }]);
    }
  }
  const old = await makeTerritoryCompany(database.prisma, { name: 'Visitée en 2024', nafCode: '25.62B', headcountBand: '12', commune: 'Mehun-sur-Yèvre' });
  await makeStakedVisit(database.prisma, cciCapteur, old.id, '2024-12-15', [{ stake: 'export', priority: 'haute' }]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedYear(db);
  data = await annualData(db.prisma, 2025, 'Europe/Paris');
});
afterAll(async () => {
  await db?.close();
});

/** Every cell of a document: figures, bars, tables. */
function cells(doc: ReportDocument): Cell[] {
  return doc.sections.flatMap((s) => [...(s.figures ?? []).map(([, v]) => v), ...(s.chart?.bars ?? []).map((b) => b.value), ...(s.tables ?? []).flatMap((t) => t.rows.flatMap((r) => r.slice(1)))]);
}

describe('the annual report’s figures', () => {
  it('count each company visited in the year once, by sector, size, commune and stake', () => {
    expect(data.activity).toMatchObject({ visits: 42, companies: 30, structures: 2, capteurs: 2 });
    expect(data.activity.visitsByMonth.reduce((a, b) => a + b, 0)).toBe(42);
    expect(data.byFamily).toEqual([
      { label: 'Industrie', count: 12 },
      { label: 'Construction', count: 3 },
      { label: 'Services aux entreprises', count: 8 },
      { label: 'Commerce, transport, hébergement', count: 7 },
    ]);
    expect(data.bySection.map((r) => [r.label.slice(0, 1), r.count])).toEqual([
      ['C', 12],
      ['M', 8],
      ['G', 7],
      ['F', 3],
    ]);
    expect(data.byCommune).toEqual([
      { label: 'Vierzon', count: 19 },
      { label: 'Bourges', count: 8 },
      { label: 'Issoudun', count: 3 },
    ]);
    expect(data.stakes).toEqual([
      { label: 'Recrutement', count: 20, high: 12 },
      { label: 'Export', count: 8, high: 8 },
      { label: 'Numérique', count: 7, high: 0 },
      { label: 'Transmission / reprise', count: 3, high: 3 },
    ]);
    const industry = data.familyByStake.rows.indexOf('Industrie');
    expect(data.familyByStake.cells[industry]![data.familyByStake.columns.indexOf('Recrutement')]).toBe(12);
    expect(data.hiringNeeds).toEqual([
      { label: 'Soudeur', count: 24 },
      { label: 'Commercial', count: 8 },
    ]);
  });
});

describe('the public edition', () => {
  it('shows no cell under 5 companies; the internal edition shows them all', () => {
    const internal = cells(buildDocument(data, 'interne'));
    const publicCells = cells(buildDocument(data, 'publique'));
    expect(internal.some((c) => typeof c === 'number' && c > 0 && c < 5)).toBe(true);
    expect(publicCells.filter((c) => typeof c === 'number' && c < 5)).toEqual([]);
    expect(publicCells).toContain(MASKED);
    // Small categories go together when they make 5 or more, else they are left out.
    const publicDoc = buildDocument(data, 'publique');
    const byStake = publicDoc.sections.find((s) => s.title === 'Les enjeux des entreprises')!.chart!;
    expect(byStake.bars.map((b) => b.label)).toEqual(['Recrutement', 'Export', 'Numérique']);
  });

  it('is produced as PDF and spreadsheet files, kept; the public annex has no number under 5', async () => {
    const report = await generateAnnualReport(db.prisma, 2025, { now: new Date('2026-01-05T09:00:00Z'), timeZone: 'Europe/Paris', channelId: 'CPILOTAGE' });
    const kept = await db.prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(kept).toMatchObject({ year: 2025, version: 1, channelId: 'CPILOTAGE', postedAt: null });
    expect(Buffer.from(kept.publicPdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.from(kept.internalPdf).length).toBeGreaterThan(5_000);
    const numbers = async (bytes: Uint8Array) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const found: number[] = [];
      book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'number' && found.push(cell.value)))));
      return found;
    };
    const publicNumbers = await numbers(kept.publicXlsx);
    expect(publicNumbers.length).toBeGreaterThan(20);
    expect(publicNumbers.filter((n) => n < 5)).toEqual([]);
    expect((await numbers(kept.internalXlsx)).some((n) => n > 0 && n < 5)).toBe(true);
    // Produced again: a new version, the first one kept.
    expect((await generateAnnualReport(db.prisma, 2025, { now: new Date('2026-02-01T09:00:00Z'), timeZone: 'Europe/Paris' })).version).toBe(2);
    expect(await db.prisma.report.count({ where: { year: 2025 } })).toBe(2);
  });
});
