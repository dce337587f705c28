import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../db.js';
import { findHeadcountBand, HEADCOUNT_BANDS, shortBandLabel } from '../../reference/headcount-bands.js';
import { nafSection } from '../../reference/naf.js';
import { SECTOR_FAMILY_LABELS, type SectorFamily } from '../../reference/sector-family.js';
import { STAKE_LABELS } from '../../texts/fr.js';
import { localInstant } from '../../time.js';

/**
 * The figures of a year's report, as aggregates computed in SQL (a few queries whatever the
 * territory's size): the activity, and the typology of the companies visited — each company
 * counted once — by sector, size and commune, crossed with the stakes they face.
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
  /** label → companies, in a stable order (the reference's, or by size). */
  bySection: Row[];
  byFamily: Row[];
  byBand: Row[];
  byCommune: Row[];
  /** Companies citing each stake (any priority), and at high priority. */
  stakes: (Row & { high: number })[];
  /** Sector family × stake: companies. */
  familyByStake: Crossing;
  /** Size band × stake: companies. */
  bandByStake: Crossing;
  /** Hiring needs cited (job families), positions counted. */
  hiringNeeds: Row[];
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
      SELECT c."nafCode", c."sectorFamily"::text AS "sectorFamily", c."headcountBand", c.commune, count(*) AS n
        FROM "Company" c
       WHERE EXISTS (SELECT 1 FROM "Visit" v WHERE v."companyId" = c.id AND v."visitDate" >= ${from} AND v."visitDate" < ${to})
       GROUP BY 1, 2, 3, 4`,
    // Each company once per stake it was said to face this year (high if any visit said so), with its family and band.
    stakes: Prisma.sql`
      SELECT stake, "sectorFamily", "headcountBand", high, count(*) AS n FROM (
        SELECT s.stake::text AS stake, c."sectorFamily"::text AS "sectorFamily", c."headcountBand", c.id, bool_or(s.priority = 'haute') AS high
          FROM "VisitStake" s JOIN "Visit" v ON v.id = s."visitId" JOIN "Company" c ON c.id = v."companyId"
         WHERE v."visitDate" >= ${from} AND v."visitDate" < ${to}
         GROUP BY 1, 2, 3, 4) per_company
       GROUP BY 1, 2, 3, 4`,
    hiring: Prisma.sql`
      SELECT h."jobFamily", sum(h.count) AS n FROM "VisitHiringNeed" h JOIN "Visit" v ON v.id = h."visitId"
       WHERE v."visitDate" >= ${from} AND v."visitDate" < ${to} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15`,
  };
}

export async function annualData(db: Db, year: number, timeZone: string): Promise<AnnualData> {
  const q = annualQueries(year, timeZone);
  const [visits, months, committees, actions, alerts, companies, stakes, hiring] = await Promise.all([
    db.$queryRaw<{ visits: bigint; companies: bigint; structures: bigint; capteurs: bigint }[]>(q.visits),
    db.$queryRaw<{ month: number; n: bigint }[]>(q.months),
    db.$queryRaw<{ committees: bigint; examined: bigint; informed: bigint }[]>(q.committees),
    db.$queryRaw<{ created: bigint; done: bigint; abandoned: bigint; open: bigint }[]>(q.actions),
    db.$queryRaw<{ alerts: bigint; transmitted: bigint; within: bigint; diffused: bigint; positions: bigint }[]>(q.alerts),
    db.$queryRaw<{ nafCode: string; sectorFamily: SectorFamily; headcountBand: string; commune: string; n: bigint }[]>(q.companies),
    db.$queryRaw<{ stake: keyof typeof STAKE_LABELS; sectorFamily: SectorFamily; headcountBand: string; high: boolean; n: bigint }[]>(q.stakes),
    db.$queryRaw<{ jobFamily: string; n: bigint }[]>(q.hiring),
  ]);

  const tally = (key: (r: (typeof companies)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of companies) m.set(key(r), (m.get(key(r)) ?? 0) + n(r.n));
    return m;
  };
  const sectionOf = (code: string) => {
    try {
      const s = nafSection(code);
      return `${s.code} — ${s.label}`;
    } catch {
      return 'Code NAF inconnu';
    }
  };
  const bandLabel = (code: string) => {
    const band = findHeadcountBand(code);
    return band ? shortBandLabel(band) : 'Effectif inconnu';
  };
  const bySize = (m: Map<string, number>): Row[] => [...m].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
  const bandOrder = HEADCOUNT_BANDS.map((b) => shortBandLabel(b));
  const byBand = [...tally((r) => bandLabel(r.headcountBand))].map(([label, count]) => ({ label, count })).sort((a, b) => bandOrder.indexOf(a.label) - bandOrder.indexOf(b.label));
  const familyOrder = Object.values(SECTOR_FAMILY_LABELS);
  const byFamily = [...tally((r) => SECTOR_FAMILY_LABELS[r.sectorFamily] ?? r.sectorFamily)].map(([label, count]) => ({ label, count })).sort((a, b) => familyOrder.indexOf(a.label) - familyOrder.indexOf(b.label));

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
    add(family, SECTOR_FAMILY_LABELS[r.sectorFamily] ?? r.sectorFamily);
    add(band, bandLabel(r.headcountBand));
  }
  const stakeRows = [...stakeTotals].map(([label, t]) => ({ label, ...t })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
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
    bySection: bySize(tally((r) => sectionOf(r.nafCode))),
    byFamily,
    byBand,
    byCommune: bySize(tally((r) => r.commune)),
    stakes: stakeRows,
    familyByStake: crossing(family, familyOrder),
    bandByStake: crossing(band, bandOrder),
    hiringNeeds: hiring.map((h) => ({ label: h.jobFamily, count: n(h.n) })),
  };
}
