import type { Db } from '../db.js';
import { audit } from '../audit.js';
import { UserError } from '../errors.js';
import { can, type Actor } from '../permissions.js';
import { lockAgendas } from './committees.js';

export interface AgendaEdit {
  /** The form listed the items up to this rank: those after it were not shown and stay. */
  shownUpToRank: number;
  /** Of the items shown, those kept: the others are taken off, their visits go to the next session. */
  keepItemIds: string[];
  /** Companies put on the agenda by the coordination, with or without a visit marked for it. */
  addCompanyIds: string[];
}

/** A draft agenda as the edit modal shows it. */
export async function getDraftAgenda(db: Db, committeeId: string) {
  return db.committee.findUnique({
    where: { id: committeeId },
    include: {
      items: { orderBy: { rank: 'asc' }, include: { company: { select: { id: true, name: true, commune: true } } } },
    },
  });
}

export type DraftAgenda = NonNullable<Awaited<ReturnType<typeof getDraftAgenda>>>;

/**
 * The coordination edits an agenda before it is published: items taken off stay off this
 * session (their visits go to the next one), companies added come with their visits not yet
 * on an agenda, brought by the capteur of the latest one (else by the coordinator who added it).
 */
export async function editAgenda(
  db: Db,
  actor: Actor,
  committeeId: string,
  edit: AgendaEdit,
  now: Date,
): Promise<{ removed: number; added: number }> {
  if (!can(actor, 'runCommittees')) throw new UserError('committee_forbidden');
  return db.$transaction(async (tx) => {
    await lockAgendas(tx);
    const committee = await tx.committee.findUnique({
      where: { id: committeeId },
      include: { items: { select: { id: true, companyId: true, rank: true } } },
    });
    if (!committee) throw new UserError('committee_unknown');
    if (committee.status !== 'planned') throw new UserError('agenda_already_published');
    const keep = new Set(edit.keepItemIds);
    const removed = committee.items.filter((item) => item.rank <= edit.shownUpToRank && !keep.has(item.id));
    if (removed.length) {
      await tx.agendaItem.deleteMany({ where: { id: { in: removed.map((i) => i.id) } } });
      await tx.agendaExclusion.createMany({
        data: removed.map((i) => ({ committeeId, companyId: i.companyId, at: now })),
        skipDuplicates: true,
      });
    }
    const removedIds = new Set(removed.map((i) => i.id));
    const present = new Set(committee.items.filter((item) => !removedIds.has(item.id)).map((i) => i.companyId));
    const companies = await tx.company.findMany({
      where: { id: { in: edit.addCompanyIds.filter((id) => !present.has(id)) } },
      select: { id: true },
    });
    let rank = committee.items.reduce((max, item) => Math.max(max, item.rank), 0);
    for (const { id: companyId } of companies) {
      await tx.agendaExclusion.deleteMany({ where: { committeeId, companyId } });
      const visits = await tx.visit.findMany({
        where: { companyId, visitDate: { lte: committee.scheduledAt }, agendaItems: { none: {} } },
        orderBy: [{ visitDate: 'asc' }, { createdAt: 'asc' }],
        select: { id: true, capteurId: true },
      });
      const item = await tx.agendaItem.create({
        data: { committeeId, companyId, rank: ++rank, broughtById: visits.at(-1)?.capteurId ?? actor.memberId },
      });
      if (visits.length)
        await tx.agendaItemVisit.createMany({ data: visits.map((v) => ({ agendaItemId: item.id, visitId: v.id })) });
    }
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: 'committee.edit_agenda',
      entity: 'Committee',
      entityId: committeeId,
      details: { removed: removed.map((i) => i.companyId), added: companies.map((c) => c.id) },
    });
    return { removed: removed.length, added: companies.length };
  });
}
