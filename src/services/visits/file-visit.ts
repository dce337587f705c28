import { audit } from '../audit.js';
import { resolveCompany } from '../companies.js';
import type { Db } from '../db.js';
import { UserError } from '../errors.js';
import { VISIT_NOTICES } from '../notices.js';
import { enqueue } from '../outbox.js';
import type { Actor } from '../permissions.js';
import { oweOverlapNotices } from './overlap.js';
import { deriveRedFlags } from './red-flags.js';
import { NEEDS_AS_TYPED, type VisitReport } from './visit-report.js';

/** The kind of a visit's confirmation (VISIT_NOTICES.confirmation), as stored. */
export const VISIT_CONFIRMATION = VISIT_NOTICES.confirmation.kind;

export interface VisitSettings {
  /** Days around a visit within which another structure's visit to the same company is pointed out (0: never). */
  overlapDays: number;
}

export const VISIT_SETTINGS: VisitSettings = { overlapDays: 90 };

export interface FiledVisit {
  visitId: string;
  companyId: string;
  /** false when this submission had already been saved (Slack retry, double click). */
  created: boolean;
}

/**
 * Saves a validated visit report in one transaction: the company when it is new, the visit with
 * its stakes, hiring needs and red flags, the audit trail, and the confirmation owed to the
 * capteur. The same submission key saves once, however many times it arrives; a key whose visit
 * another capteur filed (taken from their form) is refused, and nothing of that visit is returned.
 */
export async function fileVisit(
  db: Db,
  actor: Actor,
  report: VisitReport,
  settings: VisitSettings = VISIT_SETTINGS,
): Promise<FiledVisit> {
  const already = await findBySubmissionKey(db, actor, report.submissionKey);
  if (already) return { ...already, created: false };
  try {
    return await db.$transaction(async (tx) => {
      const companyId = await resolveCompany(tx, actor, report.company);
      const visit = await tx.visit.create({
        data: {
          submissionKey: report.submissionKey,
          companyId,
          capteurId: actor.memberId,
          structureId: actor.structureId,
          visitDate: new Date(`${report.visitDate}T00:00:00Z`),
          channel: report.channel,
          headcount: report.headcount ?? null,
          headcountTrend: report.headcountTrend ?? null,
          revenueTrend: report.revenueTrend ?? null,
          siteOutlook: report.siteOutlook ?? null,
          hiringHorizon: report.hiringHorizon ?? null,
          jobsAtRisk: report.jobsAtRisk ?? null,
          investmentPlanned: report.investmentPlanned ?? null,
          exportSharePct: report.exportSharePct ?? null,
          transmissionBuyer: report.transmissionBuyer ?? null,
          needs: report.needs,
          diagnostic: report.diagnostic,
          consentToShare: report.consentToShare,
          toCommitteeAgenda: report.toCommitteeAgenda,
          stakes: { create: report.stakes },
          hiringNeeds: { create: report.hiringNeeds.map((need, i) => ({ ...need, rank: i + 1 })) },
          redFlags: { create: deriveRedFlags(report).map((flag) => ({ flag })) },
        },
        select: { id: true, visitDate: true },
      });
      await oweOverlapNotices(
        tx,
        {
          id: visit.id,
          companyId,
          visitDate: visit.visitDate,
          structureId: actor.structureId,
          capteurSlackId: actor.slackUserId,
        },
        settings.overlapDays,
      );
      await audit(tx, {
        actorSlackId: actor.slackUserId,
        action: 'visit.create',
        entity: 'Visit',
        entityId: visit.id,
        details: { companyId },
      });
      await enqueue(tx, VISIT_NOTICES.confirmation, {
        dedupeKey: `${VISIT_CONFIRMATION}:${visit.id}`,
        recipient: actor.slackUserId,
        data: { visitId: visit.id },
      });
      return { visitId: visit.id, companyId, created: true };
    });
  } catch (error) {
    // Two deliveries of the same submission raced and the other one saved it. Whatever the error
    // says (a unique violation, reported differently by each driver; or the other delivery's new
    // company seen as a duplicate), the saved submission is the answer.
    const saved = await findBySubmissionKey(db, actor, report.submissionKey);
    if (saved) return { ...saved, created: false };
    throw error;
  }
}

/** The visit already saved under this key, if this capteur filed it; refused if someone else did. */
async function findBySubmissionKey(db: Db, actor: Actor, submissionKey: string) {
  const visit = await db.visit.findUnique({
    where: { submissionKey },
    select: { id: true, companyId: true, capteurId: true },
  });
  if (!visit) return null;
  if (visit.capteurId !== actor.memberId) throw new UserError('submission_not_yours');
  return { visitId: visit.id, companyId: visit.companyId };
}

/** Everything a confirmation or a summary shows about one visit. */
export async function getVisitSummary(db: Db, visitId: string) {
  return db.visit.findUnique({
    where: { id: visitId },
    include: {
      company: { select: { id: true, name: true, siret: true, commune: true } },
      stakes: true,
      hiringNeeds: { orderBy: NEEDS_AS_TYPED },
      redFlags: true,
    },
  });
}

export type VisitSummary = NonNullable<Awaited<ReturnType<typeof getVisitSummary>>>;

/** A capteur's latest visits, for their App Home. */
export async function listRecentVisits(db: Db, actor: Actor, limit = 10) {
  return db.visit.findMany({
    where: { capteurId: actor.memberId },
    orderBy: [{ visitDate: 'desc' }, { createdAt: 'desc' }],
    take: limit,
    include: { company: { select: { id: true, name: true, commune: true } }, redFlags: true },
  });
}

export async function countVisitsSince(db: Db, actor: Actor, since: Date) {
  return db.visit.count({ where: { capteurId: actor.memberId, visitDate: { gte: since } } });
}
