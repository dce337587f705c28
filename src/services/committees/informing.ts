import type { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../db.js';
import { enqueue } from '../outbox.js';
import { COMMITTEE_NOTICES } from '../notices.js';

export interface InformSettings {
  /** Days after the closing, then between reminders, before a capteur is reminded. */
  reminderDays: number;
  /** Reminders at most; past them the company stays on the coordination's list. */
  maxReminders: number;
}

export const INFORM_SETTINGS = { reminderDays: 7, maxReminders: 3 } as const;

/**
 * A company is owed a word once its session is closed and something was decided for it (a
 * decision, no follow-up, or an action), until someone records that it was informed.
 */
const owedAWord = {
  informedAt: null,
  committee: { status: 'closed' },
  OR: [{ decision: { not: null } }, { noFollowUp: true }, { actions: { some: {} } }],
} satisfies Prisma.AgendaItemWhereInput;

/** Companies not yet informed of their decisions: all (the coordination), or one capteur's. */
export async function companiesToInform(db: Db, options: { broughtById?: string; limit?: number } = {}) {
  const where = { ...owedAWord, ...(options.broughtById ? { broughtById: options.broughtById } : {}) };
  const [total, items] = await Promise.all([
    db.agendaItem.count({ where }),
    db.agendaItem.findMany({
      where,
      orderBy: [{ committee: { scheduledAt: 'asc' } }, { rank: 'asc' }],
      take: options.limit ?? 30,
      select: {
        id: true,
        informReminders: true,
        companyId: true,
        company: { select: { name: true, commune: true } },
        committee: { select: { scheduledAt: true, closedAt: true } },
        broughtBy: { select: { slackUserId: true, structure: { select: { name: true } } } },
      },
    }),
  ]);
  return { total, items };
}

export type CompaniesToInform = Awaited<ReturnType<typeof companiesToInform>>;

/**
 * Reminds each capteur of the companies they have not informed yet: `reminderDays` after the
 * session closed, then every `reminderDays`, `maxReminders` times at most. One message per
 * capteur and run listing them all; each item is claimed by a conditional update, so two
 * instances remind once.
 */
export async function oweInformReminders(db: Db, now: Date, settings: InformSettings): Promise<number> {
  const before = new Date(now.getTime() - settings.reminderDays * 86_400_000);
  const notRemindedLately = {
    OR: [{ informRemindedAt: null }, { informRemindedAt: { lte: before } }],
  } satisfies Prisma.AgendaItemWhereInput;
  const due = {
    informedAt: null,
    committee: { status: 'closed', closedAt: { lte: before } },
    informReminders: { lt: settings.maxReminders },
    broughtBy: { active: true },
    AND: [{ OR: owedAWord.OR }, notRemindedLately],
  } satisfies Prisma.AgendaItemWhereInput;
  const candidates = await db.agendaItem.findMany({
    where: due,
    select: { id: true, broughtBy: { select: { id: true, slackUserId: true } } },
  });
  const byCapteur = new Map<string, { memberId: string; ids: string[] }>();
  for (const { id, broughtBy } of candidates) {
    const entry = byCapteur.get(broughtBy!.slackUserId) ?? { memberId: broughtBy!.id, ids: [] };
    byCapteur.set(broughtBy!.slackUserId, { ...entry, ids: [...entry.ids, id] });
  }
  let reminded = 0;
  for (const [slackUserId, { memberId, ids }] of byCapteur) {
    const claimed = await db.$transaction(async (tx) => {
      // The condition is checked again on each row: of two instances, one claims it.
      const { count } = await tx.agendaItem.updateMany({
        where: { id: { in: ids }, ...notRemindedLately },
        data: { informRemindedAt: now, informReminders: { increment: 1 } },
      });
      if (count === 0) return false;
      await enqueue(tx, COMMITTEE_NOTICES.informReminder, {
        dedupeKey: `${COMMITTEE_NOTICES.informReminder.kind}:${slackUserId}:${now.getTime()}`,
        recipient: slackUserId,
        data: { memberId },
      });
      return true;
    });
    if (claimed) reminded++;
  }
  return reminded;
}
