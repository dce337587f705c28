import type { Db } from '../db.js';
import { PROGRAMME_NOTICES } from '../notices.js';
import { enqueue } from '../outbox.js';
import { addCalendarDays, localDate } from '../../time.js';

export interface TargetNotVisited {
  companyId: string | null;
  name: string | null;
  commune: string | null;
  /** A SIRET pasted for a company the platform does not know yet. */
  siret: string | null;
}

/** Where a structure stands against its programme, on a given local day. */
export interface ProgrammeProgress {
  structure: { id: string; name: string };
  year: number;
  monthlyTarget: number;
  /** This month: visits filed, the month's target, and how many the pace asks by today. */
  month: { visits: number; target: number; expectedByToday: number };
  /** Since January: visits filed against the target of the months begun. */
  yearToDate: { visits: number; target: number };
  targets: { total: number; visited: number; notVisited: TargetNotVisited[] };
  /** Fewer visits this month than the pace asks by today. */
  behindPace: boolean;
}

function monthBounds(today: string) {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const start = `${today.slice(0, 8)}01`;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const days = Math.round((Date.parse(`${next}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  return { year, month, start, next, days, day: Number(today.slice(8, 10)) };
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * The progress of every programme of `today`'s year (or one structure's): visits are those the
 * structure's capteurs filed, dated by the visit; a target counts as visited once the structure
 * visited it this year (a pasted SIRET counts once its company is known).
 */
export async function programmeProgress(
  db: Db,
  today: string,
  options: { structureId?: string; notVisitedLimit?: number } = {},
): Promise<ProgrammeProgress[]> {
  const b = monthBounds(today);
  const programmes = await db.visitProgramme.findMany({
    where: {
      year: b.year,
      ...(options.structureId ? { structureId: options.structureId } : {}),
      structure: { active: true },
    },
    orderBy: { structure: { name: 'asc' } },
    include: {
      structure: { select: { id: true, name: true } },
      targets: {
        orderBy: [{ addedAt: 'asc' }, { id: 'asc' }],
        select: { companyId: true, siret: true, company: { select: { name: true, commune: true } } },
      },
    },
  });
  if (programmes.length === 0) return [];
  const structureIds = programmes.map((p) => p.structureId);
  const tomorrow = addCalendarDays(today, 1);
  const [monthCounts, yearCounts] = await Promise.all([
    db.visit.groupBy({
      by: ['structureId'],
      where: { structureId: { in: structureIds }, visitDate: { gte: asDate(b.start), lt: asDate(tomorrow) } },
      _count: { _all: true },
    }),
    db.visit.groupBy({
      by: ['structureId'],
      where: { structureId: { in: structureIds }, visitDate: { gte: asDate(`${b.year}-01-01`), lt: asDate(tomorrow) } },
      _count: { _all: true },
    }),
  ]);
  const count = (rows: typeof monthCounts, id: string) => rows.find((r) => r.structureId === id)?._count._all ?? 0;

  // Pasted SIRETs whose company has come in since.
  const pendingSirets = programmes.flatMap((p) =>
    p.targets.filter((t) => !t.companyId && t.siret).map((t) => t.siret!),
  );
  const arrived = pendingSirets.length
    ? await db.company.findMany({
        where: { siret: { in: pendingSirets } },
        select: { id: true, siret: true, name: true, commune: true },
      })
    : [];
  const bySiret = new Map(arrived.map((c) => [c.siret!, c]));
  const targetCompanyIds = [
    ...new Set(
      programmes.flatMap((p) =>
        p.targets.map((t) => t.companyId ?? bySiret.get(t.siret ?? '')?.id).filter((id): id is string => !!id),
      ),
    ),
  ];
  const visited = targetCompanyIds.length
    ? await db.visit.findMany({
        where: {
          structureId: { in: structureIds },
          companyId: { in: targetCompanyIds },
          visitDate: { gte: asDate(`${b.year}-01-01`), lt: asDate(tomorrow) },
        },
        distinct: ['structureId', 'companyId'],
        select: { structureId: true, companyId: true },
      })
    : [];
  const visitedBy = new Set(visited.map((v) => `${v.structureId}:${v.companyId}`));

  return programmes.map((p) => {
    const monthVisits = count(monthCounts, p.structureId);
    const expectedByToday = Math.floor((p.monthlyTarget * b.day) / b.days);
    const notVisited: TargetNotVisited[] = [];
    let visitedTargets = 0;
    for (const t of p.targets) {
      const arrivedCompany = !t.companyId && t.siret ? bySiret.get(t.siret) : undefined;
      const companyId = t.companyId ?? arrivedCompany?.id ?? null;
      const company = t.company ?? arrivedCompany;
      if (companyId && visitedBy.has(`${p.structureId}:${companyId}`)) visitedTargets++;
      else
        notVisited.push({
          companyId,
          name: company?.name ?? null,
          commune: company?.commune ?? null,
          siret: company ? null : t.siret,
        });
    }
    return {
      structure: p.structure,
      year: p.year,
      monthlyTarget: p.monthlyTarget,
      month: { visits: monthVisits, target: p.monthlyTarget, expectedByToday },
      yearToDate: { visits: count(yearCounts, p.structureId), target: p.monthlyTarget * b.month },
      targets: {
        total: p.targets.length,
        visited: visitedTargets,
        notVisited: notVisited.sort(byName).slice(0, options.notVisitedLimit ?? 10),
      },
      behindPace: monthVisits < expectedByToday,
    };
  });
}

/** Known companies by name, then the SIRETs still waiting for theirs. */
function byName(a: TargetNotVisited, b: TargetNotVisited): number {
  if (a.name && b.name) return a.name.localeCompare(b.name, 'fr');
  if (a.name || b.name) return a.name ? -1 : 1;
  return (a.siret ?? '').localeCompare(b.siret ?? '');
}

export interface NudgeSettings {
  /** Local day of the month from which structures behind their pace are nudged (once a month). */
  nudgeDay: number;
  timeZone: string;
}

/**
 * From the nudge day on, each structure behind its pace this month is nudged once (its row):
 * every active capteur of the structure gets its progress and the targets not yet visited.
 */
export async function oweProgrammeNudges(db: Db, now: Date, settings: NudgeSettings): Promise<number> {
  const today = localDate(settings.timeZone, now);
  if (Number(today.slice(8, 10)) < settings.nudgeDay) return 0;
  const month = today.slice(0, 7);
  const behind = (await programmeProgress(db, today)).filter((p) => p.behindPace);
  let nudged = 0;
  for (const progress of behind) {
    const done = await db.$transaction(async (tx) => {
      const { count } = await tx.programmeNudge.createMany({
        data: [{ structureId: progress.structure.id, month, at: now }],
        skipDuplicates: true,
      });
      if (count === 0) return false;
      const capteurs = await tx.member.findMany({
        where: { structureId: progress.structure.id, active: true, roles: { some: { role: 'capteur' } } },
        select: { slackUserId: true },
      });
      for (const { slackUserId } of capteurs) {
        await enqueue(tx, PROGRAMME_NOTICES.nudge, {
          dedupeKey: `${PROGRAMME_NOTICES.nudge.kind}:${progress.structure.id}:${month}:${slackUserId}`,
          recipient: slackUserId,
          data: { structureId: progress.structure.id },
        });
      }
      return true;
    });
    if (done) nudged++;
  }
  return nudged;
}
