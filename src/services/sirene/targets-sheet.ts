import type { StructureKind } from '../../generated/prisma/enums.js';
import { findNafSubclass } from '../../reference/naf.js';
import { formatSiret } from '../../reference/siret.js';
import { STRUCTURE_KIND_LABELS } from '../../texts/administration.js';
import { PLATFORM_NAME } from '../../texts/common.js';
import { PROGRAMME_TEXTS } from '../../texts/programme.js';
import { frenchDate } from '../../time.js';
import { loadExcelJS, sheetName } from '../reports/xlsx.js';
import type { TargetProposal } from './targets.js';

const T = PROGRAMME_TEXTS.propose.sheet;

/** Who a group goes to, as the sheet names it: the structure, or « Aucune structure active de type CMA ». */
export function groupStructureLabel(group: { kind: StructureKind; structure: { name: string } | null }): string {
  return group.structure?.name ?? PROGRAMME_TEXTS.propose.noStructure(STRUCTURE_KIND_LABELS[group.kind]);
}

/**
 * The proposal as a spreadsheet: a summary (criteria, counts by structure), then one sheet per
 * structure listing its establishments — public SIRENE data (diffusible establishments only) and,
 * for those already followed, the date of their last visit.
 */
export async function renderTargetsSheet(p: TargetProposal, criteriaLines: string[]): Promise<Buffer> {
  const book = new (await loadExcelJS()).Workbook();
  book.creator = PLATFORM_NAME;
  book.title = PROGRAMME_TEXTS.propose.fileTitle(p.criteria.year);
  const used = new Set<string>();
  const summary = book.addWorksheet(sheetName(T.summary, used));
  summary.addRow([PROGRAMME_TEXTS.propose.fileTitle(p.criteria.year)]).font = { bold: true, size: 13 };
  summary.addRow([T.criteria]).font = { bold: true };
  for (const line of criteriaLines) summary.addRow([line]);
  summary.addRow([]);
  summary.addRow([...T.summaryHeaders]).font = { bold: true };
  for (const g of p.groups) summary.addRow([groupStructureLabel(g), g.targets.length]);
  summary.getColumn(1).width = 60;
  summary.getColumn(2).width = 24;

  for (const g of p.groups) {
    if (g.targets.length === 0) continue;
    const label = groupStructureLabel(g);
    const sheet = book.addWorksheet(sheetName(label, used));
    sheet.addRow([...T.headers]).font = { bold: true };
    for (const t of g.targets)
      sheet.addRow([
        formatSiret(t.siret),
        t.name,
        t.nafCode,
        findNafSubclass(t.nafCode)?.label ?? '',
        t.bandLabel,
        t.communeName ?? t.communeCode,
        t.postalCode ?? '',
        t.tradeRegister ? T.yes : T.no,
        t.lastVisit ? frenchDate(t.lastVisit.toISOString().slice(0, 10)) : T.never,
        label,
      ]);
    const widths = [20, 40, 10, 48, 22, 26, 12, 12, 16, 30];
    widths.forEach((w, i) => {
      sheet.getColumn(i + 1).width = w;
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: widths.length } };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
