import type { Db, Tx } from '../db.js';
import { enqueue } from '../outbox.js';
import { ALERT_NOTICES } from '../notices.js';
import { administrators, coordinatorsToPage, owePageUpdates } from './alerts.js';
import { AWAITING_TRANSMISSION } from '../../domain/alert-state-machine.js';

export interface DeadlineSettings {
  /** Hours after raising at which the coordinators are reminded, e.g. [24, 40]. */
  reminderHours: readonly number[];
}

export const BREACH = 'depassement';
export const reminderKind = (hours: number) => `rappel_${hours}h`;

/**
 * The 48 h clock. For every alert not yet transmitted to France Travail: each reminder whose
 * hour has come, and the breach once the deadline has passed, is recorded once (AlertReminder's
 * key) together with the messages it owes. Run it as often as you like, from any number of
 * instances, after any downtime: what is due and not yet recorded is done, nothing twice.
 */
export async function checkAlertDeadlines(
  db: Db,
  now: Date,
  settings: DeadlineSettings,
): Promise<{ reminders: number; breaches: number }> {
  const alerts = await db.recruitmentAlert.findMany({
    where: { state: { in: [...AWAITING_TRANSMISSION] } },
    select: {
      id: true,
      raisedAt: true,
      deadlineAt: true,
      reminders: { select: { kind: true } },
      coordinator: { select: { slackUserId: true, active: true } },
    },
  });
  let reminders = 0;
  let breaches = 0;
  for (const alert of alerts) {
    const done = new Set(alert.reminders.map((r) => r.kind));
    for (const hours of settings.reminderHours) {
      const kind = reminderKind(hours);
      const dueAt = alert.raisedAt.getTime() + hours * 3_600_000;
      if (done.has(kind) || now.getTime() < dueAt || dueAt >= alert.deadlineAt.getTime()) continue;
      if (
        await record(db, alert.id, kind, now, async (tx) => {
          // The coordinator who took the alert, or, while nobody has, every coordinator.
          const inCharge = alert.coordinator?.active ? [alert.coordinator.slackUserId] : await coordinatorsToPage(tx);
          for (const recipient of inCharge) {
            await enqueue(tx, ALERT_NOTICES.reminder, {
              dedupeKey: `${ALERT_NOTICES.reminder.kind}:${alert.id}:${kind}:${recipient}`,
              recipient,
              data: { alertId: alert.id, hours },
            });
          }
        })
      )
        reminders++;
    }
    if (!done.has(BREACH) && now >= alert.deadlineAt) {
      if (
        await record(db, alert.id, BREACH, now, async (tx) => {
          await tx.recruitmentAlert.update({ where: { id: alert.id }, data: { lateAt: alert.deadlineAt } });
          const recipients = new Set([...(await administrators(tx)), ...(await coordinatorsToPage(tx))]);
          for (const recipient of recipients) {
            await enqueue(tx, ALERT_NOTICES.breach, {
              dedupeKey: `${ALERT_NOTICES.breach.kind}:${alert.id}:${recipient}`,
              recipient,
              data: { alertId: alert.id },
            });
          }
          // The pages now show the alert as late.
          await owePageUpdates(tx, alert.id, BREACH);
        })
      )
        breaches++;
    }
  }
  return { reminders, breaches };
}

/**
 * Records `kind` for the alert and does `then` in the same transaction, unless it was already
 * recorded or the alert no longer awaits transmission. The alert was listed before this
 * transaction: its row is locked and its state read again here, so a transmission committed
 * meanwhile is seen, and one arriving now waits for this transaction (and is not undone by it).
 */
async function record(
  db: Db,
  alertId: string,
  kind: string,
  now: Date,
  then: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ state: string }[]>`
      SELECT state::text AS state FROM "RecruitmentAlert" WHERE id = ${alertId} FOR NO KEY UPDATE`;
    if (!current || !(AWAITING_TRANSMISSION as readonly string[]).includes(current.state)) return false;
    const { count } = await tx.alertReminder.createMany({ data: [{ alertId, kind, at: now }], skipDuplicates: true });
    if (count === 0) return false;
    await then(tx);
    return true;
  });
}
