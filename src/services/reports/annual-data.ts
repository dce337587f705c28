import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../db.js';
import { findHeadcountBand, HEADCOUNT_BANDS, shortBandLabel } from '../../reference/headcount-bands.js';
import { jobFamilyOf, JOB_FAMILIES } from '../../reference/job-families.js';
import { nafSection } from '../../reference/naf.js';
import {
  SECTOR_FAMILY_BY_NAF_SECTION,
  SECTOR_FAMILY_LABELS,
  type SectorFamily,
} from '../../reference/sector-family.js';
import { STAKE_LABELS } from '../../texts/fr.js';
import { localInstant } from '../../time.js';
import { computeCoverage, type Coverage, type CoverageCriteria } from '../sirene/coverage.js';

/**
 * The figures of a year's report, as aggregates computed in SQL (a few queries whatever the
 * territory's size): the activity, and the typology of the companies visited — each company
 * counted once — by sector, size and commune, crossed with the stakes they face. Only counts and
 * reference labels (NAF, INSEE bands, communes, stakes, ROME job families): never a company's
 * name, SIRET or a free text, so that this object can be kept with the report (Report.data).
 */
export interface AnnualData {
  year: number;
  activity: {
    visits: number;
    companies: number;
    structures: number;
    capteurs: number;
    visitsByMonth: number[];
    committees: number;
    companiesExamined: number;
    companiesInformed: number;
    actionsCreated: number;
    actionsDone: number;
    actionsAbandoned: number;
    actionsOpen: number;
    alerts: number;
    alertsTransmitted: number;
    alertsWithin48h: number;
    offersDiffused: number;
    positions: number;
  };
  /** label → companies, in a stable order (the reference's, or by size). Each section with its sector family. */
  bySection: (Row & { family: string })[];
  byFamily: Row[];
  byBand: Row[];
  byCommune: Row[];
  /** Companies citing each stake (any priority), and at high priority. */
  stakes: (Row & { high: number })[];
  /** Sector family × stake: companies. */
  familyByStake: Crossing;
  /** Size band × stake: companies. */
  bandByStake: Crossing;
  /**
   * Hiring needs cited, by job family (ROME domain, src/reference/job-families.ts; never the
   * text typed), positions counted over the year's visits, with how many companies cited each.
   */
  hiringNeeds: (Row & { code: string; companies: number })[];
  /** All hiring needs: positions, and companies citing at least one. */
  hiringTotal: { count: number; companies: number };
  /**
   * The coverage of the industrial fabric over the year (services/sirene/coverage.ts): counts of
   * reference establishments by NAF section and band, never a SIRET. Absent from reports kept
   * before it was computed.
   */
  coverage?: Coverage;
}

export interface Row {
  label: string;
  count: number;
}

export interface Crossing {
  rows: string[];
  columns: string[];
  /** cells[row][column] */
  cells: number[][];
}

const n = (v: unknown) => Number(v ?? 0);

/** The SQL of a year's report, one query per aggregate: run by annualData, and bare by the benchmark. */
export function annualQueries(year: number, timeZone: string) {
  const from = new Date(`${year}-01-01T00:00:00Z`);
  const to = new Date(`${year + 1}-01-01T00:00:00Z`);
  const fromInstant = localInstant(`${year}-01-01`, '00:00', timeZone);
  const toInstant = localInstant(`${year + 1}-01-01`, '00:00', timeZone);
  return {
    visits: Prisma.sql`
      SELECT count(*) AS visits, count(DISTINCT "companyId") AS companies, count(DISTINCT "structureId") AS structures, count(DISTINCT "capteurId") AS capteurs
        FROM "Visit" WHERE "visitDate" >= ${from} AND "visitDate" < ${to}`,
    months: Prisma.sql`
      SELECT EXTRACT(MONTH FROM "visitDate")::int AS month, count(*) AS n FROM "Visit" WHERE "visitDate" >= ${from} AND "visitDate" < ${to} GROUP BY 1`,
    committees: Prisma.sql`
      SELECT count(DISTINCT c.id) AS committees,
             count(i.id) FILTER (WHERE i.decision IS NOT NULL OR i."noFollowUp" OR EXISTS (SELECT 1 FROM "Action" a WHERE a."agendaItemId" = i.id)) AS examined,
             count(i."informedAt") AS informed
        FROM "Committee" c LEFT JOIN "AgendaItem" i ON i."committeeId" = c.id
       WHERE c.status IN ('held', 'closed') AND c."scheduledAt" >= ${fromInstant} AND c."scheduledAt" < ${toInstant}`,
    actions: Prisma.sql`
      SELECT count(*) AS created,
             count(*) FILTER (WHERE status = 'realisee') AS done,
             count(*) FILTER (WHERE status = 'abandonnee') AS abandoned,
             count(*) FILTER (WHERE status IN ('a_faire', 'en_cours', 'bloquee')) AS open
        FROM "Action" WHERE "createdAt" >= ${fromInstant} AND "createdAt" < ${toInstant}`,
    alerts: Prisma.sql`
      SELECT count(*) AS alerts,
             count(t.at) AS transmitted,
             count(*) FILTER (WHERE t.at <= a."deadlineAt") AS within,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "AlertTransition" d WHERE d."alertId" = a.id AND d."to" = 'diffusee')) AS diffused,
             (SELECT coalesce(sum(p.count), 0) FROM "AlertPosition" p JOIN "RecruitmentAlert" r ON r.id = p."alertId" WHERE r."raisedAt" >= ${fromInstant} AND r."raisedAt" < ${toInstant}) AS positions
        FROM "RecruitmentAlert" a
        LEFT JOIN (SELECT "alertId", min(at) AS at FROM "AlertTransition" WHERE "to" = 'transmise' GROUP BY "alertId") t ON t."alertId" = a.id
       WHERE a."raisedAt" >= ${fromInstant} AND a."raisedAt" < ${toInstant}`,
    // Each company visited this year once, with what describes it.
    companies: Prisma.sql`
      SELECT c."nafCode", c."headcountBand", c.commune, count(*) AS n
        FROM "Company" c
       WHERE EXISTS (SELECT 1 FROM "Visit" v WHERE v."companyId" = c.id AND v."visitDate" >= ${from} AND v."visitDate" < ${to})
       GROUP BY 1, 2, 3`,
    // Each company once per stake it was said to face this year (high if any visit said so), with its NAF code and band.
    stakes: Prisma.sql`
      SELECT stake, "nafCode", "headcountBand", high, count(*) AS n FROM (
        SELECT s.stake::text AS stake, c."nafCode", c."headcountBand", c.id, bool_or(s.priority = 'haute') AS high
          FROM "VisitStake" s JOIN "Visit" v ON v.id = s."visitId" JOIN "Company" c ON c.id = v."companyId"
         WHERE v."visitDate" >= ${from} AND v."visitDate" < ${to}
         GROUP BY 1, 2, 3, 4) per_company
       GROUP BY 1, 2, 3, 4`,
    // The job titles as typed, per company: classified into families here, in code (jobFamilyOf), then dropped.
    hiring: Prisma.sql`
      SELECT h."jobFamily", v."companyId", sum(h.count) AS n FROM "VisitHiringNeed" h JOIN "Visit" v ON v.id = h."visitId"
       WHERE v."visitDate" >= ${from} AND v."visitDate" < ${to} GROUP BY 1, 2`,
  };
}

/** What the report's queries return, row by row (counts as the driver gives them). */
export interface AnnualRows {
  visits: { visits: Num; companies: Num; structures: Num; capteurs: Num }[];
  months: { month: number; n: Num }[];
  committees: { committees: Num; examined: Num; informed: Num }[];
  actions: { created: Num; done: Num; abandoned: Num; open: Num }[];
  alerts: { alerts: Num; transmitted: Num; within: Num; diffused: Num; positions: Num }[];
  companies: { nafCode: string; headcountBand: string; commune: string; n: Num }[];
  stakes: { stake: keyof typeof STAKE_LABELS; nafCode: string; headcountBand: string; high: boolean; n: Num }[];
  hiring: { jobFamily: string; companyId: string; n: Num }[];
}
type Num = bigint | number;

export async function annualData(
  db: Db,
  year: number,
  timeZone: string,
  coverageCriteria?: CoverageCriteria,
): Promise<AnnualData> {
  const q = annualQueries(year, timeZone);
  const [visits, months, committees, actions, alerts, companies, stakes, hiring] = await Promise.all([
    db.$queryRaw<AnnualRows['visits']>(q.visits),
    db.$queryRaw<AnnualRows['months']>(q.months),
    db.$queryRaw<AnnualRows['committees']>(q.committees),
    db.$queryRaw<AnnualRows['actions']>(q.actions),
    db.$queryRaw<AnnualRows['alerts']>(q.alerts),
    db.$queryRaw<AnnualRows['companies']>(q.companies),
    db.$queryRaw<AnnualRows['stakes']>(q.stakes),
    db.$queryRaw<AnnualRows['hiring']>(q.hiring),
  ]);
  const coverage = await computeCoverage(
    db,
    { from: new Date(`${year}-01-01T00:00:00Z`), to: new Date(`${year + 1}-01-01T00:00:00Z`) },
    coverageCriteria,
  );
  return {
    ...aggregateAnnualData(year, { visits, months, committees, actions, alerts, companies, stakes, hiring }),
    coverage,
  };
}

/** The report's figures from its queries' rows: labels from the references, each company once per partition. */
export function aggregateAnnualData(year: number, rows: AnnualRows): AnnualData {
  const { visits, months, committees, actions, alerts, companies, stakes, hiring } = rows;
  const tally = (key: (r: (typeof companies)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of companies) m.set(key(r), (m.get(key(r)) ?? 0) + n(r.n));
    return m;
  };
  // A company's section and sector family both follow its NAF code (the documented mapping,
  // reference/sector-family.ts), so that each family is exactly the sum of its sections: a reader
  // can add them up, and the statistical secret protects both together.
  const sections = new Map<string, { label: string; family: string }>();
  const sectionOf = (code: string) => {
    let s = sections.get(code);
    if (!s) {
      try {
        const entry = nafSection(code);
        s = {
          label: `${entry.code} — ${entry.label}`,
          family:
            SECTOR_FAMILY_LABELS[(SECTOR_FAMILY_BY_NAF_SECTION as Record<string, SectorFamily>)[entry.code] ?? 'autre'],
        };
      } catch {
        s = { label: 'Code NAF inconnu', family: SECTOR_FAMILY_LABELS.autre };
      }
      sections.set(code, s);
    }
    return s;
  };
  const bandLabel = (code: string) => {
    const band = findHeadcountBand(code);
    return band ? shortBandLabel(band) : 'Effectif inconnu';
  };
  const bySize = (m: Map<string, number>): Row[] =>
    [...m]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
  const bandOrder = HEADCOUNT_BANDS.map((b) => shortBandLabel(b));
  const byBand = [...tally((r) => bandLabel(r.headcountBand))]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => bandOrder.indexOf(a.label) - bandOrder.indexOf(b.label));
  const familyOrder = Object.values(SECTOR_FAMILY_LABELS);
  const byFamily = [...tally((r) => sectionOf(r.nafCode).family)]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => familyOrder.indexOf(a.label) - familyOrder.indexOf(b.label));
  const familyOfSection = new Map([...sections.values()].map((s) => [s.label, s.family]));
  const bySection = bySize(tally((r) => sectionOf(r.nafCode).label)).map((r) => ({
    ...r,
    family: familyOfSection.get(r.label)!,
  }));

  const stakeTotals = new Map<string, { count: number; high: number }>();
  const family = new Map<string, Map<string, number>>();
  const band = new Map<string, Map<string, number>>();
  for (const r of stakes) {
    const label = STAKE_LABELS[r.stake] ?? r.stake;
    const t = stakeTotals.get(label) ?? { count: 0, high: 0 };
    stakeTotals.set(label, { count: t.count + n(r.n), high: t.high + (r.high ? n(r.n) : 0) });
    const add = (m: Map<string, Map<string, number>>, row: string) => {
      const cells = m.get(row) ?? new Map<string, number>();
      cells.set(label, (cells.get(label) ?? 0) + n(r.n));
      m.set(row, cells);
    };
    add(family, sectionOf(r.nafCode).family);
    add(band, bandLabel(r.headcountBand));
  }
  const stakeRows = [...stakeTotals]
    .map(([label, t]) => ({ label, ...t }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
  const columns = stakeRows.map((s) => s.label);
  const crossing = (m: Map<string, Map<string, number>>, order: string[]): Crossing => {
    const rows = [...m.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return { rows, columns, cells: rows.map((row) => columns.map((c) => m.get(row)?.get(c) ?? 0)) };
  };

  const v = visits[0]!;
  const monthly = Array.from({ length: 12 }, (_, i) => n(months.find((m) => Number(m.month) === i + 1)?.n));
  const c = committees[0]!;
  const a = actions[0]!;
  const al = alerts[0]!;
  return {
    year,
    activity: {
      visits: n(v.visits),
      companies: n(v.companies),
      structures: n(v.structures),
      capteurs: n(v.capteurs),
      visitsByMonth: monthly,
      committees: n(c.committees),
      companiesExamined: n(c.examined),
      companiesInformed: n(c.informed),
      actionsCreated: n(a.created),
      actionsDone: n(a.done),
      actionsAbandoned: n(a.abandoned),
      actionsOpen: n(a.open),
      alerts: n(al.alerts),
      alertsTransmitted: n(al.transmitted),
      alertsWithin48h: n(al.within),
      offersDiffused: n(al.diffused),
      positions: n(al.positions),
    },
    bySection,
    byFamily,
    byBand,
    byCommune: bySize(tally((r) => r.commune)),
    stakes: stakeRows,
    familyByStake: crossing(family, familyOrder),
    bandByStake: crossing(band, bandOrder),
    ...hiringByFamily(hiring.map((h) => ({ jobFamily: h.jobFamily, companyId: h.companyId, count: n(h.n) }))),
  };
}

/** Hiring needs as typed (title, company, positions) → by job family: positions and companies citing it. */
export function hiringByFamily(
  needs: { jobFamily: string; companyId: string; count: number }[],
): Pick<AnnualData, 'hiringNeeds' | 'hiringTotal'> {
  const families = new Map<string, { code: string; count: number; companies: Set<string> }>();
  const classified = new Map<string, { code: string; label: string }>();
  const all = new Set<string>();
  let total = 0;
  for (const need of needs) {
    let family = classified.get(need.jobFamily);
    if (!family) {
      family = jobFamilyOf(need.jobFamily);
      classified.set(need.jobFamily, family);
    }
    const f = families.get(family.label) ?? { code: family.code, count: 0, companies: new Set<string>() };
    f.count += need.count;
    f.companies.add(need.companyId);
    families.set(family.label, f);
    all.add(need.companyId);
    total += need.count;
  }
  const order = JOB_FAMILIES.map((f) => f.code);
  return {
    hiringNeeds: [...families]
      .map(([label, f]) => ({ label, code: f.code, count: f.count, companies: f.companies.size }))
      .sort((a, b) => b.count - a.count || order.indexOf(a.code) - order.indexOf(b.code)),
    hiringTotal: { count: total, companies: all.size },
  };
}
