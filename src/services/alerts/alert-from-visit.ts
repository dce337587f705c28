import { NEEDS_AS_TYPED } from '../visits/visit-report.js';
import { seesVisitContent } from '../companies.js';
import type { Db, Tx } from '../db.js';
import { ValidationFailed, UserError } from '../errors.js';
import { findActor } from '../members.js';
import { can, type Actor } from '../permissions.js';
import { POSITION_RANKS } from '../../domain/alerts.js';

/** What of a visit pre-fills the alert raised from it (« Signaler une alerte recrutement »). */
export interface AlertFromVisit {
  visitId: string;
  visitDate: Date;
  companyId: string;
  hiringHorizon: 'urgent' | 'douze_mois' | null;
  /** The visit's hiring needs, as typed (« Soudeur : 3 »): each one a position, up to three. */
  positions: { jobTitle: string; count: number }[];
  /** Every need, including those beyond the form's three positions. */
  needs: { jobFamily: string; count: number }[];
}

/** The alert form's limits (services/alerts/alert-report.ts): a title of 120 characters, 999 people. */
const TITLE_MAX = 120;
const COUNT_MAX = 999;

async function visibleVisit(db: Db | Tx, actor: Actor, visitId: string) {
  const visit = await db.visit.findUnique({
    where: { id: visitId },
    select: {
      id: true,
      visitDate: true,
      companyId: true,
      capteurId: true,
      structureId: true,
      consentToShare: true,
      hiringHorizon: true,
      hiringNeeds: { select: { jobFamily: true, count: true }, orderBy: NEEDS_AS_TYPED },
    },
  });
  // A visit the actor may not read is answered as an unknown one: nothing of it is told.
  if (!visit || !seesVisitContent(actor, visit)) throw new UserError('alert_visit_unknown');
  return visit;
}

/** The alert already raised from a visit, if any: a visit's needs make one alert. */
async function alertRaisedFrom(db: Db | Tx, visitId: string): Promise<{ reference: string } | null> {
  return db.recruitmentAlert.findFirst({ where: { visitId }, select: { reference: true } });
}

/**
 * The alert a visit's hiring needs pre-fill; refused when the actor may not see the visit, or
 * when an alert was already raised from it (its reference said).
 */
export async function alertFromVisit(db: Db, actor: Actor, visitId: string): Promise<AlertFromVisit> {
  const visit = await visibleVisit(db, actor, visitId);
  const raised = await alertRaisedFrom(db, visitId);
  if (raised) throw new UserError('alert_visit_already', undefined, { reference: raised.reference });
  const positions = visit.hiringNeeds.slice(0, POSITION_RANKS.length).map((need) => ({
    jobTitle: Array.from(need.jobFamily).slice(0, TITLE_MAX).join(''),
    count: Math.min(Math.max(need.count, 1), COUNT_MAX),
  }));
  return {
    visitId: visit.id,
    visitDate: visit.visitDate,
    companyId: visit.companyId,
    hiringHorizon: visit.hiringHorizon,
    positions,
    needs: visit.hiringNeeds,
  };
}

/**
 * The visit an alert is raised from, checked when the alert is saved: it exists, the capteur may
 * see it (a forged id in the form's metadata is refused like an unknown one), and it is about the
 * alert's company.
 */
export async function checkAlertVisit(tx: Db | Tx, actor: Actor, visitId: string, companyId: string): Promise<void> {
  const visit = await visibleVisit(tx, actor, visitId);
  if (visit.companyId !== companyId) throw new ValidationFailed([{ field: 'companyId', code: 'alert_visit_company' }]);
  // Two forms opened from one visit (its confirmation's button, and the form that followed it).
  const raised = await alertRaisedFrom(tx, visitId);
  if (raised)
    throw new ValidationFailed([
      { field: 'companyId', code: 'alert_visit_already', params: { reference: raised.reference } },
    ]);
}

/**
 * The alert a visit just filed calls for, pre-filled, or null: the visit records an urgent hiring
 * need (red flag « recrutement urgent »), the capteur may raise alerts, and none was raised from it.
 * The visit form then gives way to the alert form instead of closing.
 */
export async function alertDueAfterVisit(db: Db, actor: Actor, visitId: string): Promise<AlertFromVisit | null> {
  if (!can(actor, 'raiseAlert')) return null;
  const visit = await db.visit.findUnique({
    where: { id: visitId },
    select: { hiringHorizon: true, _count: { select: { hiringNeeds: true, alerts: true } } },
  });
  if (visit?.hiringHorizon !== 'urgent' || visit._count.hiringNeeds === 0 || visit._count.alerts > 0) return null;
  return alertFromVisit(db, actor, visitId);
}

/**
 * Whether a visit's confirmation offers « Signaler une alerte recrutement »: the visit recorded
 * hiring needs, and the capteur it goes to may raise alerts.
 */
export async function offersAlertFromVisit(db: Db, visitId: string): Promise<boolean> {
  const visit = await db.visit.findUnique({
    where: { id: visitId },
    select: { capteur: { select: { slackUserId: true } }, _count: { select: { hiringNeeds: true } } },
  });
  if (!visit || visit._count.hiringNeeds === 0) return false;
  return can(await findActor(db, visit.capteur.slackUserId), 'raiseAlert');
}
