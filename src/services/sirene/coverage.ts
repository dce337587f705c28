import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../db.js';
import { findHeadcountBand, HEADCOUNT_BANDS, shortBandLabel } from '../../reference/headcount-bands.js';
import { findNafSection, NAF_NOMENCLATURE, nafSection } from '../../reference/naf.js';

/**
 * The coverage of the territory's economic fabric: among the establishments of the SIRENE
 * reference (SireneEstablishment) that are active, still in the territory, of the chosen NAF
 * sections and of a band at least the minimum one, the share visited in a period — a platform
 * company with the same SIRET having a visit dated in it. A `P` unit (partially diffusible) is an
 * establishment like any other here: it is counted, never named. Aggregates only: no SIRET leaves
 * this module.
 */

/** Which establishments count: NAF sections (letters) and the least INSEE band (INSEE order). */
export interface CoverageCriteria {
  sections: readonly string[];
  minBand: string;
}

/** Industry (B to E), 10 employees and more. */
export const DEFAULT_COVERAGE_CRITERIA: CoverageCriteria = Object.freeze({
  sections: Object.freeze(['B', 'C', 'D', 'E']),
  minBand: '11',
});

/** The bands counted: `minBand` and those after it in INSEE order; NN, 00 and an unknown band never. */
export function coveredBands(minBand: string): string[] {
  const from = HEADCOUNT_BANDS.findIndex((b) => b.code === minBand);
  if (from < 0) throw new Error(`Unknown INSEE headcount band: ${minBand}`);
  return HEADCOUNT_BANDS.slice(from)
    .map((b) => b.code)
    .filter((code) => code !== 'NN' && code !== '00');
}

/** One part of the coverage: establishments matching, and how many of them were visited. */
export interface CoverageCell {
  /** Section letter or band code. */
  code: string;
  label: string;
  matching: number;
  visited: number;
}

export interface Coverage {
  criteria: { sections: string[]; minBand: string };
  /** No establishment in the reference at all (no import yet): nothing can be said. */
  referenceEmpty: boolean;
  matching: number;
  visited: number;
  /** By NAF section, in the criteria's order (a section without establishments is left out). */
  bySection: CoverageCell[];
  /** By band, in INSEE order (a band without establishments is left out). */
  byBand: CoverageCell[];
}

/** visited / matching in %, one decimal; null when nothing matches. */
export function coverageRate(cell: { matching: number; visited: number }): number | null {
  return cell.matching > 0 ? Math.round((cell.visited / cell.matching) * 1000) / 10 : null;
}

/**
 * The coverage for the days [from, to) (UTC midnights, as visit dates are stored). Counted in SQL
 * by NAF code and band (a few hundred groups at most), the sections worked out here from the NAF
 * reference (src/reference/data/naf-rev2.csv).
 */
export async function computeCoverage(
  db: Db,
  period: { from: Date; to: Date },
  criteria: CoverageCriteria = DEFAULT_COVERAGE_CRITERIA,
): Promise<Coverage> {
  const sections = criteria.sections.map((s) => s.trim().toUpperCase());
  const bands = coveredBands(criteria.minBand);
  const [{ n: total } = { n: 0n }] = await db.$queryRaw<
    { n: bigint }[]
  >`SELECT count(*) AS n FROM "SireneEstablishment"`;
  const rows = await db.$queryRaw<{ nafCode: string; band: string; matching: bigint; visited: bigint }[]>`
    SELECT e."nafCode", e."headcountBand" AS band, count(*) AS matching,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM "Company" c JOIN "Visit" v ON v."companyId" = c.id
              WHERE c.siret = e.siret AND v."visitDate" >= ${period.from} AND v."visitDate" < ${period.to})) AS visited
      FROM "SireneEstablishment" e
     WHERE e.active AND e."inTerritory" AND e."nafCode" IS NOT NULL
       AND (e."nafNomenclature" IS NULL OR e."nafNomenclature" = ${NAF_NOMENCLATURE})
       AND e."headcountBand" IN (${Prisma.join(bands)})
     GROUP BY 1, 2`;

  const bySection = new Map<string, CoverageCell>();
  const byBand = new Map<string, CoverageCell>();
  const add = (m: Map<string, CoverageCell>, code: string, label: string, matching: number, visited: number) => {
    const cell = m.get(code) ?? { code, label, matching: 0, visited: 0 };
    cell.matching += matching;
    cell.visited += visited;
    m.set(code, cell);
  };
  let matching = 0;
  let visited = 0;
  for (const r of rows) {
    let section: string;
    try {
      section = nafSection(r.nafCode).code;
    } catch {
      continue; // Not a NAF rév. 2 sous-classe: no section to count it in.
    }
    if (!sections.includes(section)) continue;
    const m = Number(r.matching);
    const v = Number(r.visited);
    matching += m;
    visited += v;
    add(bySection, section, sectionLabel(section), m, v);
    const band = findHeadcountBand(r.band)!;
    add(byBand, band.code, shortBandLabel(band), m, v);
  }
  return {
    criteria: { sections, minBand: criteria.minBand },
    referenceEmpty: Number(total) === 0,
    matching,
    visited,
    bySection: sections.flatMap((s) => bySection.get(s) ?? []),
    byBand: bands.flatMap((b) => byBand.get(b) ?? []),
  };
}

/** « C — Industrie manufacturière ». */
export function sectionLabel(letter: string): string {
  const entry = findNafSection(letter);
  return entry ? `${entry.code} — ${entry.label}` : letter;
}
