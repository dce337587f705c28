import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualData, type AnnualData } from '../../src/services/reports/annual-data.js';
import { buildDocument, MASKED, type Cell, type ReportDocument } from '../../src/services/reports/document.js';
import { generateAnnualReport, oweYearlyReport } from '../../src/services/reports/reports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedYear } from '../support/territory.js';

/**
 * A seeded year (2025) whose typology is known: 30 companies visited — 12 factories and 7 shops
 * in Vierzon, 8 business services in Bourges, 3 builders in Issoudun — and one visited in 2024 only.
 */
let db: TestDatabase;
let data: AnnualData;

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
    // Categories under 5 go together, with the smallest shown one when they alone make less than 5.
    const publicDoc = buildDocument(data, 'publique');
    const byStake = publicDoc.sections.find((s) => s.title === 'Les enjeux des entreprises')!.chart!;
    expect(byStake.bars.map((b) => [b.label, b.value])).toEqual([
      ['Recrutement', 20],
      ['Export', 8],
      ['Autres (regroupés : secret statistique)', 10],
    ]);
    const communes = publicDoc.sections.find((s) => s.title === 'Par territoire')!.chart!;
    expect(communes.bars.map((b) => [b.label, b.value])).toEqual([
      ['Vierzon', 19],
      ['Autres (regroupés : secret statistique)', 11],
    ]);
    // By commune, Issoudun (3) alone would be 30 − 19 − 8: Bourges, the smallest shown, is masked with it.
    const byCommune = publicDoc.sections.find((s) => s.title === 'Par territoire')!.tables![0]!;
    expect(byCommune.rows).toEqual([
      ['Vierzon', 19, '63,3 %'],
      ['Bourges', 's', 's'],
      ['Issoudun', '< 5', 'n.s.'],
    ]);
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

describe('the yearly schedule', () => {
  it('produces the past year’s report in January, once, and nothing the rest of the year', async () => {
    const settings = { timeZone: 'Europe/Paris', channelId: 'CPILOTAGE' };
    expect(await oweYearlyReport(db.prisma, new Date('2026-12-15T09:00:00Z'), settings)).toBeNull();
    // 2025's exists already (above); 2026's is produced in January 2027 (Paris: 1 January from 23:00 UTC).
    expect(await oweYearlyReport(db.prisma, new Date('2026-12-31T22:59:00Z'), settings)).toBeNull();
    const made = await oweYearlyReport(db.prisma, new Date('2026-12-31T23:30:00Z'), settings);
    expect(made).toMatchObject({ version: 1 });
    expect(await db.prisma.report.findUniqueOrThrow({ where: { id: made!.id } })).toMatchObject({ year: 2026, channelId: 'CPILOTAGE' });
    expect(await oweYearlyReport(db.prisma, new Date('2027-01-04T09:00:00Z'), settings)).toBeNull();
  });
});
