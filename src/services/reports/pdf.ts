import PDFDocument from 'pdfkit';
import { REPORT_TEXTS } from '../../texts/report.js';
import type { Cell, Chart, ReportDocument, Table } from './document.js';

/**
 * The report as a PDF a funder or a mayor opens: a title page, then each section with its key
 * figures, a bar chart and its tables. Drawn with pdfkit's standard fonts (no font files).
 */

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN; // A4
const INK = '#1d2b3a';
const ACCENT = '#2b6cb0';
const MUTED = '#6b7785';

/** Standard PDF fonts know Latin-1 and a few more: thin and narrow spaces become plain ones. */
const printable = (text: string) =>
  text
    .replace(/[\u202f\u2009\u00a0]/g, ' ')
    .replace(/[’]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...');

const show = (cell: Cell) => printable(typeof cell === 'number' ? cell.toLocaleString('fr-FR') : cell);

export async function renderPdf(doc: ReportDocument, generatedOn: string): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: printable(doc.title), Author: 'Plateforme Emploi - Mutations Economiques' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));

  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(24).text(printable(doc.title), { width: WIDTH });
  pdf
    .moveDown(0.5)
    .font('Helvetica')
    .fontSize(12)
    .fillColor(MUTED)
    .text(printable(REPORT_TEXTS.edition(doc.edition, generatedOn)));
  pdf.moveDown(2);

  for (const section of doc.sections) {
    ensureRoom(pdf, 120);
    pdf
      .fillColor(ACCENT)
      .font('Helvetica-Bold')
      .fontSize(16)
      .text(printable(section.title), MARGIN, pdf.y, { width: WIDTH });
    pdf.moveDown(0.4).fillColor(INK).font('Helvetica').fontSize(10);
    for (const p of section.paragraphs) pdf.text(printable(p), { width: WIDTH }).moveDown(0.4);
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
      .font('Helvetica')
      .fontSize(10)
      .fillColor(INK)
      .text(printable(label), MARGIN, y, { width: WIDTH - 100 });
    pdf.font('Helvetica-Bold').text(show(value), MARGIN + WIDTH - 100, y, { width: 100, align: 'right' });
    pdf.y = Math.max(pdf.y, y + 14);
  }
  pdf.moveDown(0.6);
}

/** Horizontal bars: people compare lengths faster than numbers. */
function chart(pdf: PDFKit.PDFDocument, c: Chart) {
  if (c.bars.length === 0) return;
  const rowHeight = 16;
  ensureRoom(pdf, 30 + Math.min(c.bars.length, 6) * rowHeight);
  pdf.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(printable(c.title), MARGIN, pdf.y, { width: WIDTH });
  pdf.moveDown(0.3);
  const labelWidth = 170;
  const barSpace = WIDTH - labelWidth - 50;
  const max = Math.max(...c.bars.map((b) => b.value), 1);
  for (const bar of c.bars) {
    ensureRoom(pdf, rowHeight);
    const y = pdf.y;
    pdf
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(INK)
      .text(printable(bar.label), MARGIN, y + 2, {
        width: labelWidth - 6,
        height: rowHeight,
        ellipsis: true,
        lineBreak: false,
      });
    const length = Math.max(1, (bar.value / max) * barSpace);
    pdf.rect(MARGIN + labelWidth, y + 2, length, rowHeight - 5).fill(ACCENT);
    pdf.fillColor(INK).text(show(bar.value), MARGIN + labelWidth + length + 4, y + 2, { lineBreak: false });
    pdf.y = y + rowHeight;
  }
  pdf.x = MARGIN;
  pdf
    .fillColor(MUTED)
    .fontSize(8)
    .text(printable(`En ${c.unit}.`), MARGIN, pdf.y, { width: WIDTH });
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
  pdf.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(printable(t.title), MARGIN, pdf.y, { width: WIDTH });
  pdf.moveDown(0.3);
  const line = (cells: Cell[], bold: boolean) => {
    ensureRoom(pdf, rowHeight);
    const y = pdf.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      pdf
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(columns > 4 ? 7 : 8.5)
        .fillColor(INK);
      pdf.text(show(cell), x + 2, y + 2, {
        width: widths[i]! - 4,
        height: rowHeight - 2,
        ellipsis: true,
        align: i === 0 ? 'left' : 'right',
      });
      x += widths[i]!;
    });
    pdf
      .moveTo(MARGIN, y + rowHeight)
      .lineTo(MARGIN + WIDTH, y + rowHeight)
      .lineWidth(0.3)
      .strokeColor('#c9d1da')
      .stroke();
    pdf.y = y + rowHeight;
  };
  line(t.headers, true);
  for (const row of t.rows) line(row, false);
  pdf.x = MARGIN;
  pdf.moveDown(0.8);
}
