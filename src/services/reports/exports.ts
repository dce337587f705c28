import { NEEDS_AS_TYPED } from '../visits/visit-report.js';
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
import { EXPORT_TEXTS as T } from '../../texts/report.js';
import { addCalendarDays, localDate, localInstant } from '../../time.js';
import { isoDay, tablesWorkbook } from './xlsx.js';

/** A period of local days, both included, as people say it. */
export interface ExportPeriod {
  from: string;
  to: string;
}

/** « 2026 », « 2026-T1 », « 2026-03 », « 2026-01-01 2026-03-31 »: the period, or null. */
export function readPeriod(text: string): ExportPeriod | null {
  const t = text.trim();
  let m = /^(\d{4})$/.exec(t);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-?T([1-4])$/i.exec(t);
  if (m) {
    const q = Number(m[2]);
    const start = `${m[1]}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
    const end = q === 4 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    return { from: start, to: addCalendarDays(end, -1) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const next =
      Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`;
    return { from: `${m[1]}-${m[2]}-01`, to: addCalendarDays(next, -1) };
  }
  m = /^(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (m) {
    const valid = (d: string) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
    if (valid(m[1]!) && valid(m[2]!) && m[1]! <= m[2]!) return { from: m[1]!, to: m[2]! };
  }
  return null;
}

/**
 * The coordination's export of a period: visits, companies visited, actions and alerts, one sheet
 * each, with what Slack shows the coordination (visit content even when not shared with partners,
 * alert contacts: personal data, so the export is audited).
 */
export async function exportPeriod(
  db: Db,
  actor: Actor,
  period: ExportPeriod,
  settings: { timeZone: string; alertDeadlineHours: number },
): Promise<{ file: Buffer; filename: string; counts: Record<string, number>; companyIds: string[] }> {
  if (!can(actor, 'exportData')) throw new UserError('export_forbidden');
  const { timeZone } = settings;
  const fromDay = new Date(`${period.from}T00:00:00Z`);
  const toDay = new Date(`${addCalendarDays(period.to, 1)}T00:00:00Z`);
  const fromInstant = localInstant(period.from, '00:00', timeZone);
  const toInstant = localInstant(addCalendarDays(period.to, 1), '00:00', timeZone);
  const unshared = can(actor, 'readUnsharedVisits');
  const [visits, actions, alerts] = await Promise.all([
    db.visit.findMany({
      where: { visitDate: { gte: fromDay, lt: toDay } },
      orderBy: [{ visitDate: 'asc' }, { createdAt: 'asc' }],
      include: {
        company: true,
        capteur: { select: { slackUserId: true, displayName: true } },
        structure: { select: { name: true } },
        stakes: true,
        redFlags: true,
        hiringNeeds: { orderBy: NEEDS_AS_TYPED },
      },
    }),
    db.action.findMany({
      where: { createdAt: { gte: fromInstant, lt: toInstant } },
      orderBy: { createdAt: 'asc' },
      include: {
        company: { select: { name: true, siret: true } },
        ownerStructure: { select: { name: true } },
        ownerMember: { select: { slackUserId: true } },
      },
    }),
    db.recruitmentAlert.findMany({
      where: { raisedAt: { gte: fromInstant, lt: toInstant } },
      orderBy: { raisedAt: 'asc' },
      include: {
        company: { select: { name: true, siret: true } },
        structure: { select: { name: true } },
        positions: { orderBy: { rank: 'asc' } },
      },
    }),
  ]);
  const book = tablesWorkbook();
  const sheet = book.table;
  const day = isoDay;
  const local = (d: Date) => `${localDate(timeZone, d)}`;
  sheet(
    T.visits.sheet,
    [...T.visits.headers],
    visits.map((v) => {
      const hidden = !v.consentToShare && !unshared;
      return [
        day(v.visitDate),
        v.company.name,
        v.company.siret,
        v.company.commune,
        v.capteur.displayName ?? v.capteur.slackUserId,
        v.structure?.name ?? null,
        CHANNEL_LABELS[v.channel],
        v.stakes.map((s) => T.stake(STAKE_LABELS[s.stake], PRIORITY_LABELS[s.priority])).join(' ; '),
        hidden ? T.notShared : v.needs,
        hidden ? T.notShared : v.diagnostic,
        v.redFlags.map((f) => RED_FLAG_LABELS[f.flag]).join(' ; '),
        v.hiringNeeds.map((h) => T.hiringNeed(h.jobFamily, h.count)).join(' ; '),
        v.consentToShare ? T.yes : T.no,
        v.toCommitteeAgenda ? T.yes : T.no,
      ];
    }),
  );
  const companies = [...new Map(visits.map((v) => [v.company.id, v.company])).values()];
  sheet(
    T.companies.sheet,
    [...T.companies.headers],
    companies.map((c) => [
      c.name,
      c.siret,
      c.nafCode,
      c.headcountBand,
      c.commune,
      c.postalCode,
      visits.filter((v) => v.companyId === c.id).length,
    ]),
  );
  sheet(
    T.actions.sheet,
    [...T.actions.headers],
    actions.map((a) => [
      local(a.createdAt),
      a.title,
      a.company.name,
      a.company.siret,
      a.ownerStructure.name,
      a.ownerMember?.slackUserId ?? null,
      day(a.dueDate),
      ACTION_STATUS_LABELS[a.status],
      a.statusNote,
      a.origin,
    ]),
  );
  sheet(
    T.alerts.sheet,
    T.alerts.headers(settings.alertDeadlineHours),
    alerts.map((a) => [
      a.reference,
      local(a.raisedAt),
      a.company.name,
      a.company.siret,
      a.structure?.name ?? null,
      a.positions.map((p) => T.position(p.jobTitle, p.count)).join(' ; '),
      ALERT_STATE_LABELS[a.state],
      a.deadlineAt.toISOString(),
      a.lateAt ? T.yes : T.no,
      a.contactName,
      a.contactPhone,
      a.contactEmail,
      a.offerReference,
    ]),
  );
  const counts = {
    visites: visits.length,
    entreprises: companies.length,
    actions: actions.length,
    alertes: alerts.length,
  };
  await audit(db, {
    actorSlackId: actor.slackUserId,
    action: 'export.period',
    entity: 'Export',
    details: { ...period, ...counts },
  });
  // The companies it holds: the file is deleted from Slack at once when one of them is erased.
  const companyIds = [
    ...new Set([
      ...visits.map((v) => v.companyId),
      ...actions.map((a) => a.companyId),
      ...alerts.map((a) => a.companyId),
    ]),
  ];
  return { file: await book.toBuffer(), filename: `export-${period.from}-${period.to}.xlsx`, counts, companyIds };
}
