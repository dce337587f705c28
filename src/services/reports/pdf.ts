import { readFileSync } from 'node:fs';
import { PLATFORM_NAME } from '../../texts/common.js';
import { REPORT_TEXTS } from '../../texts/report.js';
import { type Cell, type Chart, MASKED, type ReportDocument, type Table } from './document.js';
import { projectFile } from '../../project-files.js';

/**
 * The report as a PDF a funder or a mayor opens: a title page, then each section with its key
 * figures, a bar chart and its tables. Set in DejaVu Sans Condensed, embedded (assets/fonts,
 * with its licence): French typography (« – », « … », ’, narrow no-break spaces) prints as
 * written, which pdfkit's standard fonts (Latin-1 only) cannot.
 */

/** The embedded fonts' names in the PDF (pdfkit subsets them: only the glyphs used are stored). */
export const PDF_FONTS = { regular: 'DejaVuSansCondensed', bold: 'DejaVuSansCondensed-Bold' } as const;
const FONT_FILES = {
  regular: projectFile('assets/fonts/DejaVuSansCondensed.ttf'),
  bold: projectFile('assets/fonts/DejaVuSansCondensed-Bold.ttf'),
};
let fontData: { regular: Buffer; bold: Buffer } | undefined;
const fonts = () => {
  fontData ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };
  return fontData;
};
const REGULAR = 'report-regular';
const BOLD = 'report-bold';

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN; // A4
const INK = '#1d2b3a';
const ACCENT = '#2b6cb0';
const MUTED = '#6b7785';

const show = (cell: Cell) => (typeof cell === 'number' ? cell.toLocaleString('fr-FR') : cell);

/** pdfkit (and its fonts' libraries), loaded the first time a PDF is made, not at every start. */
let pdfkit: Promise<typeof import('pdfkit')> | undefined;
const loadPdfKit = () => (pdfkit ??= import('pdfkit').then((module) => module.default));

export async function renderPdf(doc: ReportDocument, generatedOn: string): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: doc.title, Author: PLATFORM_NAME },
  });
  pdf.registerFont(REGULAR, fonts().regular);
  pdf.registerFont(BOLD, fonts().bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));

  pdf.fillColor(INK).font(BOLD).fontSize(24).text(doc.title, { width: WIDTH });
  pdf.moveDown(0.5).font(REGULAR).fontSize(12).fillColor(MUTED).text(REPORT_TEXTS.edition(doc.edition, generatedOn));
  pdf.moveDown(2);

  for (const section of doc.sections) {
    ensureRoom(pdf, 120);
    pdf.fillColor(ACCENT).font(BOLD).fontSize(16).text(section.title, MARGIN, pdf.y, { width: WIDTH });
    pdf.moveDown(0.4).fillColor(INK).font(REGULAR).fontSize(10);
    for (const p of section.paragraphs) pdf.text(p, { width: WIDTH }).moveDown(0.4);
    if (section.figures) figures(pdf, section.figures);
    if (section.chart) chart(pdf, section.chart);
    for (const t of section.tables ?? []) table(pdf, t);
    pdf.moveDown(1);
  }
  pdf.end();
  return done;
}

function ensureRoom(pdf: PDFKit.PDFDocument, height: number) {
  if (pdf.y + height > pdf.page.height - MARGIN) pdf.addPage();
}

function figures(pdf: PDFKit.PDFDocument, rows: [string, Cell][]) {
  for (const [label, value] of rows) {
    ensureRoom(pdf, 16);
    const y = pdf.y;
    pdf
      .font(REGULAR)
      .fontSize(10)
      .fillColor(INK)
      .text(label, MARGIN, y, { width: WIDTH - 100 });
    pdf.font(BOLD).text(show(value), MARGIN + WIDTH - 100, y, { width: 100, align: 'right' });
    pdf.y = Math.max(pdf.y, y + 14);
  }
  pdf.moveDown(0.6);
}

/** Horizontal bars: people compare lengths faster than numbers. */
function chart(pdf: PDFKit.PDFDocument, c: Chart) {
  if (c.bars.length === 0) return;
  const rowHeight = 16;
  ensureRoom(pdf, 30 + Math.min(c.bars.length, 6) * rowHeight);
  pdf.font(BOLD).fontSize(11).fillColor(INK).text(c.title, MARGIN, pdf.y, { width: WIDTH });
  pdf.moveDown(0.3);
  const labelWidth = 170;
  const barSpace = WIDTH - labelWidth - 50;
  const max = Math.max(...c.bars.map((b) => b.value), 1);
  for (const bar of c.bars) {
    ensureRoom(pdf, rowHeight);
    const y = pdf.y;
    pdf
      .font(REGULAR)
      .fontSize(8.5)
      .fillColor(INK)
      .text(bar.label, MARGIN, y + 2, {
        width: labelWidth - 6,
        height: rowHeight,
        ellipsis: '…',
        lineBreak: false,
      });
    // A month without visits shows « 0 » and no bar; a masked value « s » and no bar.
    const length = bar.masked || bar.value === 0 ? 0 : Math.max(1, (bar.value / max) * barSpace);
    if (length > 0) pdf.rect(MARGIN + labelWidth, y + 2, length, rowHeight - 5).fill(ACCENT);
    pdf
      .fillColor(INK)
      .text(bar.masked ? MASKED : show(bar.value), MARGIN + labelWidth + length + 4, y + 2, { lineBreak: false });
    pdf.y = y + rowHeight;
  }
  pdf.x = MARGIN;
  pdf.fillColor(MUTED).fontSize(8).text(`En ${c.unit}.`, MARGIN, pdf.y, { width: WIDTH });
  pdf.moveDown(0.8);
}

function table(pdf: PDFKit.PDFDocument, t: Table) {
  if (t.rows.length === 0) return;
  const columns = t.headers.length;
  const first = Math.min(200, WIDTH * 0.4);
  const other = (WIDTH - first) / Math.max(1, columns - 1);
  const widths = t.headers.map((_, i) => (i === 0 ? first : other));
  const rowHeight = columns > 4 ? 22 : 15;
  ensureRoom(pdf, 40);
  pdf.font(BOLD).fontSize(11).fillColor(INK).text(t.title, MARGIN, pdf.y, { width: WIDTH });
  pdf.moveDown(0.3);
  const fontSize = columns > 4 ? 7 : 8.5;
  /** A header row wraps over as many lines as its longest header needs: a header is never cut. */
  const headerHeight = () => {
    pdf.font(BOLD).fontSize(fontSize);
    const tallest = Math.max(...t.headers.map((h, i) => pdf.heightOfString(show(h), { width: widths[i]! - 4 })));
    return Math.max(rowHeight, Math.ceil(tallest) + 4);
  };
  const line = (cells: Cell[], header: boolean) => {
    const height = header ? headerHeight() : rowHeight;
    ensureRoom(pdf, height);
    const y = pdf.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      pdf
        .font(header ? BOLD : REGULAR)
        .fontSize(fontSize)
        .fillColor(INK);
      pdf.text(show(cell), x + 2, y + 2, {
        width: widths[i]! - 4,
        // Headers take the room they need; a cell too long for its row ends with « … ».
        ...(header ? {} : { height: height - 2, ellipsis: '…' }),
        align: i === 0 ? 'left' : 'right',
      });
      x += widths[i]!;
    });
    pdf
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + WIDTH, y + height)
      .lineWidth(0.3)
      .strokeColor('#c9d1da')
      .stroke();
    pdf.y = y + height;
  };
  line(t.headers, true);
  for (const row of t.rows) line(row, false);
  pdf.x = MARGIN;
  pdf.moveDown(0.8);
}
