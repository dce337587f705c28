import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualData, type AnnualData } from '../../src/services/reports/annual-data.js';
import {
  buildDocument,
  MASKED,
  OTHERS_MASKED,
  type Cell,
  type ReportDocument,
  type ReportSection,
} from '../../src/services/reports/document.js';
import { generateAnnualReport, oweYearlyReport } from '../../src/services/reports/reports.js';
import { PDF_FONTS, renderPdf } from '../../src/services/reports/pdf.js';
import { REPORT_TEXTS } from '../../src/texts/report.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { withTestDatabase } from '../support/file-database.js';
import { findDeterminedCells, publishedSystem } from '../support/statistical-secret.js';
import { makeTerritoryCompany, seedYear } from '../support/territory.js';
import { findActor } from '../../src/services/members.js';
import { makeMember, makeStructure } from '../support/factories.js';
import { makeVisit } from '../support/visits.js';
import { pdfFonts, pdfText } from '../support/pdf-text.js';

/**
 * A seeded year (2025) whose typology is known: 30 companies visited — 12 factories and 7 shops
 * in Vierzon, 8 business services in Bourges, 3 builders in Issoudun — and one visited in 2024 only.
 */
const { db } = withTestDatabase();
let data: AnnualData;

beforeAll(async () => {
  await seedYear(db);
  data = await annualData(db.prisma, 2025, 'Europe/Paris');
});

/** Every cell of a document: figures, bars, tables. */
function cells(doc: ReportDocument): Cell[] {
  return doc.sections.flatMap((s) => [
    ...(s.figures ?? []).map(([, v]) => v),
    // A masked bar is marked « s »; a month without visits is drawn as 0.
    ...(s.chart?.bars ?? []).map((b) => (b.masked ? MASKED : b.value === 0 ? '—' : b.value)),
    ...(s.tables ?? []).flatMap((t) => t.rows.flatMap((r) => r.slice(1))),
  ]);
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
    // « Soudeur : 2 » and « Commercial : 1 » as typed: counted by job family (ROME domains), never by the text.
    expect(data.hiringNeeds).toEqual([
      { label: 'Industrie', code: 'H', count: 24, companies: 12 },
      { label: 'Commerce, vente et grande distribution', code: 'D', count: 8, companies: 8 },
    ]);
    expect(data.hiringTotal).toEqual({ count: 32, companies: 20 });
    // Each sector family is the sum of its NAF sections.
    expect(data.bySection.map((r) => [r.label.slice(0, 1), r.family])).toEqual([
      ['C', 'Industrie'],
      ['M', 'Services aux entreprises'],
      ['G', 'Commerce, transport, hébergement'],
      ['F', 'Construction'],
    ]);
  });
});

describe('the public edition', () => {
  it('shows no cell under 5 companies; the internal edition shows them all', () => {
    const internal = cells(buildDocument(data, 'interne'));
    const publicCells = cells(buildDocument(data, 'publique'));
    expect(internal.some((c) => typeof c === 'number' && c > 0 && c < 5)).toBe(true);
    expect(publicCells.filter((c) => typeof c === 'number' && c < 5)).toEqual([]);
    // One mark for every masked cell, whatever the reason: a reader cannot tell the small ones.
    expect(new Set(publicCells.filter((c) => typeof c === 'string' && !/%$/.test(c)))).toEqual(new Set([MASKED, '—']));
    const publicDoc = buildDocument(data, 'publique');
    // The 7 shops (digital) are masked with the 3 builders (transmission): the shops' digital column
    // would tell they are at least 7, hence the builders at most 3; so digital is masked too.
    const byStake = publicDoc.sections.find((s) => s.title === 'Les enjeux des entreprises')!;
    expect(byStake.chart!.bars.map((b) => [b.label, b.value])).toEqual([
      ['Recrutement', 20],
      ['Export', 8],
    ]);
    expect(byStake.tables![0]!.rows).toEqual([
      ['Recrutement', 20, 12, '66,7 %'],
      ['Export', 8, 8, '26,7 %'],
      ['Numérique', MASKED, '—', MASKED],
      ['Transmission / reprise', MASKED, MASKED, MASKED],
    ]);
    const families = publicDoc.sections.find((s) => s.title === 'Les entreprises visitées par secteur')!;
    expect(families.chart!.bars.map((b) => [b.label, b.value])).toEqual([
      ['Industrie', 12],
      ['Services aux entreprises', 8],
      [OTHERS_MASKED, 10],
    ]);
    // By commune, Issoudun (3) alone would be 30 − 19 − 8: Bourges is masked with it, with the same mark,
    // and the chart's « Autres » is the same two communes.
    const territory = publicDoc.sections.find((s) => s.title === 'Par territoire')!;
    expect(territory.chart!.bars.map((b) => [b.label, b.value])).toEqual([
      ['Vierzon', 19],
      [OTHERS_MASKED, 11],
    ]);
    expect(territory.tables![0]!.rows).toEqual([
      ['Vierzon', 19, '63,3 %'],
      ['Bourges', MASKED, MASKED],
      ['Issoudun', MASKED, MASKED],
    ]);
  });

  it('lets no masked count be worked out from everything it publishes, the spreadsheet annex included', async () => {
    const publicDoc = buildDocument(data, 'publique');
    expect(findDeterminedCells(publishedSystem(publicDoc))).toEqual([]);
    // The annex holds the same figures, bars and cells as the document, nothing more.
    const report = await generateAnnualReport(db.prisma, 2025, {
      now: new Date('2026-01-05T09:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    const kept = await db.prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    const annex = await readAnnex(kept.publicXlsx);
    expect(annex).toEqual(
      publicDoc.sections.map(({ title, figures, chart, tables }) => ({
        title,
        figures,
        chart: chart?.bars.length ? chart : undefined,
        tables,
      })),
    );
    expect(
      findDeterminedCells(publishedSystem({ ...publicDoc, sections: annex.map((s) => ({ ...s, paragraphs: [] })) })),
    ).toEqual([]);
    await db.prisma.report.delete({ where: { id: report.id } });
  });

  it('is produced as PDF and spreadsheet files, kept; the public annex has no number under 5', async () => {
    const report = await generateAnnualReport(db.prisma, 2025, {
      now: new Date('2026-01-05T09:00:00Z'),
      timeZone: 'Europe/Paris',
      channelId: 'CPILOTAGE',
    });
    const kept = await db.prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(kept).toMatchObject({ year: 2025, version: 1, channelId: 'CPILOTAGE', postedAt: null });
    expect(Buffer.from(kept.publicPdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.from(kept.internalPdf).length).toBeGreaterThan(5_000);
    const numbers = async (bytes: Uint8Array) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const found: number[] = [];
      book.eachSheet((sheet) =>
        sheet.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'number' && found.push(cell.value)))),
      );
      return found;
    };
    const publicNumbers = await numbers(kept.publicXlsx);
    expect(publicNumbers.length).toBeGreaterThan(20);
    expect(publicNumbers.filter((n) => n < 5)).toEqual([]);
    expect((await numbers(kept.internalXlsx)).some((n) => n > 0 && n < 5)).toBe(true);
    // Produced again: a new version, the first one kept.
    expect(
      (await generateAnnualReport(db.prisma, 2025, { now: new Date('2026-02-01T09:00:00Z'), timeZone: 'Europe/Paris' }))
        .version,
    ).toBe(2);
    expect(await db.prisma.report.count({ where: { year: 2025 } })).toBe(2);
  });
});

/** The spreadsheet annex read back as sections: its figures, the data of its chart, its tables. */
async function readAnnex(bytes: Uint8Array): Promise<Pick<ReportSection, 'title' | 'figures' | 'chart' | 'tables'>[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const rows: Cell[][] = [];
    sheet.eachRow(
      { includeEmpty: true },
      (row) => void rows.push(((row.values as Cell[]) ?? []).slice(1).filter((v) => v !== undefined && v !== null)),
    );
    // Blocks separated by empty rows: the title and paragraphs, then figures, the chart, each table.
    const blocks: Cell[][][] = [[]];
    for (const row of rows) {
      if (row.length === 0) blocks.push([]);
      else blocks[blocks.length - 1]!.push(row);
    }
    const section: Pick<ReportSection, 'title' | 'figures' | 'chart' | 'tables'> = {
      title: String(blocks[0]![0]![0]),
      figures: undefined,
      chart: undefined,
      tables: undefined,
    };
    for (const block of blocks.slice(1)) {
      if (block[0]![0] === 'Indicateur') section.figures = block.slice(1).map((r) => [String(r[0]), r[1]!]);
      else if (String(block[0]![0]).endsWith(' (graphique)')) {
        section.chart = {
          title: String(block[0]![0]).replace(/ \(graphique\)$/, ''),
          unit: String(block[1]![1]),
          // A masked bar (« s » in the annex) is the document's bar marked masked.
          bars: block
            .slice(2)
            .map((r) =>
              r[1] === MASKED
                ? { label: String(r[0]), value: 0, masked: true }
                : { label: String(r[0]), value: Number(r[1]) },
            ),
        };
      } else {
        section.tables ??= [];
        section.tables.push({ title: String(block[0]![0]), headers: block[1]!.map(String), rows: block.slice(2) });
      }
    }
    return section;
  });
}

/** Every string a spreadsheet holds. */
async function xlsxStrings(bytes: Uint8Array): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const found: string[] = [book.title, book.creator];
  book.eachSheet((sheet) => {
    found.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => void found.push(String(cell.value))));
  });
  return found.join('\n');
}

describe('the PDF', () => {
  /** The seeded year with visits in five months only (the same 42 visits). */
  const sparse = (): AnnualData => ({
    ...data,
    activity: { ...data.activity, visitsByMonth: [0, 0, 10, 12, 0, 0, 8, 0, 0, 12, 0, 0] },
  });

  it('embeds its font (no standard Helvetica) and keeps French typography: « – », ’, « … »', async () => {
    const doc = buildDocument(data, 'publique');
    const pdf = await renderPdf(doc, '05/01/2026');
    const fonts = pdfFonts(pdf);
    // pdfkit subsets an embedded font: « ABCDEF+DejaVuSansCondensed ».
    expect(fonts.map((f) => f.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([PDF_FONTS.regular, PDF_FONTS.bold].sort());
    expect(fonts.join(' ')).not.toMatch(/Helvetica|Times|Courier/);
    // Lines wrap where the page ends them: read as one run of words.
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain(REPORT_TEXTS.edition('publique', '05/01/2026'));
    expect(text).toContain('Version publique – éditée le 05/01/2026');
    expect(text).toContain('Plateforme Emploi – Mutations Économiques — Rapport annuel 2025');
    expect(text).toContain('L’activité de la plateforme en 2025');
    expect(text).toContain('… dont informées des décisions');
    expect(text).not.toMatch(/ - |\.\.\.|L'activité/);
  });

  it('never cuts a table header: « Part des entreprises visitées » is there whole, wrapped if need be', async () => {
    const text = pdfText(await renderPdf(buildDocument(data, 'interne'), '05/01/2026'));
    for (const header of REPORT_TEXTS.headers.stakes)
      expect(text, header).toMatch(new RegExp(header.split(' ').join('\\s+')));
    expect(text).not.toMatch(/Part des entreprises…/);
  });

  it('shows every month of the year in « Visites par mois », 0 for the months without visits, in both editions', async () => {
    for (const edition of ['interne', 'publique'] as const) {
      const doc = buildDocument(sparse(), edition);
      const months = doc.sections
        .flatMap((s) => (s.chart ? [s.chart] : []))
        .find((c) => c.title === 'Visites par mois')!;
      expect(months.bars.map((b) => b.label)).toEqual([...REPORT_TEXTS.months]);
      expect(months.bars.filter((b) => !b.masked).map((b) => [b.label, b.value])).toEqual(
        [
          ['Janv.', 0],
          ['Févr.', 0],
          ['Mars', 10],
          ['Avr.', 12],
          ['Mai', 0],
          ['Juin', 0],
          ['Juil.', 8],
          ['Août', 0],
          ['Sept.', 0],
          ['Oct.', 12],
          ['Nov.', 0],
          ['Déc.', 0],
        ].filter(([label]) => !months.bars.find((b) => b.label === label)!.masked),
      );
      const text = pdfText(await renderPdf(doc, '05/01/2026'));
      for (const month of REPORT_TEXTS.months) expect(text, `${edition}: ${month}`).toContain(month);
    }
    // The public edition hides nothing here (no month under 5 visits but zeros): the twelve are shown.
    const publicMonths = buildDocument(sparse(), 'publique').sections[0]!.chart!;
    expect(publicMonths.bars.some((b) => b.masked)).toBe(false);
  });
});

describe('a small territory (a dozen companies) with names, SIRETs and free texts', () => {
  let small: TestDatabase;
  beforeAll(async () => {
    small = await createTestDatabase();
    const cci = await makeStructure(small.prisma, 'CCI du Cher', 'cci');
    await makeMember(small.prisma, 'USMALLCCI', ['capteur'], cci.id);
    const capteur = (await findActor(small.prisma, 'USMALLCCI'))!;
    const profiles = [
      ['25.62B', '12', 'Vierzon'],
      ['25.62B', '12', 'Vierzon'],
      ['25.62B', '11', 'Vierzon'],
      ['25.62B', '11', 'Vierzon'],
      ['28.29B', '21', 'Vierzon'],
      ['70.22Z', '03', 'Bourges'],
      ['70.22Z', '03', 'Bourges'],
      ['62.01Z', '03', 'Bourges'],
      ['47.11B', '02', 'Bourges'],
      ['43.22A', '02', 'Saint-Amand-Montrond'],
      ['43.22A', '01', 'Saint-Amand-Montrond'],
      ['49.41A', '12', 'Mehun-sur-Yèvre'],
    ];
    for (const [i, [nafCode, headcountBand, commune]] of profiles.entries()) {
      const company = await makeTerritoryCompany(small.prisma, {
        name: `Forges Dupont ${i + 1}`,
        nafCode: nafCode!,
        headcountBand: headcountBand!,
        commune: commune!,
      });
      await small.prisma.company.update({
        where: { id: company.id },
        data: { siret: `7328293200${String(1000 + i)}`, address: `${i + 1} rue Zorglub` },
      });
      const visit = await makeVisit(small.prisma, capteur, company.id, {
        date: `2025-0${1 + (i % 9)}-15`,
        diagnostic: `Diagnostic confidentiel Zorglub ${i}`,
        stakes: [
          { stake: i % 3 ? 'recrutement' : 'transmission_reprise', priority: i % 2 ? 'haute' : 'moyenne' },
          ...(i % 4 === 0 ? [{ stake: 'export' as const, priority: 'basse' as const }] : []),
        ],
        hiringNeeds:
          i % 2
            ? [{ jobFamily: `Soudeur pour M. Dupont (Forges Dupont ${i + 1})`, count: 2 }]
            : [{ jobFamily: 'Comptable chez Mme Zorglub', count: 1 }],
      });
      await small.prisma.visit.update({ where: { id: visit.id }, data: { needs: `Besoin secret Zorglub ${i}` } });
    }
  });
  afterAll(async () => {
    await small?.close();
  });

  it('publishes no company name, SIRET nor free text, in any file or the kept data, public or internal', async () => {
    const report = await generateAnnualReport(small.prisma, 2025, {
      now: new Date('2026-01-05T09:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    const kept = await small.prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    const outputs = {
      data: JSON.stringify(kept.data),
      publicPdf: pdfText(kept.publicPdf),
      internalPdf: pdfText(kept.internalPdf),
      publicXlsx: await xlsxStrings(kept.publicXlsx),
      internalXlsx: await xlsxStrings(kept.internalXlsx),
    };
    // The readers above do read the files: the job families and the communes are there.
    for (const text of Object.values(outputs)) expect(text).toContain('Industrie');
    expect(outputs.internalPdf).toContain('Saint-Amand-Montrond');
    for (const [name, text] of Object.entries(outputs)) {
      for (const secret of [
        'Dupont',
        'Zorglub',
        'Forges',
        '73282932',
        'Soudeur',
        'Comptable',
        'Besoin secret',
        'Diagnostic confidentiel',
      ]) {
        expect({ name, secret, found: text.includes(secret) }).toEqual({ name, secret, found: false });
      }
    }
  });

  it('lets no masked count be worked out', async () => {
    const small2025 = await annualData(small.prisma, 2025, 'Europe/Paris');
    expect(small2025.activity.companies).toBe(12);
    const publicDoc = buildDocument(small2025, 'publique');
    expect(cells(publicDoc)).toContain(MASKED);
    expect(findDeterminedCells(publishedSystem(publicDoc))).toEqual([]);
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
    expect(await db.prisma.report.findUniqueOrThrow({ where: { id: made!.id } })).toMatchObject({
      year: 2026,
      channelId: 'CPILOTAGE',
    });
    expect(await oweYearlyReport(db.prisma, new Date('2027-01-04T09:00:00Z'), settings)).toBeNull();
  });
});
