import type { Db, Tx } from '../db.js';
import { VISIT_NOTICES } from '../notices.js';
import { enqueue } from '../outbox.js';

/** Other structures whose visits overlap at most this many are named (the latest first). */
const MAX_STRUCTURES = 3;

/**
 * When a capteur files a visit to a company another structure visited within `windowDays` of it,
 * both are told, so partners do not visit the same company twice without knowing: the capteur
 * who filed gets the other visits, each other visit's capteur gets the new one. Owed in the
 * visit's transaction, once per visit (and per other visit).
 */
export async function oweOverlapNotices(
  tx: Tx,
  visit: { id: string; companyId: string; visitDate: Date; structureId: string | null; capteurSlackId: string },
  windowDays: number,
): Promise<number> {
  if (windowDays <= 0) return 0;
  const span = windowDays * 86_400_000;
  const others = await tx.visit.findMany({
    where: {
      companyId: visit.companyId,
      id: { not: visit.id },
      structureId: visit.structureId ? { not: visit.structureId } : { not: null },
      visitDate: { gte: new Date(visit.visitDate.getTime() - span), lte: new Date(visit.visitDate.getTime() + span) },
      capteur: { active: true },
    },
    orderBy: [{ visitDate: 'desc' }, { createdAt: 'desc' }],
    select: { id: true, structureId: true, capteur: { select: { slackUserId: true } } },
  });
  const latestPerStructure = new Map<string, (typeof others)[number]>();
  for (const other of others)
    if (!latestPerStructure.has(other.structureId!)) latestPerStructure.set(other.structureId!, other);
  const chosen = [...latestPerStructure.values()].slice(0, MAX_STRUCTURES);
  if (chosen.length === 0) return 0;
  await enqueue(tx, VISIT_NOTICES.overlap, {
    dedupeKey: `${VISIT_NOTICES.overlap.kind}:${visit.id}`,
    recipient: visit.capteurSlackId,
    data: { visitId: visit.id, otherVisitIds: chosen.map((o) => o.id) },
  });
  for (const other of chosen) {
    await enqueue(tx, VISIT_NOTICES.overlap, {
      dedupeKey: `${VISIT_NOTICES.overlap.kind}:${visit.id}:${other.id}`,
      recipient: other.capteur.slackUserId,
      data: { visitId: other.id, otherVisitIds: [visit.id] },
    });
  }
  return chosen.length;
}

/** A visit and the overlapping ones, as the notice shows them: company, dates, who and which structure. */
export async function getOverlap(db: Db, visitId: string, otherVisitIds: string[]) {
  const select = {
    id: true,
    visitDate: true,
    company: { select: { id: true, name: true, commune: true } },
    capteur: { select: { slackUserId: true } },
    structure: { select: { name: true } },
  } as const;
  const [visit, others] = await Promise.all([
    db.visit.findUnique({ where: { id: visitId }, select }),
    db.visit.findMany({ where: { id: { in: otherVisitIds } }, orderBy: { visitDate: 'desc' }, select }),
  ]);
  return visit && others.length ? { visit, others } : null;
}

export type Overlap = NonNullable<Awaited<ReturnType<typeof getOverlap>>>;
