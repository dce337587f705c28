import { NEEDS_AS_TYPED } from '../visits/visit-report.js';
import { isoDay, tablesWorkbook } from '../reports/xlsx.js';
import type { Db } from '../db.js';
import { audit } from '../audit.js';
import { UserError } from '../errors.js';
import { can, type Actor } from '../permissions.js';
import {
  ACTION_STATUS_LABELS,
  ALERT_STATE_LABELS,
  CHANNEL_LABELS,
  PRIORITY_LABELS,
  RED_FLAG_LABELS,
  STAKE_LABELS,
} from '../../texts/fr.js';
import { PRIVACY_TEXTS } from '../../texts/privacy.js';
import { EXPORT_TEXTS } from '../../texts/report.js';

/** Everything the platform holds about a company, as a spreadsheet (its right of access). */
export async function exportCompanyData(
  db: Db,
  actor: Actor,
  companyId: string,
): Promise<{ file: Buffer; filename: string }> {
  if (!can(actor, 'exportData')) throw new UserError('export_forbidden');
  const company = await db.company.findUnique({
    where: { id: companyId },
    include: {
      visits: {
        orderBy: { visitDate: 'asc' },
        include: {
          stakes: true,
          redFlags: true,
          hiringNeeds: { orderBy: NEEDS_AS_TYPED },
          structure: { select: { name: true } },
        },
      },
      actions: {
        orderBy: { createdAt: 'asc' },
        include: { ownerStructure: { select: { name: true } }, updates: { orderBy: { at: 'asc' } } },
      },
      alerts: { orderBy: { raisedAt: 'asc' }, include: { positions: true } },
      agendaItems: { include: { committee: { select: { scheduledAt: true } } } },
    },
  });
  if (!company) throw new UserError('company_unknown');
  const book = tablesWorkbook();
  const sheet = book.table;
  const day = isoDay;
  const T = PRIVACY_TEXTS.access;
  const E = EXPORT_TEXTS;
  sheet(
    T.company.sheet,
    [...T.company.headers],
    [
      [
        company.name,
        company.siret,
        company.siren,
        company.nafCode,
        company.headcountBand,
        company.commune,
        company.postalCode,
        company.address,
        day(company.createdAt),
      ],
    ],
  );
  sheet(
    T.visits.sheet,
    [...T.visits.headers],
    company.visits.map((v) => [
      day(v.visitDate),
      v.structure?.name ?? null,
      CHANNEL_LABELS[v.channel],
      v.stakes.map((s) => E.stake(STAKE_LABELS[s.stake], PRIORITY_LABELS[s.priority])).join(' ; '),
      v.needs,
      v.diagnostic,
      v.redFlags.map((f) => RED_FLAG_LABELS[f.flag]).join(' ; '),
      v.hiringNeeds.map((h) => E.hiringNeed(h.jobFamily, h.count)).join(' ; '),
      v.consentToShare ? E.yes : E.no,
    ]),
  );
  sheet(
    T.actions.sheet,
    [...T.actions.headers],
    company.actions.map((a) => [
      day(a.createdAt),
      a.title,
      a.description,
      a.ownerStructure.name,
      day(a.dueDate),
      ACTION_STATUS_LABELS[a.status],
      a.statusNote,
      a.updates.map((u) => `${day(u.at)} ${u.kind}${u.note ? ` : ${u.note}` : ''}`).join(' | '),
    ]),
  );
  sheet(
    T.alerts.sheet,
    [...T.alerts.headers],
    company.alerts.map((a) => [
      a.reference,
      day(a.raisedAt),
      a.positions.map((p) => E.position(p.jobTitle, p.count)).join(' ; '),
      a.urgency,
      a.contactName,
      a.contactPhone,
      a.contactEmail,
      ALERT_STATE_LABELS[a.state],
      a.offerReference,
    ]),
  );
  sheet(
    T.committees.sheet,
    [...T.committees.headers],
    company.agendaItems.map((i) => [
      day(i.committee.scheduledAt),
      i.decision,
      i.noFollowUp ? E.yes : E.no,
      day(i.informedAt),
    ]),
  );
  await audit(db, {
    actorSlackId: actor.slackUserId,
    action: 'privacy.company_export',
    entity: 'Company',
    entityId: companyId,
  });
  return { file: await book.toBuffer(), filename: `donnees-${company.siret ?? company.id}.xlsx` };
}
