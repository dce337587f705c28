import { readCsvFile } from './csv.js';
import { projectFile } from '../project-files.js';

/** A SIRENE "tranche d'effectif salarié". `max` is null for the open-ended top band (`53`). */
export interface HeadcountBand {
  code: string;
  label: string;
  min: number;
  max: number | null;
}

function toInt(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`tranches-effectifs.csv: bad ${what} "${value}"`);
  return Number(value);
}

function loadBands(): readonly HeadcountBand[] {
  const rows = readCsvFile(projectFile('src/reference/data/tranches-effectifs.csv'), ['code', 'label', 'min', 'max']);
  return Object.freeze(
    rows.map((r) =>
      Object.freeze({
        code: r.code!,
        label: r.label!,
        min: toInt(r.min!, `min for ${r.code}`),
        max: r.max === '' ? null : toInt(r.max!, `max for ${r.code}`),
      }),
    ),
  );
}

/**
 * All bands in INSEE order (NN, 00, 01 … 53). Read when the module is first imported rather
 * than on first call, because an exported constant cannot be lazy; the file has 16 rows.
 */
export const HEADCOUNT_BANDS: readonly HeadcountBand[] = loadBands();

/** The bands that can be a minimum headcount (01 and after): not « non-employer » (NN) nor « 0 employee » (00). */
export function employeeBands(): readonly HeadcountBand[] {
  return HEADCOUNT_BANDS.filter((b) => b.code !== 'NN' && b.code !== '00');
}

export function findHeadcountBand(code: string): HeadcountBand | undefined {
  return HEADCOUNT_BANDS.find((b) => b.code === code.trim());
}

/**
 * The band for an actual headcount. NN ("non-employer, or unknown") is never returned:
 * a known count of 0 maps to `00`.
 */
export function bandForHeadcount(n: number): HeadcountBand | undefined {
  if (!Number.isInteger(n) || n < 0) return undefined;
  return HEADCOUNT_BANDS.find((b) => b.code !== 'NN' && b.min <= n && (b.max === null || n <= b.max));
}

// Slack option text is limited to 75 characters; the INSEE wording for NN and 00 is longer.
const SLACK_OPTION_MAX = 75;
const SHORT_LABELS: Readonly<Record<string, string>> = {
  NN: 'Unité non employeuse',
  '00': '0 salarié au 31/12',
};

export function shortBandLabel(b: HeadcountBand): string {
  const label = SHORT_LABELS[b.code] ?? b.label;
  // Guard for future data: cut rather than let Slack reject the whole option list.
  return label.length <= SLACK_OPTION_MAX ? label : `${label.slice(0, SLACK_OPTION_MAX - 1)}…`;
}
