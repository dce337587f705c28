import type { Db } from '../db.js';
import { ACTION_NOTICES } from '../notices.js';
import { enqueue } from '../outbox.js';
import { OPEN_STATUSES } from '../../domain/actions.js';

export interface DigestSettings {
  /** An action due within this many days is in the digest (overdue ones always are). */
  horizonDays: number;
}

/** An action due within three days is worth a word in the morning digest. */
export const DIGEST_SETTINGS: DigestSettings = { horizonDays: 3 };

/** The open actions a person owns that are overdue or due by `day + horizonDays`. */
export async function actionsToMention(db: Db, slackUserId: string, day: string, settings: DigestSettings) {
  const until = new Date(new Date(`${day}T00:00:00Z`).getTime() + settings.horizonDays * 86_400_000);
  return db.action.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, dueDate: { lte: until }, ownerMember: { slackUserId, active: true } },
    orderBy: { dueDate: 'asc' },
    include: { company: { select: { name: true } }, ownerStructure: { select: { name: true } } },
  });
}

/**
 * The morning digest: one message per person with an action overdue or due soon, none for the
 * others. The (person, day) row makes it once per person per day, with any number of instances
 * and any number of runs.
 */
export async function oweActionDigests(db: Db, day: string, settings: DigestSettings): Promise<number> {
  const until = new Date(new Date(`${day}T00:00:00Z`).getTime() + settings.horizonDays * 86_400_000);
  const owners = await db.member.findMany({
    where: { active: true, actionsOwned: { some: { status: { in: [...OPEN_STATUSES] }, dueDate: { lte: until } } } },
    select: { slackUserId: true },
  });
  let owed = 0;
  for (const { slackUserId } of owners) {
    const recorded = await db.$transaction(async (tx) => {
      const { count } = await tx.actionDigest.createMany({
        data: [{ slackUserId, day: new Date(`${day}T00:00:00Z`) }],
        skipDuplicates: true,
      });
      if (count === 0) return false;
      await enqueue(tx, ACTION_NOTICES.digest, {
        dedupeKey: `${ACTION_NOTICES.digest.kind}:${slackUserId}:${day}`,
        recipient: slackUserId,
        data: { slackUserId, day },
      });
      return true;
    });
    if (recorded) owed++;
  }
  return owed;
}
