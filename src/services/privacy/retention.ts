import { Prisma } from '../../generated/prisma/client.js';
import { audit } from '../audit.js';
import type { Db } from '../db.js';
import { ERASED, removeAlertContacts, removeFreeTexts } from './erasure.js';
import { owePostedMessageRefresh } from './posted-messages.js';

/** How long personal data and free texts are kept (RGPD), from the environment. */
export interface RetentionSettings {
  /** Months after an alert is raised when its contacts (and the notes that may repeat them) are removed. */
  retentionMonths: number;
  /** Months after a company's last visit when the free texts about it are removed. */
  freeTextMonths: number;
  /** Days after which a file of personal data sent in Slack (an export) is deleted. */
  exportFileDays: number;
}

export const RETENTION_DEFAULTS: RetentionSettings = { retentionMonths: 24, freeTextMonths: 36, exportFileDays: 7 };

export function monthsBefore(now: Date, months: number): Date {
  const before = new Date(now);
  before.setUTCMonth(before.getUTCMonth() - months);
  return before;
}

/**
 * Removes the contacts of alerts raised more than `retentionMonths` ago, with the notes that may
 * repeat them, once each: the rows are claimed (SKIP LOCKED), so two instances never both remove
 * (nor both owe the updates of) the same alert. The messages that showed them are owed an update
 * in place, rendered again without them. Returns how many alerts.
 */
export async function anonymiseExpiredContacts(
  db: Db,
  now: Date,
  settings: Pick<RetentionSettings, 'retentionMonths'>,
): Promise<number> {
  const before = monthsBefore(now, settings.retentionMonths);
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; companyId: string }[]>`
      SELECT id, "companyId" FROM "RecruitmentAlert" WHERE "raisedAt" < ${before} AND "anonymisedAt" IS NULL ORDER BY "raisedAt" LIMIT 500 FOR UPDATE SKIP LOCKED`;
    if (due.length === 0) return 0;
    await removeAlertContacts(tx, { id: { in: due.map((a) => a.id) } }, now);
    const companyIds = [...new Set(due.map((a) => a.companyId))];
    const messages = await owePostedMessageRefresh(
      tx,
      { showsContacts: true, companies: { some: { companyId: { in: companyIds } } } },
      'refresh',
      `contacts:${now.toISOString()}`,
    );
    await audit(tx, {
      actorSlackId: null,
      action: 'privacy.retention',
      entity: 'RecruitmentAlert',
      details: { anonymised: due.length, retentionMonths: settings.retentionMonths, messages },
    });
    return due.length;
  });
}

/**
 * Removes the free texts about companies not visited for `freeTextMonths` (counted from the last
 * visit's date; a company never visited, from its last alert): diagnostics, needs, notes,
 * decisions, action titles. A company visited again keeps its whole history until its new last
 * visit is as old; once removed, texts written since are removed in their turn. Once per company
 * and period (claimed rows, and nothing left to remove after), audited; the messages about it are
 * rendered again without them.
 */
export async function expireFreeTexts(
  db: Db,
  now: Date,
  settings: Pick<RetentionSettings, 'freeTextMonths'>,
): Promise<number> {
  const cutoff = monthsBefore(now, settings.freeTextMonths);
  return db.$transaction(async (tx) => {
    const erasedAction = `Action ${ERASED}`;
    // Company `c` still has some free text (removed ones are « [effacé] »).
    const hasFreeText = Prisma.sql`(EXISTS (SELECT 1 FROM "Visit" x WHERE x."companyId" = c.id AND (x.diagnostic <> ${ERASED} OR x.needs <> ${ERASED}))
           OR EXISTS (SELECT 1 FROM "RecruitmentAlert" x WHERE x."companyId" = c.id AND x.urgency <> ${ERASED})
           OR EXISTS (SELECT 1 FROM "Action" x WHERE x."companyId" = c.id AND (x.title <> ${erasedAction} OR x.description IS NOT NULL OR x."statusNote" IS NOT NULL))
           OR EXISTS (SELECT 1 FROM "AgendaItem" x WHERE x."companyId" = c.id AND x.decision <> ${ERASED}))`;
    // Due: not visited for the period, and some free text still there (a company whose texts went,
    // then visited again and forgotten again, is due again).
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM "Company" c
        LEFT JOIN LATERAL (SELECT max(v."visitDate") AS "lastVisit" FROM "Visit" v WHERE v."companyId" = c.id) v ON true
        LEFT JOIN LATERAL (SELECT max(a."raisedAt") AS "lastAlert" FROM "RecruitmentAlert" a WHERE a."companyId" = c.id) a ON true
       WHERE c."erasedAt" IS NULL
         AND COALESCE(v."lastVisit", a."lastAlert") < ${cutoff}
         AND ${hasFreeText}
       ORDER BY c.id LIMIT 500
       FOR UPDATE OF c SKIP LOCKED`;
    if (due.length === 0) return 0;
    // The lock re-checks only the Company row; the EXISTS above read the statement's snapshot. A
    // new statement, once the rows are ours, sees what another instance just removed: its
    // companies are not done twice.
    const stillDue = await tx.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM "Company" c
       WHERE c.id IN (${Prisma.join(due.map((c) => c.id))})
         AND ${hasFreeText}`;
    if (stillDue.length === 0) return 0;
    const companyIds = stillDue.map((c) => c.id);
    await removeFreeTexts(tx, companyIds);
    await tx.company.updateMany({ where: { id: { in: companyIds } }, data: { textsExpiredAt: now } });
    const messages = await owePostedMessageRefresh(
      tx,
      { companies: { some: { companyId: { in: companyIds } } } },
      'refresh',
      `texts:${now.toISOString()}`,
    );
    await audit(tx, {
      actorSlackId: null,
      action: 'privacy.free_text_retention',
      entity: 'Company',
      details: { companies: companyIds.length, freeTextMonths: settings.freeTextMonths, messages },
    });
    return companyIds.length;
  });
}
