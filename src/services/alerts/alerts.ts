import type { Prisma as P } from '../../generated/prisma/client.js';
import type { AlertOutcome, AlertState, Role } from '../../generated/prisma/enums.js';
import { localDate } from '../../time.js';
import { audit } from '../audit.js';
import { resolveCompany } from '../companies.js';
import { checkAlertVisit } from './alert-from-visit.js';
import type { Db, Tx } from '../db.js';
import { UserError } from '../errors.js';
import { ALERT_NOTICES } from '../notices.js';
import { enqueue, type MessageLocation } from '../outbox.js';
import { can, type Actor } from '../permissions.js';
import type { AlertReport } from './alert-report.js';
import { ALERT_ACTIONS, canMove, type AlertAction } from '../../domain/alert-state-machine.js';

export interface AlertSettings {
  /** Hours between raising and the deadline for transmission to France Travail. */
  deadlineHours: number;
  /** The platform's time zone: the year of a reference is the local year. */
  timeZone: string;
  /** Where offers are diffused to the partners; required to diffuse. */
  partnersChannelId?: string | undefined;
}

export interface RaisedAlert {
  alertId: string;
  reference: string;
  deadlineAt: Date;
  /** false when this submission had already been saved (Slack retry, double click). */
  created: boolean;
}

/**
 * Records an urgent recruitment need and, in the same transaction, every message it owes: the
 * page to each coordinator and the acknowledgement to the capteur. Once this returns, the alert
 * is in the database whatever Slack does next.
 */
export async function raiseAlert(
  db: Db,
  actor: Actor,
  report: AlertReport,
  now: Date,
  settings: AlertSettings,
): Promise<RaisedAlert> {
  const already = await alertBySubmissionKey(db, actor, report.submissionKey);
  if (already) return already;
  try {
    return await db.$transaction(async (tx) => {
      const companyId = await resolveCompany(tx, actor, report.company);
      if (report.visitId) await checkAlertVisit(tx, actor, report.visitId, companyId);
      const deadlineAt = new Date(now.getTime() + settings.deadlineHours * 3_600_000);
      const alert = await tx.recruitmentAlert.create({
        data: {
          // Numbered last (below): the counter's row lock then lasts only until the commit.
          reference: `ALR-pending-${report.submissionKey}`,
          submissionKey: report.submissionKey,
          companyId,
          capteurId: actor.memberId,
          structureId: actor.structureId,
          urgency: report.urgency,
          contactName: report.contact.name,
          contactPhone: report.contact.phone ?? null,
          contactEmail: report.contact.email ?? null,
          consentToName: report.consentToName,
          raisedAt: now,
          deadlineAt,
          visitId: report.visitId,
          positions: {
            create: report.positions.map((p) => ({
              ...p,
              startDate: p.startDate ? new Date(`${p.startDate}T00:00:00Z`) : null,
            })),
          },
        },
      });
      const transition = await tx.alertTransition.create({
        data: { alertId: alert.id, from: null, to: 'signalee', actorId: actor.memberId, at: now },
      });
      for (const recipient of await coordinatorsToPage(tx))
        await oweShownMessage(tx, alert.id, ALERT_NOTICES.page, recipient);
      await enqueue(tx, ALERT_NOTICES.news, newsFor(alert.id, transition.id, actor.slackUserId));
      // Alerts raised at the same time queue on the year's counter row: take it last.
      const reference = await numberAlert(tx, alert.id, Number(localDate(settings.timeZone, now).slice(0, 4)));
      await audit(tx, {
        actorSlackId: actor.slackUserId,
        action: 'alert.raise',
        entity: 'RecruitmentAlert',
        entityId: alert.id,
        details: { reference },
      });
      return { alertId: alert.id, reference, deadlineAt, created: true };
    });
  } catch (error) {
    // Two deliveries of the same submission raced and the other one saved it. How this one failed
    // depends on the moment and the engine: the unique submission key (P2002 on PostgreSQL, a raw
    // driver error on PGlite), or the new company the other delivery created (ValidationFailed:
    // company_duplicate, siret_known). Whatever the failure, a saved submission is the answer.
    // Someone else's saved alert under this key is still refused (UserError), never returned.
    const saved = await alertBySubmissionKey(db, actor, report.submissionKey).catch((lookup: unknown) => {
      if (lookup instanceof UserError) throw lookup;
      return null;
    });
    if (saved) return saved;
    throw error;
  }
}

/**
 * The alert already saved under this submission key, if this capteur raised it (a retry, a double
 * click). A key taken from another person's form is refused: nothing of their alert is returned.
 */
async function alertBySubmissionKey(db: Db, actor: Actor, submissionKey: string): Promise<RaisedAlert | null> {
  const alert = await db.recruitmentAlert.findUnique({
    where: { submissionKey },
    select: { id: true, reference: true, deadlineAt: true, capteurId: true },
  });
  if (!alert) return null;
  if (alert.capteurId !== actor.memberId) throw new UserError('submission_not_yours');
  return { alertId: alert.id, reference: alert.reference, deadlineAt: alert.deadlineAt, created: false };
}

/**
 * Gives the alert the year's next reference (ALR-2026-0042) from an atomic per-year counter, safe
 * with several instances, in one statement: the counter's row
 * is locked from here to the commit, so alerts raised together wait on it as little as possible.
 */
async function numberAlert(tx: Tx, alertId: string, year: number): Promise<string> {
  const [row] = await tx.$queryRaw<{ reference: string }[]>`
    WITH counter AS (
      INSERT INTO "AlertCounter" (year, last) VALUES (${year}, 1)
      ON CONFLICT (year) DO UPDATE SET last = "AlertCounter".last + 1
      RETURNING last)
    UPDATE "RecruitmentAlert"
       SET reference = 'ALR-' || ${String(year)} || '-' || lpad(counter.last::text, greatest(4, length(counter.last::text)), '0'),
           "updatedAt" = ${new Date()}
      FROM counter
     WHERE id = ${alertId}
    RETURNING reference`;
  return row!.reference;
}

async function activeMembersWith(tx: Tx | Db, role: Role): Promise<string[]> {
  const members = await tx.member.findMany({
    where: { active: true, roles: { some: { role } } },
    select: { slackUserId: true },
    orderBy: { createdAt: 'asc' },
  });
  return members.map((m) => m.slackUserId);
}

/** Every coordinator is paged; with none registered, the administrators, so no alert goes unseen. */
export async function coordinatorsToPage(tx: Tx | Db): Promise<string[]> {
  const coordinators = await activeMembersWith(tx, 'coordinateur');
  return coordinators.length > 0 ? coordinators : activeMembersWith(tx, 'admin');
}

export const franceTravailAdvisers = (tx: Tx | Db) => activeMembersWith(tx, 'france_travail');
export const administrators = (tx: Tx | Db) => activeMembersWith(tx, 'admin');

function newsFor(alertId: string, transitionId: string, recipient: string) {
  return {
    dedupeKey: `${ALERT_NOTICES.news.kind}:${transitionId}:${recipient}`,
    recipient,
    data: { alertId, transitionId },
  };
}

export interface OfferInput {
  reference: string;
  contactName: string;
  contactEmail?: string | undefined;
  contactPhone?: string | undefined;
  url?: string | undefined;
}

export type MovePayload =
  | { action: 'prendre_en_charge' }
  | { action: 'transmettre' }
  | { action: 'enregistrer_offre'; offer: OfferInput }
  | { action: 'diffuser' }
  | { action: 'clore'; outcome: AlertOutcome; note: string };

export interface MovedAlert {
  alertId: string;
  from: AlertState;
  to: AlertState;
  transitionId: string;
  /** transmettre: true when France Travail advisers are in Slack; false → the coordinator e-mails. */
  franceTravailInSlack?: boolean;
}

/**
 * Moves an alert one step, if the actor may and the alert is in a state that allows it; records
 * who and when, and owes the messages that follow: every page and France Travail request updated
 * in place, the capteur told, and per action the request to France Travail or the diffusion.
 * A refused move (second click, closed alert, no right) throws a UserError and changes nothing.
 */
export async function moveAlert(
  db: Db,
  actor: Actor,
  alertId: string,
  payload: MovePayload,
  now: Date,
  settings: AlertSettings,
): Promise<MovedAlert> {
  const rule = ALERT_ACTIONS[payload.action];
  if (!can(actor, rule.permission)) throw new UserError('alert_forbidden');
  if (payload.action === 'diffuser' && !settings.partnersChannelId) throw new UserError('partners_channel_missing');
  return db.$transaction(async (tx) => {
    const alert = await tx.recruitmentAlert.findUnique({
      where: { id: alertId },
      include: {
        capteur: { select: { slackUserId: true } },
        transitions: { orderBy: { at: 'desc' }, take: 1, include: { actor: { select: { slackUserId: true } } } },
      },
    });
    if (!alert) throw new UserError('alert_unknown');
    if (!canMove(alert.state, payload.action)) {
      const last = alert.transitions[0];
      throw new UserError('alert_state', undefined, {
        reference: alert.reference,
        state: alert.state,
        by: last?.actor?.slackUserId ?? '',
      });
    }
    const data: P.RecruitmentAlertUpdateManyMutationInput & { coordinatorId?: string } = { state: rule.to };
    if (payload.action === 'prendre_en_charge' || (payload.action === 'transmettre' && !alert.coordinatorId))
      data.coordinatorId = actor.memberId;
    if (payload.action === 'enregistrer_offre') {
      Object.assign(data, {
        offerReference: payload.offer.reference,
        offerContactName: payload.offer.contactName,
        offerContactEmail: payload.offer.contactEmail ?? null,
        offerContactPhone: payload.offer.contactPhone ?? null,
        offerUrl: payload.offer.url ?? null,
      });
    }
    if (payload.action === 'clore') Object.assign(data, { outcome: payload.outcome, outcomeNote: payload.note });
    // Guarded by the state read above: of two clicks at once, one moves the alert, the other is refused.
    const { count } = await tx.recruitmentAlert.updateMany({ where: { id: alertId, state: alert.state }, data });
    if (count === 0) {
      // Another click committed first: tell the state it is in now and who moved it, as above.
      const current = await tx.recruitmentAlert.findUnique({
        where: { id: alertId },
        select: {
          state: true,
          transitions: { orderBy: { at: 'desc' }, take: 1, select: { actor: { select: { slackUserId: true } } } },
        },
      });
      throw new UserError('alert_state', undefined, {
        reference: alert.reference,
        state: current?.state ?? alert.state,
        by: current?.transitions[0]?.actor?.slackUserId ?? '',
      });
    }
    const transition = await tx.alertTransition.create({
      data: {
        alertId,
        from: alert.state,
        to: rule.to,
        actorId: actor.memberId,
        at: now,
        note: payload.action === 'clore' ? payload.note : null,
      },
    });
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: `alert.${payload.action}`,
      entity: 'RecruitmentAlert',
      entityId: alertId,
      details: { from: alert.state, to: rule.to },
    });

    // Every message showing the alert is brought up to date, and the capteur is told.
    await owePageUpdates(tx, alertId, transition.id);
    await enqueue(tx, ALERT_NOTICES.news, newsFor(alertId, transition.id, alert.capteur.slackUserId));

    const moved: MovedAlert = { alertId, from: alert.state, to: rule.to, transitionId: transition.id };
    if (payload.action === 'transmettre') {
      const advisers = await franceTravailAdvisers(tx);
      moved.franceTravailInSlack = advisers.length > 0;
      for (const recipient of advisers)
        await oweShownMessage(tx, alertId, ALERT_NOTICES.franceTravailRequest, recipient);
    }
    if (payload.action === 'enregistrer_offre' && !can(actor, 'handleAlerts')) {
      // Recorded by France Travail: the coordinators hear of it, not only through their page.
      for (const recipient of await coordinatorsToPage(tx))
        await enqueue(tx, ALERT_NOTICES.news, newsFor(alertId, transition.id, recipient));
    }
    if (payload.action === 'diffuser') {
      await enqueue(tx, ALERT_NOTICES.diffusion, {
        dedupeKey: `${ALERT_NOTICES.diffusion.kind}:${alertId}`,
        recipient: settings.partnersChannelId!,
        data: { alertId },
      });
    }
    return moved;
  });
}

/** The messages that show an alert in place: posted once, then updated at each transition. */
const SHOWN_IN_PLACE = [ALERT_NOTICES.page, ALERT_NOTICES.franceTravailRequest] as const;
type ShownInPlace = (typeof SHOWN_IN_PLACE)[number];

/** The key of the first post of a message showing an alert in place: its updates wait for it. */
export const shownMessageFirstPostKey = (shown: ShownMessage) => `${shown.kind}:${shown.alertId}:${shown.recipient}`;

/**
 * Owes the first post of a message that shows an alert in place (a page, a France Travail
 * request), and records it so every later transition updates it.
 */
async function oweShownMessage(tx: Tx, alertId: string, type: ShownInPlace, recipient: string): Promise<void> {
  await tx.alertMessage.createMany({ data: [{ alertId, kind: type.kind, recipient }], skipDuplicates: true });
  await enqueue(tx, type, {
    dedupeKey: shownMessageFirstPostKey({ alertId, kind: type.kind, recipient }),
    recipient,
    data: { alertId },
  });
}

/** One update owed per message showing the alert; `cause` (a transition, a breach) keeps them apart. */
export async function owePageUpdates(tx: Tx, alertId: string, cause: string): Promise<void> {
  const shown = await tx.alertMessage.findMany({ where: { alertId }, select: { kind: true, recipient: true } });
  for (const { kind, recipient } of shown) {
    const type = SHOWN_IN_PLACE.find((t) => t.kind === kind);
    if (!type) throw new Error(`alert message of unknown kind ${kind}`);
    await enqueue(tx, type, {
      dedupeKey: `${kind}:${alertId}:${recipient}:${cause}`,
      recipient,
      data: { alertId, update: true },
    });
  }
}

/** One message showing an alert in place: which alert, which kind (a page, a France Travail request), to whom. */
export interface ShownMessage {
  alertId: string;
  kind: string;
  recipient: string;
}

/** Where a message showing an alert in place is, once posted (null before). */
export async function shownMessageLocation(db: Db, shown: ShownMessage): Promise<MessageLocation | null> {
  const posted = await db.alertMessage.findUnique({ where: { alertId_kind_recipient: shown } });
  return posted?.channel && posted.ts ? { channel: posted.channel, ts: posted.ts } : null;
}

/**
 * Records where a message showing an alert in place landed, so later transitions update it. It
 * shows the company contact's name, phone and e-mail: who got them is audited.
 */
export async function recordAlertMessagePosted(db: Db, shown: ShownMessage, where: MessageLocation): Promise<void> {
  const at = { channel: where.channel, ts: where.ts };
  await db.alertMessage.upsert({
    where: { alertId_kind_recipient: shown },
    create: { ...shown, ...at },
    update: at,
  });
  await audit(db, {
    actorSlackId: null,
    action: 'alert.contact_shown',
    entity: 'RecruitmentAlert',
    entityId: shown.alertId,
    details: { recipient: shown.recipient, kind: shown.kind },
  });
}

/** Everything the views show about one alert. */
export async function getAlert(db: Db | Tx, alertId: string) {
  return db.recruitmentAlert.findUnique({
    where: { id: alertId },
    include: {
      company: { select: { id: true, name: true, siret: true, commune: true, nafCode: true } },
      capteur: { select: { slackUserId: true } },
      structure: { select: { name: true } },
      coordinator: { select: { slackUserId: true } },
      positions: { orderBy: { rank: 'asc' } },
      transitions: { orderBy: { at: 'asc' }, include: { actor: { select: { slackUserId: true } } } },
      visit: { select: { visitDate: true } },
    },
  });
}

export type AlertDetails = NonNullable<Awaited<ReturnType<typeof getAlert>>>;

/** The company an alert is about; null when the alert is unknown. */
export async function getAlertCompanyId(db: Db, alertId: string): Promise<string | null> {
  const alert = await db.recruitmentAlert.findUnique({ where: { id: alertId }, select: { companyId: true } });
  return alert?.companyId ?? null;
}

/** Open alerts, the most pressing first (nearest deadline among those not yet transmitted). */
export async function listOpenAlerts(db: Db, limit = 30) {
  const alerts = await db.recruitmentAlert.findMany({
    where: { state: { not: 'cloturee' } },
    orderBy: [{ deadlineAt: 'asc' }],
    take: limit,
    include: {
      company: { select: { name: true, commune: true } },
      positions: { orderBy: { rank: 'asc' } },
      coordinator: { select: { slackUserId: true } },
    },
  });
  const waiting = (s: AlertState) => (s === 'signalee' || s === 'prise_en_charge' ? 0 : 1);
  return alerts.sort((a, b) => waiting(a.state) - waiting(b.state) || a.deadlineAt.getTime() - b.deadlineAt.getTime());
}

export type OpenAlert = Awaited<ReturnType<typeof listOpenAlerts>>[number];

export type { AlertAction };
