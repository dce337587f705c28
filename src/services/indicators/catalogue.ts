import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../db.js';
import { INDICATOR_DESCRIPTIONS, type IndicatorDescription, type IndicatorUnit } from '../../domain/indicators.js';
import { STAKE_LABELS } from '../../texts/visit.js';
import { localInstant } from '../../time.js';
import { computeCoverage, coverageRate, type CoverageCriteria } from '../sirene/coverage.js';

/**
 * The indicators a steering committee can follow, each computed from the platform's data for a
 * period, with a definition it can read. Computed in SQL (the same on PGlite and PostgreSQL):
 * aggregates, not rows, so a large territory's year takes a few queries.
 */

export type { IndicatorUnit };

/** A period of local calendar days: [start, end). */
export interface Period {
  /** YYYY-MM-DD, included. */
  start: string;
  /** YYYY-MM-DD, excluded. */
  end: string;
  timeZone: string;
  /** Which establishments the coverage of the industrial fabric counts (default: industry, 10 employees and more). */
  coverage?: CoverageCriteria;
}

export interface IndicatorValue {
  /** null when it cannot be computed (nothing to divide by). */
  value: number | null;
  /** For a distribution: label → count. */
  breakdown?: Record<string, number>;
}

/** An indicator as the committee reads it (src/domain/indicators.ts), and how it is computed. */
export interface IndicatorDefinition extends IndicatorDescription {
  compute(db: Db, period: Period): Promise<IndicatorValue>;
}

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const instants = (p: Period) => ({
  from: localInstant(p.start, '00:00', p.timeZone),
  to: localInstant(p.end, '00:00', p.timeZone),
});
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round = (v: number | null, digits = 1) =>
  v === null || Number.isNaN(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits;

async function one<T extends Record<string, unknown>>(rows: Promise<T[]>): Promise<T> {
  return (await rows)[0]!;
}

/** A share in %, one decimal; none when there is nothing to divide by. */
function percentOf(part: unknown, whole: unknown): IndicatorValue {
  const total = Number(whole);
  return { value: total > 0 ? round((Number(part) / total) * 100) : null };
}

/** An indicator that is one count: its query answers `n`. */
async function countOf(db: Db, query: Prisma.Sql): Promise<IndicatorValue> {
  return { value: num((await one(db.$queryRaw<{ n: bigint }[]>(query))).n) };
}

/** Months of the period (a quarter: 3). */
function monthsIn(p: Period): number {
  const [ys, ms] = p.start.split('-').map(Number) as [number, number];
  const [ye, me] = p.end.split('-').map(Number) as [number, number];
  return (ye - ys) * 12 + (me - ms);
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    ...INDICATOR_DESCRIPTIONS.visites,
    async compute(db, p) {
      return countOf(
        db,
        Prisma.sql`SELECT count(*) AS n FROM "Visit" WHERE "visitDate" >= ${day(p.start)} AND "visitDate" < ${day(p.end)}`,
      );
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.entreprises_visitees,
    async compute(db, p) {
      return countOf(
        db,
        Prisma.sql`SELECT count(DISTINCT "companyId") AS n FROM "Visit" WHERE "visitDate" >= ${day(p.start)} AND "visitDate" < ${day(p.end)}`,
      );
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.realisation_programmes,
    async compute(db, p) {
      const year = Number(p.start.slice(0, 4));
      const months = monthsIn(p);
      const rows = await db.$queryRaw<{ name: string; target: number; visits: bigint }[]>`
        SELECT s.name, vp."monthlyTarget" AS target,
               (SELECT count(*) FROM "Visit" v WHERE v."structureId" = vp."structureId" AND v."visitDate" >= ${day(p.start)} AND v."visitDate" < ${day(p.end)}) AS visits
          FROM "VisitProgramme" vp JOIN "Structure" s ON s.id = vp."structureId"
         WHERE vp.year = ${year} ORDER BY s.name`;
      const target = rows.reduce((sum, r) => sum + Number(r.target), 0) * months;
      const visits = rows.reduce((sum, r) => sum + Number(r.visits), 0);
      const perStructure = rows
        .filter((r) => Number(r.target) > 0)
        .map((r) => [r.name, round((Number(r.visits) / (Number(r.target) * months)) * 100)!] as const);
      return { value: target > 0 ? round((visits / target) * 100) : null, breakdown: Object.fromEntries(perStructure) };
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.couverture_cibles,
    async compute(db, p) {
      const year = Number(p.start.slice(0, 4));
      const r = await one(db.$queryRaw<{ total: bigint; visited: bigint }[]>`
        SELECT count(*) AS total,
               count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM "Visit" v
                  WHERE v."structureId" = vp."structureId"
                    AND v."companyId" = COALESCE(t."companyId", (SELECT c.id FROM "Company" c WHERE c.siret = t.siret LIMIT 1))
                    AND v."visitDate" >= ${day(`${year}-01-01`)} AND v."visitDate" < ${day(p.end)})) AS visited
          FROM "ProgrammeTarget" t JOIN "VisitProgramme" vp ON vp.id = t."programmeId"
         WHERE vp.year = ${year}`);
      return percentOf(r.visited, r.total);
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.repartition_enjeux,
    async compute(db, p) {
      const rows = await db.$queryRaw<{ stake: keyof typeof STAKE_LABELS; n: bigint }[]>`
        SELECT s.stake::text AS stake, count(*) AS n FROM "VisitStake" s JOIN "Visit" v ON v.id = s."visitId"
         WHERE v."visitDate" >= ${day(p.start)} AND v."visitDate" < ${day(p.end)} GROUP BY s.stake ORDER BY n DESC, stake`;
      const high = await one(db.$queryRaw<{ n: bigint }[]>`
        SELECT count(DISTINCT v.id) AS n FROM "VisitStake" s JOIN "Visit" v ON v.id = s."visitId"
         WHERE s.priority = 'haute' AND v."visitDate" >= ${day(p.start)} AND v."visitDate" < ${day(p.end)}`);
      return {
        value: num(high.n),
        breakdown: Object.fromEntries(rows.map((r) => [STAKE_LABELS[r.stake], Number(r.n)])),
      };
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.actions_creees,
    async compute(db, p) {
      const { from, to } = instants(p);
      return countOf(
        db,
        Prisma.sql`SELECT count(*) AS n FROM "Action" WHERE "createdAt" >= ${from} AND "createdAt" < ${to}`,
      );
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.actions_realisees,
    async compute(db, p) {
      const { from, to } = instants(p);
      return countOf(
        db,
        Prisma.sql`
        SELECT count(DISTINCT "actionId") AS n FROM "ActionUpdate" WHERE "toStatus" = 'realisee' AND at >= ${from} AND at < ${to}`,
      );
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.actions_en_retard,
    async compute(db, p) {
      return countOf(
        db,
        Prisma.sql`
        SELECT count(*) AS n FROM "Action" WHERE status IN ('a_faire', 'en_cours', 'bloquee') AND "dueDate" < ${day(p.end)} AND "createdAt" < ${instants(p).to}`,
      );
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.delai_median_actions,
    async compute(db, p) {
      const { from, to } = instants(p);
      const r = await one(db.$queryRaw<{ median: number | null }[]>`
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (u.done - a."createdAt")) / 86400) AS median
          FROM (SELECT "actionId", min(at) AS done FROM "ActionUpdate" WHERE "toStatus" = 'realisee' GROUP BY "actionId") u
          JOIN "Action" a ON a.id = u."actionId"
         WHERE u.done >= ${from} AND u.done < ${to}`);
      return { value: round(num(r.median)) };
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.alertes_signalees,
    async compute(db, p) {
      const { from, to } = instants(p);
      return countOf(
        db,
        Prisma.sql`SELECT count(*) AS n FROM "RecruitmentAlert" WHERE "raisedAt" >= ${from} AND "raisedAt" < ${to}`,
      );
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.alertes_48h,
    async compute(db, p) {
      const { from, to } = instants(p);
      const r = await one(db.$queryRaw<{ total: bigint; in_time: bigint }[]>`
        SELECT count(*) AS total, count(*) FILTER (WHERE t.at IS NOT NULL AND t.at <= a."deadlineAt") AS in_time
          FROM "RecruitmentAlert" a
          LEFT JOIN (SELECT "alertId", min(at) AS at FROM "AlertTransition" WHERE "to" = 'transmise' GROUP BY "alertId") t ON t."alertId" = a.id
         WHERE a."raisedAt" >= ${from} AND a."raisedAt" < ${to} AND (t.at IS NOT NULL OR a."lateAt" IS NOT NULL)`);
      return percentOf(r.in_time, r.total);
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.delai_median_transmission,
    async compute(db, p) {
      const { from, to } = instants(p);
      const r = await one(db.$queryRaw<{ median: number | null }[]>`
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (t.at - a."raisedAt")) / 3600) AS median
          FROM "RecruitmentAlert" a
          JOIN (SELECT "alertId", min(at) AS at FROM "AlertTransition" WHERE "to" = 'transmise' GROUP BY "alertId") t ON t."alertId" = a.id
         WHERE a."raisedAt" >= ${from} AND a."raisedAt" < ${to}`);
      return { value: round(num(r.median)) };
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.offres_diffusees,
    async compute(db, p) {
      const { from, to } = instants(p);
      return countOf(
        db,
        Prisma.sql`SELECT count(DISTINCT "alertId") AS n FROM "AlertTransition" WHERE "to" = 'diffusee' AND at >= ${from} AND at < ${to}`,
      );
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.entreprises_informees,
    async compute(db, p) {
      const { from, to } = instants(p);
      const r = await one(db.$queryRaw<{ total: bigint; informed: bigint }[]>`
        SELECT count(*) AS total, count(i."informedAt") AS informed
          FROM "AgendaItem" i JOIN "Committee" c ON c.id = i."committeeId"
         WHERE c.status = 'closed' AND c."closedAt" >= ${from} AND c."closedAt" < ${to}
           AND (i.decision IS NOT NULL OR i."noFollowUp" OR EXISTS (SELECT 1 FROM "Action" a WHERE a."agendaItemId" = i.id))`);
      return percentOf(r.informed, r.total);
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.alertes_depuis_visite,
    async compute(db, p) {
      const { from, to } = instants(p);
      const r = await one(db.$queryRaw<{ total: bigint; from_visit: bigint }[]>`
        SELECT count(*) AS total, count("visitId") AS from_visit
          FROM "RecruitmentAlert" WHERE "raisedAt" >= ${from} AND "raisedAt" < ${to}`);
      return percentOf(r.from_visit, r.total);
    },
  },
  {
    ...INDICATOR_DESCRIPTIONS.couverture_tissu_industriel,
    async compute(db, p) {
      const c = await computeCoverage(db, { from: day(p.start), to: day(p.end) }, p.coverage);
      return {
        value: coverageRate(c),
        breakdown: Object.fromEntries(c.bySection.map((s) => [s.label, coverageRate(s)!])),
      };
    },
  },
];

export const INDICATOR_KEYS: readonly string[] = INDICATORS.map((i) => i.key);

export function findIndicator(key: string): IndicatorDefinition | undefined {
  return INDICATORS.find((i) => i.key === key);
}

/** The quarter's local days: T1 is January to March. */
export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4, timeZone: string): Period {
  const startMonth = (quarter - 1) * 3 + 1;
  const start = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  const end = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(startMonth + 3).padStart(2, '0')}-01`;
  return { start, end, timeZone };
}
