import type { Db } from './db.js';

/**
 * Runs `work` only if this instance holds the job's lease: with several instances, one runs each
 * tick and the others skip it. The work itself must still be idempotent (a lease can expire while
 * a slow run goes on); the lease only saves the duplicate effort.
 */
export async function runWithLease<T>(
  db: Db,
  job: string,
  holder: string,
  now: Date,
  leaseMs: number,
  work: () => Promise<T>,
): Promise<T | undefined> {
  await db.jobLease.createMany({ data: [{ name: job }], skipDuplicates: true });
  const { count } = await db.jobLease.updateMany({
    where: { name: job, OR: [{ leasedUntil: null }, { leasedUntil: { lt: now } }, { holder }] },
    data: { holder, leasedUntil: new Date(now.getTime() + leaseMs) },
  });
  if (count === 0) return undefined;
  try {
    return await work();
  } finally {
    await db.jobLease.updateMany({ where: { name: job, holder }, data: { leasedUntil: null, lastRunAt: now } });
  }
}
