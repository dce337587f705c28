import { jobFamilyOf } from '../../reference/job-families.js';
import { rebuildReportsHolding } from '../reports/reports.js';
import { audit } from '../audit.js';
import type { Db, Tx } from '../db.js';
import { UserError } from '../errors.js';
import { can, type Actor } from '../permissions.js';
import { owePostedMessageRefresh } from './posted-messages.js';

/** What a free text becomes once erased or past its retention period. */
export const ERASED = '[effacé]';
/** What an alert's company contact becomes once removed. */
export const ANONYMISED_CONTACT = 'Contact anonymisé';

/**
 * Removes the free texts a company's records hold (visits, alerts, actions, committee decisions):
 * on request (erasure) or past their retention period. A job family typed by a capteur becomes
 * its family in the reference list, so what reports count by family stays the same.
 */
export async function removeFreeTexts(tx: Tx, companyIds: string[]): Promise<void> {
  if (companyIds.length === 0) return;
  const ofCompany = { companyId: { in: companyIds } };
  await tx.visit.updateMany({ where: ofCompany, data: { needs: ERASED, diagnostic: ERASED } });
  const needs = await tx.visitHiringNeed.findMany({
    where: { visit: ofCompany },
    select: { id: true, jobFamily: true },
  });
  await relabel(
    needs.map((n) => ({ id: n.id, label: n.jobFamily })),
    (ids, label) => tx.visitHiringNeed.updateMany({ where: { id: { in: ids } }, data: { jobFamily: label } }),
  );
  await tx.recruitmentAlert.updateMany({ where: ofCompany, data: { urgency: ERASED, outcomeNote: null } });
  const positions = await tx.alertPosition.findMany({
    where: { alert: ofCompany },
    select: { id: true, jobTitle: true },
  });
  await relabel(
    positions.map((p) => ({ id: p.id, label: p.jobTitle })),
    (ids, label) =>
      tx.alertPosition.updateMany({ where: { id: { in: ids } }, data: { jobTitle: label, location: ERASED } }),
  );
  await tx.alertTransition.updateMany({ where: { alert: ofCompany, note: { not: null } }, data: { note: null } });
  await tx.action.updateMany({
    where: ofCompany,
    data: { title: `Action ${ERASED}`, description: null, statusNote: null },
  });
  await tx.actionUpdate.updateMany({ where: { action: ofCompany, note: { not: null } }, data: { note: null } });
  await tx.agendaItem.updateMany({ where: { ...ofCompany, decision: { not: null } }, data: { decision: ERASED } });
}

/** Rows relabelled by their reference job family, one update per family. */
async function relabel(
  rows: { id: string; label: string }[],
  update: (ids: string[], label: string) => Promise<unknown>,
): Promise<void> {
  const byFamily = new Map<string, string[]>();
  for (const row of rows) {
    const family = jobFamilyOf(row.label).label;
    if (family !== row.label) byFamily.set(family, [...(byFamily.get(family) ?? []), row.id]);
  }
  for (const [family, ids] of byFamily) await update(ids, family);
}

/** The contacts of these alerts removed (their retention period is over, or the company's data erased). */
export async function removeAlertContacts(
  tx: Tx,
  where: { companyId: string } | { id: { in: string[] } },
  now: Date,
): Promise<void> {
  await tx.recruitmentAlert.updateMany({
    where,
    data: {
      contactName: ANONYMISED_CONTACT,
      contactPhone: null,
      contactEmail: null,
      offerContactName: null,
      offerContactEmail: null,
      offerContactPhone: null,
      outcomeNote: null,
      anonymisedAt: now,
    },
  });
  // The closing note (and any other) may repeat a contact: it goes with them.
  await tx.alertTransition.updateMany({ where: { alert: where, note: { not: null } }, data: { note: null } });
}

export interface ErasureResult {
  /** Slack messages owed an update (« Données effacées… », or rendered again without it). */
  messages: number;
  /** Export files sent in Slack that held it, now due for deletion. */
  files: number;
  /** Kept annual reports, made by an earlier version, that printed one of its typed texts: rebuilt. */
  reports: number;
}

/**
 * Erases a company's data on request, everywhere the platform wrote them: its identity, the free
 * texts of its visits, alerts, actions and committee decisions, its contacts, its SIRET in the
 * visit programmes; every Slack message that showed it is owed an update in place; the export
 * files that hold it are deleted from Slack. What is counted stays (sector, size, commune,
 * stakes, dates, statuses), so indicators and reports already published keep adding up. The
 * audit keeps the fact and who did it, never the erased content. Null when already erased.
 */
export async function eraseCompanyData(
  db: Db,
  actor: Actor,
  companyId: string,
  now: Date,
  timeZone = 'Europe/Paris',
): Promise<ErasureResult | null> {
  if (!can(actor, 'eraseCompanyData')) throw new UserError('erase_forbidden');
  // Kept in memory only, to find the reports an earlier version made that printed them.
  let typed: string[] = [];
  const erased = await db.$transaction(async (tx) => {
    const company = await tx.company.findUnique({
      where: { id: companyId },
      select: { id: true, name: true, siret: true, erasedAt: true },
    });
    if (!company) throw new UserError('company_unknown');
    if (company.erasedAt) return null;
    const [needs, positions] = await Promise.all([
      tx.visitHiringNeed.findMany({ where: { visit: { companyId } }, select: { jobFamily: true } }),
      tx.alertPosition.findMany({ where: { alert: { companyId } }, select: { jobTitle: true } }),
    ]);
    typed = [company.name, ...needs.map((n) => n.jobFamily), ...positions.map((p) => p.jobTitle)].filter(
      (t) => !jobFamilyIsLabel(t),
    );
    const label = `Entreprise effacée (${now.toISOString().slice(0, 10)})`;
    await tx.company.update({
      where: { id: companyId },
      data: {
        name: label,
        searchName: label.toLowerCase(),
        siret: null,
        siren: null,
        address: null,
        postalCode: null,
        erasedAt: now,
      },
    });
    if (company.siret) await forgetProgrammeSiret(tx, companyId, company.siret);
    await removeFreeTexts(tx, [companyId]);
    await removeAlertContacts(tx, { companyId }, now);
    await tx.recruitmentAlert.updateMany({ where: { companyId }, data: { offerReference: null, offerUrl: null } });
    // Off the agendas not yet published (it is no longer brought to the committee: committees.ts).
    await tx.agendaItem.deleteMany({ where: { companyId, committee: { status: 'planned' } } });
    const messages = await owePostedMessageRefresh(
      tx,
      { companies: { some: { companyId } } },
      'erase',
      `erase:${companyId}`,
    );
    const { count: files } = await tx.exportFile.updateMany({
      where: { deletedAt: null, companies: { some: { companyId } } },
      data: { deleteAfter: now },
    });
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: 'privacy.company_erase',
      entity: 'Company',
      entityId: companyId,
      details: { messages, files },
    });
    return { messages, files };
  });
  if (!erased) return null;
  return { ...erased, reports: await rebuildReportsHolding(db, typed, { now, timeZone }) };
}

/** A reference family's own label (what a typed title becomes): not a trace of anyone. */
function jobFamilyIsLabel(text: string): boolean {
  return jobFamilyOf(text).label === text;
}

/**
 * A programme target pasted as the company's SIRET before the company was known keeps counting,
 * now through the company itself; the SIRET goes.
 */
async function forgetProgrammeSiret(tx: Tx, companyId: string, siret: string): Promise<void> {
  const pasted = await tx.programmeTarget.findMany({ where: { siret }, select: { id: true, programmeId: true } });
  for (const target of pasted) {
    const linked = await tx.programmeTarget.findUnique({
      where: { programmeId_companyId: { programmeId: target.programmeId, companyId } },
      select: { id: true },
    });
    if (linked) await tx.programmeTarget.delete({ where: { id: target.id } });
    else await tx.programmeTarget.update({ where: { id: target.id }, data: { siret: null, companyId } });
  }
}
