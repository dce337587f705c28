import ExcelJS from 'exceljs';
import { PLATFORM_NAME } from '../../texts/common.js';
import { REPORT_TEXTS } from '../../texts/report.js';
import type { ReportDocument } from './document.js';

/**
 * The spreadsheet annex: the data behind every chart and table of the report, one sheet per
 * section, with the same cells as the document (the public edition masked the same way).
 */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
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
      for (const bar of section.chart.bars) sheet.addRow([bar.label, bar.value]);
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

/** Excel sheet names: 31 characters, no []:*?/\, unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 28)
    .trim();
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base} ${i}`;
  used.add(name);
  return name;
}

/**
 * A workbook of plain tables, one sheet each, as the exports give them: a bold header row that
 * stays in view, then the rows as they are.
 */
export function tablesWorkbook() {
  const book = new ExcelJS.Workbook();
  book.creator = PLATFORM_NAME;
  return {
    table(name: string, headers: string[], rows: ExcelJS.CellValue[][]) {
      const sheet = book.addWorksheet(name);
      sheet.addRow(headers).font = { bold: true };
      for (const row of rows) sheet.addRow(row);
      for (const c of sheet.columns) c.width = 24;
      sheet.views = [{ state: 'frozen', ySplit: 1 }];
    },
    async toBuffer(): Promise<Buffer> {
      return Buffer.from(await book.xlsx.writeBuffer());
    },
  };
}

/** A stored date or instant as its calendar day (YYYY-MM-DD, UTC), for a cell. */
export const isoDay = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
