import type { Prisma } from '../../generated/prisma/client.js';
import type { Db, Tx } from '../db.js';
import { audit } from '../audit.js';
import { UserError, ValidationFailed } from '../errors.js';
import { INDICATORS_NOTICES } from '../notices.js';
import { enqueue } from '../outbox.js';
import { can, type Actor } from '../permissions.js';
import { localDate, localInstant } from '../../time.js';
import type { CoverageCriteria } from '../sirene/coverage.js';
import { findIndicator, INDICATORS, quarterPeriod, type IndicatorUnit } from './catalogue.js';

/** The kind of a quarter's snapshot message (INDICATORS_NOTICES.snapshot), as stored. */
export const INDICATORS_NOTICE = INDICATORS_NOTICES.snapshot.kind;

export type Quarter = 1 | 2 | 3 | 4;

/** One frozen value of a snapshot, with what is needed to read it later. */
export interface SnapshotValue {
  key: string;
  label: string;
  unit: IndicatorUnit;
  higherIsBetter: boolean;
  value: number | null;
  target: number | null;
  breakdown?: Record<string, number>;
}

/** The latest version of a year's chosen indicators, with every version for the history. */
export async function getIndicatorSets(db: Db, year: number) {
  return db.indicatorSet.findMany({ where: { year }, orderBy: { version: 'desc' }, include: { choices: true } });
}

export type IndicatorSetRow = Awaited<ReturnType<typeof getIndicatorSets>>[number];

/**
 * Records the indicators the steering committee chose for a year and their targets. Before the
 * year starts, the choice is replaced; from its first day it is fixed, and a change is a new
 * version dated today, the earlier ones kept. The same choice again changes nothing.
 */
export async function chooseIndicators(
  db: Db,
  actor: Actor,
  year: number,
  choices: { key: string; target: number | null }[],
  now: Date,
  timeZone: string,
) {
  if (!can(actor, 'manageIndicators')) throw new UserError('indicators_forbidden');
  const errors = choices
    .filter((c) => {
      const indicator = findIndicator(c.key);
      return !indicator || (c.target !== null && (c.target < 0 || (indicator.unit === 'percent' && c.target > 100)));
    })
    .map((c) => ({ field: c.key, code: findIndicator(c.key) ? 'indicator_target' : 'indicator_unknown' }));
  if (errors.length) throw new ValidationFailed(errors);
  if (choices.length === 0) throw new ValidationFailed([{ field: 'keys', code: 'indicators_none' }]);
  const started = now >= localInstant(`${year}-01-01`, '00:00', timeZone);
  return db.$transaction(async (tx) => {
    const latest = await tx.indicatorSet.findFirst({
      where: { year },
      orderBy: { version: 'desc' },
      include: { choices: true },
    });
    const data = choices.map((c) => ({ key: c.key, target: c.target }));
    // The same choice again (a replayed submission, a second click): nothing new to record.
    const sameAs = (set: NonNullable<typeof latest>) =>
      set.choices.length === data.length &&
      data.every((c) => set.choices.some((k) => k.key === c.key && k.target === c.target));
    if (latest && sameAs(latest)) return { version: latest.version, newVersion: false };
    let set: { id: string; version: number };
    if (latest && !started) {
      await tx.indicatorChoice.deleteMany({ where: { setId: latest.id } });
      set = await tx.indicatorSet.update({
        where: { id: latest.id },
        data: { createdById: actor.memberId, createdAt: now, choices: { create: data } },
      });
    } else {
      set = await tx.indicatorSet.create({
        data: {
          year,
          version: (latest?.version ?? 0) + 1,
          createdById: actor.memberId,
          createdAt: now,
          choices: { create: data },
        },
      });
    }
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: 'indicators.choose',
      entity: 'IndicatorSet',
      entityId: set.id,
      details: { year, version: set.version, keys: choices.map((c) => c.key) },
    });
    return { version: set.version, newVersion: !latest || started };
  });
}

/** The quarter a local date falls in, and the one before. */
export function quarterOf(date: string): { year: number; quarter: Quarter } {
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter };
}

export function previousQuarter(q: { year: number; quarter: Quarter }): { year: number; quarter: Quarter } {
  return q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as Quarter };
}

/**
 * A quarter's values, computed once and frozen: asked again, the stored snapshot is returned,
 * whatever the data became since. Only a quarter that is over is computed. With `postTo`, the
 * snapshot's message to that channel is owed in the same transaction as the freeze: no crash
 * leaves a frozen quarter without its post.
 */
export async function snapshotQuarter(
  db: Db,
  year: number,
  quarter: Quarter,
  now: Date,
  timeZone: string,
  postTo?: string,
  coverage?: CoverageCriteria,
) {
  const existing = await db.indicatorSnapshot.findUnique({ where: { year_quarter: { year, quarter } } });
  if (existing) return { snapshot: existing, created: false };
  const period = { ...quarterPeriod(year, quarter, timeZone), ...(coverage ? { coverage } : {}) };
  if (localDate(timeZone, now) < period.end) throw new UserError('quarter_not_over');
  const [set] = await db.indicatorSet.findMany({
    where: { year, createdAt: { lte: now } },
    orderBy: { version: 'desc' },
    take: 1,
    include: { choices: true },
  });
  const chosen = set
    ? set.choices.map((c) => ({ indicator: findIndicator(c.key), target: c.target })).filter((c) => c.indicator)
    : INDICATORS.map((indicator) => ({ indicator, target: null }));
  const values: SnapshotValue[] = [];
  for (const { indicator, target } of chosen) {
    const computed = await indicator!.compute(db, period);
    values.push({
      key: indicator!.key,
      label: indicator!.label,
      unit: indicator!.unit,
      higherIsBetter: indicator!.higherIsBetter,
      value: computed.value,
      target,
      ...(computed.breakdown ? { breakdown: computed.breakdown } : {}),
    });
  }
  // Two computations at once (the job, a click, two instances): the first stored wins, with its
  // post; the other reads it and owes nothing.
  const created = await db.$transaction(async (tx) => {
    const { count } = await tx.indicatorSnapshot.createMany({
      data: [
        { year, quarter, setId: set?.id ?? null, values: values as unknown as Prisma.InputJsonValue, computedAt: now },
      ],
      skipDuplicates: true,
    });
    if (count === 1 && postTo) await postSnapshot(tx, year, quarter, postTo);
    return count === 1;
  });
  return {
    snapshot: await db.indicatorSnapshot.findUniqueOrThrow({ where: { year_quarter: { year, quarter } } }),
    created,
  };
}

/** A snapshot with the one before it, for the trend. */
export async function getSnapshotWithPrevious(db: Db, year: number, quarter: Quarter) {
  const before = previousQuarter({ year, quarter });
  const [snapshot, previous] = await Promise.all([
    db.indicatorSnapshot.findUnique({
      where: { year_quarter: { year, quarter } },
      include: { set: { select: { version: true, createdAt: true } } },
    }),
    db.indicatorSnapshot.findUnique({ where: { year_quarter: before } }),
  ]);
  return snapshot ? { snapshot, previous } : null;
}

export type SnapshotWithPrevious = NonNullable<Awaited<ReturnType<typeof getSnapshotWithPrevious>>>;

/** The quarters frozen so far, the latest first. */
export async function listFrozenQuarters(db: Db, limit: number) {
  return db.indicatorSnapshot.findMany({
    orderBy: [{ year: 'desc' }, { quarter: 'desc' }],
    take: limit,
    select: { year: true, quarter: true },
  });
}

/**
 * On the first working day of a quarter (the job checks the day), the past quarter is frozen and
 * posted to the steering channel, once; a later start-up catches up.
 */
export async function oweQuarterlyIndicators(
  db: Db,
  now: Date,
  settings: { timeZone: string; channelId?: string | undefined; coverage?: CoverageCriteria },
) {
  const past = previousQuarter(quarterOf(localDate(settings.timeZone, now)));
  const { created } = await snapshotQuarter(
    db,
    past.year,
    past.quarter,
    now,
    settings.timeZone,
    settings.channelId,
    settings.coverage,
  );
  return created ? past : null;
}

/** Owes the snapshot's message to the steering channel (once per quarter and channel). */
export async function postSnapshot(db: Db | Tx, year: number, quarter: Quarter, channelId: string) {
  await enqueue(db, INDICATORS_NOTICES.snapshot, {
    dedupeKey: `${INDICATORS_NOTICE}:${year}-T${quarter}:${channelId}`,
    recipient: channelId,
    data: { year, quarter },
  });
}
