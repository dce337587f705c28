import type ExcelJS from 'exceljs';
import { PLATFORM_NAME } from '../../texts/common.js';
import { REPORT_TEXTS } from '../../texts/report.js';
import { MASKED, type ReportDocument } from './document.js';

/**
 * exceljs, loaded the first time a spreadsheet is made: loading it takes about 0.3 s and 30 MB,
 * which every start paid when it was imported with the app (issue 15).
 */
let excel: Promise<typeof ExcelJS> | undefined;
export const loadExcelJS = (): Promise<typeof ExcelJS> =>
  (excel ??= import('exceljs').then((module) => module.default));

/**
 * The spreadsheet annex: the data behind every chart and table of the report, one sheet per
 * section, with the same cells as the document (the public edition masked the same way).
 */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const book = new (await loadExcelJS()).Workbook();
  book.creator = PLATFORM_NAME;
  book.title = doc.title;
  const used = new Set<string>();
  for (const section of doc.sections) {
    const sheet = book.addWorksheet(sheetName(section.title, used));
    sheet.addRow([section.title]).font = { bold: true, size: 13 };
    for (const p of section.paragraphs) sheet.addRow([p]);
    if (section.figures) {
      sheet.addRow([]);
      sheet.addRow([...REPORT_TEXTS.annex.figures]).font = { bold: true };
      for (const [label, value] of section.figures) sheet.addRow([label, value]);
    }
    if (section.chart?.bars.length) {
      sheet.addRow([]);
      sheet.addRow([REPORT_TEXTS.annex.chart(section.chart.title)]).font = { bold: true };
      sheet.addRow([REPORT_TEXTS.annex.category, section.chart.unit]).font = { bold: true };
      for (const bar of section.chart.bars) sheet.addRow([bar.label, bar.masked ? MASKED : bar.value]);
    }
    for (const table of section.tables ?? []) {
      sheet.addRow([]);
      sheet.addRow([table.title]).font = { bold: true };
      sheet.addRow(table.headers).font = { bold: true };
      for (const row of table.rows) sheet.addRow(row);
    }
    sheet.getColumn(1).width = 48;
    for (let i = 2; i <= 8; i++) sheet.getColumn(i).width = 18;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Excel's longest sheet name. */
export const SHEET_NAME_MAX = 31;

/** Small words a cut name does not end on (« Visites par », « Alertes et »). */
const DANGLING = /[\s–—-]+$|\s+(?:à|au|aux|d’|de|des|du|en|et|l’|la|le|les|ou|par|pour|sur|un|une)$/i;

/**
 * Excel sheet names: 31 characters at most, none of []:*?/\, no apostrophe at either end, unique
 * (Excel compares them without case). A long title is cut after its last whole word that fits,
 * never in a word, and not on a dangling « de » or « – »; a second sheet of the same name gets
 * « 2 », and the room for it. Only a single word longer than the limit is cut.
 */
export function sheetName(title: string, used: Set<string> = new Set()): string {
  const clean =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^['’\s]+|['’\s]+$/g, '') || 'Feuille';
  const taken = new Set([...used].map((n) => n.toLocaleLowerCase('fr')));
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : ` ${i}`;
    const name = `${fitWords(clean, SHEET_NAME_MAX - suffix.length)}${suffix}`;
    if (!taken.has(name.toLocaleLowerCase('fr'))) {
      used.add(name);
      return name;
    }
  }
}

/** The longest run of whole words of `text` within `max` characters. */
function fitWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const lastSpace = cut.lastIndexOf(' ');
  // A single word longer than the limit: nothing else to do than cut it.
  if (lastSpace <= 0) return text.slice(0, max).trim();
  let words = cut.slice(0, lastSpace);
  for (let before = ''; before !== words; ) {
    before = words;
    words = words.replace(DANGLING, '');
  }
  return (words || cut.slice(0, lastSpace)).replace(/['’]+$/, '').trim();
}

/**
 * A workbook of plain tables, one sheet each, as the exports give them: a bold header row that
 * stays in view, then the rows as they are.
 */
export function tablesWorkbook() {
  const tables: { name: string; headers: string[]; rows: ExcelJS.CellValue[][] }[] = [];
  return {
    table(name: string, headers: string[], rows: ExcelJS.CellValue[][]) {
      tables.push({ name, headers, rows });
    },
    async toBuffer(): Promise<Buffer> {
      const book = new (await loadExcelJS()).Workbook();
      book.creator = PLATFORM_NAME;
      const used = new Set<string>();
      for (const { name, headers, rows } of tables) {
        const sheet = book.addWorksheet(sheetName(name, used));
        sheet.addRow(headers).font = { bold: true };
        for (const row of rows) sheet.addRow(row);
        for (const c of sheet.columns) c.width = 24;
        sheet.views = [{ state: 'frozen', ySplit: 1 }];
      }
      return Buffer.from(await book.xlsx.writeBuffer());
    },
  };
}

/** A stored date or instant as its calendar day (YYYY-MM-DD, UTC), for a cell. */
export const isoDay = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
