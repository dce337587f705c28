import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { editAgenda } from '../../src/services/committees/agenda.js';
import {
  actionsForReview,
  cancelCommittee,
  closeCommittee,
  holdDueSessions,
  planCommittee,
  publishAgenda,
  recordCompanyInformed,
  recordItemOutcome,
  rescheduleCommittee,
} from '../../src/services/committees/committees.js';
import { companiesToInform, oweInformReminders } from '../../src/services/committees/informing.js';
import type { Actor } from '../../src/services/permissions.js';
import { TEST_ENGINE } from '../support/database.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

const NOW = new Date('2026-11-27T09:00:00Z');
const DAY = 86_400_000;
const { db, other } = withTestDatabase({ anotherInstance: true });
let coordinator: Actor;
let capteurA: Actor;
let capteurB: Actor;
let member: Actor;
let structureId: string;
const company: Record<string, string> = {};

beforeAll(async () => {
  const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  structureId = cci.id;
  coordinator = await makeMember(db.prisma, 'UCYCOORD', ['coordinateur']);
  capteurA = await makeMember(db.prisma, 'UCYCAPTA', ['capteur'], cci.id);
  capteurB = await makeMember(db.prisma, 'UCYCAPTB', ['capteur'], cci.id);
  member = await makeMember(db.prisma, 'UCYMEMBER', ['comite'], cci.id);
  for (const name of ['Forges', 'Porcelaines', 'Aéro', 'Menuiserie', 'Tannerie', 'Verrerie'])
    company[name] = (await makeCompany(db.prisma, { name })).id;
});
// Each test starts from the structure, its members and the companies alone: the sessions, visits
// and actions it reads are the ones it makes (through the helpers below), whatever ran before it.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole', 'Company'] });
});

/** The coordinator plans a session at `scheduledAt` in the committee channel, now. */
const plan = (scheduledAt: string) =>
  planCommittee(db.prisma, coordinator, { scheduledAt: new Date(scheduledAt), channelId: 'CCOM' }, NOW);

/**
 * The session of 8 December planned after a closed one of 10 November, from four visits: the
 * Forges marked for the committee, the Porcelaines flagged since the closed session, the Tannerie
 * flagged before it, Aéro neither. Its draft: the Porcelaines, then the Forges.
 */
async function planDecemberSession() {
  const past = await db.prisma.committee.create({
    data: {
      scheduledAt: new Date('2026-11-10T13:00:00Z'),
      channelId: 'CPAST',
      status: 'closed',
      createdById: coordinator.memberId,
    },
  });
  await makeVisit(db.prisma, capteurA, company.Forges!, { date: '2026-11-20', toCommitteeAgenda: true });
  await makeVisit(db.prisma, capteurB, company.Porcelaines!, { date: '2026-11-18', redFlags: ['emplois_menaces'] }); // not marked, flagged since
  await makeVisit(db.prisma, capteurA, company.Tannerie!, {
    date: '2026-11-02',
    redFlags: ['fermeture_ou_demenagement'],
  }); // flagged before the last session
  await makeVisit(db.prisma, capteurA, company.Aéro!, { date: '2026-11-21' }); // neither
  const committee = await plan('2026-12-08T13:00:00Z');
  return { past, committeeId: committee.id };
}

/**
 * The session of 8 December as the coordination publishes it: the Porcelaines taken off (and
 * marked again since, so it has two visits waiting), Aéro and the Verrerie added; its agenda is
 * the Forges, Aéro and the Verrerie.
 */
async function publishDecemberSession(): Promise<string> {
  const { committeeId } = await planDecemberSession();
  const forges = await db.prisma.agendaItem.findFirstOrThrow({ where: { committeeId, companyId: company.Forges! } });
  await editAgenda(
    db.prisma,
    coordinator,
    committeeId,
    { shownUpToRank: 99, keepItemIds: [forges.id], addCompanyIds: [company.Aéro!, company.Verrerie!] },
    NOW,
  );
  await makeVisit(db.prisma, capteurB, company.Porcelaines!, { date: '2026-11-25', toCommitteeAgenda: true });
  await publishAgenda(db.prisma, coordinator, committeeId, NOW);
  return committeeId;
}

/** The session of 8 December, published, then held at its time. */
async function holdDecemberSession(): Promise<string> {
  const committeeId = await publishDecemberSession();
  const { scheduledAt } = await db.prisma.committee.findUniqueOrThrow({ where: { id: committeeId } });
  await holdDueSessions(db.prisma, scheduledAt);
  return committeeId;
}

const itemsOf = async (committeeId: string) =>
  (
    await db.prisma.agendaItem.findMany({
      where: { committeeId },
      orderBy: { rank: 'asc' },
      include: { company: true, visits: true },
    })
  ).map((i) => ({
    company: i.company.name,
    visits: i.visits.length,
    broughtById: i.broughtById,
  }));

describe('the agenda before publication', () => {
  it('takes the visits marked for the committee and the red flags raised since the previous session, not older ones', async () => {
    // A closed session on 10 November: red flags raised before it are not drafted again.
    const { past, committeeId } = await planDecemberSession();
    expect(await itemsOf(committeeId)).toEqual([
      { company: 'Porcelaines', visits: 1, broughtById: capteurB.memberId },
      { company: 'Forges', visits: 1, broughtById: capteurA.memberId },
    ]);
    expect(past.status).toBe('closed');
  });

  it('is edited by the coordination only: a company taken off stays off, one added comes with its visits or is brought by the coordinator', async () => {
    const { committeeId } = await planDecemberSession();
    const items = await db.prisma.agendaItem.findMany({ where: { committeeId }, include: { company: true } });
    const forges = items.find((i) => i.company.name === 'Forges')!;
    await expect(
      editAgenda(
        db.prisma,
        member,
        committeeId,
        { shownUpToRank: 99, keepItemIds: [forges.id], addCompanyIds: [] },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'committee_forbidden' });

    const edit = await editAgenda(
      db.prisma,
      coordinator,
      committeeId,
      {
        shownUpToRank: 99,
        keepItemIds: [forges.id],
        addCompanyIds: [company.Aéro!, company.Verrerie!, forges.companyId],
      },
      NOW,
    );
    expect(edit).toEqual({ removed: 1, added: 2 });
    expect(await itemsOf(committeeId)).toEqual([
      { company: 'Forges', visits: 1, broughtById: capteurA.memberId },
      { company: 'Aéro', visits: 1, broughtById: capteurA.memberId }, // its unmarked visit comes with it
      { company: 'Verrerie', visits: 0, broughtById: coordinator.memberId }, // no visit: the coordinator brings it
    ]);
    // Drafting again (at publication) does not bring the company taken off back.
    await makeVisit(db.prisma, capteurB, company.Porcelaines!, { date: '2026-11-25', toCommitteeAgenda: true });
    await publishAgenda(db.prisma, coordinator, committeeId, NOW);
    expect((await itemsOf(committeeId)).map((i) => i.company)).toEqual(['Forges', 'Aéro', 'Verrerie']);
    // Published: no more edits, no move, no cancel.
    await expect(
      editAgenda(db.prisma, coordinator, committeeId, { shownUpToRank: 99, keepItemIds: [], addCompanyIds: [] }, NOW),
    ).rejects.toMatchObject({ code: 'agenda_already_published' });
    await expect(
      rescheduleCommittee(
        db.prisma,
        coordinator,
        committeeId,
        { scheduledAt: new Date('2026-12-15T13:00:00Z'), channelId: 'CCOM' },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'agenda_already_published' });
    await expect(cancelCommittee(db.prisma, coordinator, committeeId)).rejects.toMatchObject({
      code: 'agenda_already_published',
    });
  });

  it('gives the companies taken off, with their visits, to the next session', async () => {
    await publishDecemberSession();
    const next = await plan('2027-01-12T13:00:00Z');
    expect(await itemsOf(next.id)).toEqual([{ company: 'Porcelaines', visits: 2, broughtById: capteurB.memberId }]);
  });

  it('of a session moved or cancelled before publication: a move takes in later visits, a cancel frees them for the next one', async () => {
    // The next session, of 12 January, drafted with the Porcelaines taken off December's agenda.
    await publishDecemberSession();
    const session = await plan('2027-01-12T13:00:00Z');
    await expect(
      rescheduleCommittee(
        db.prisma,
        coordinator,
        session.id,
        { scheduledAt: new Date('2026-11-01T13:00:00Z'), channelId: 'CCOM' },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'committee_in_past', field: 'scheduledAt' });
    await expect(
      rescheduleCommittee(
        db.prisma,
        member,
        session.id,
        { scheduledAt: new Date('2027-01-19T13:00:00Z'), channelId: 'CCOM' },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'committee_forbidden' });
    await makeVisit(db.prisma, capteurA, company.Menuiserie!, { date: '2027-01-15', toCommitteeAgenda: true });
    const moved = await rescheduleCommittee(
      db.prisma,
      coordinator,
      session.id,
      { scheduledAt: new Date('2027-01-19T13:00:00Z'), channelId: 'CCOM2' },
      NOW,
    );
    expect(moved).toMatchObject({ channelId: 'CCOM2', scheduledAt: new Date('2027-01-19T13:00:00Z') });
    expect((await itemsOf(session.id)).map((i) => i.company)).toEqual(['Porcelaines', 'Menuiserie']);

    await cancelCommittee(db.prisma, coordinator, session.id);
    expect(await db.prisma.committee.findUnique({ where: { id: session.id } })).toBeNull();
    const after = await plan('2027-02-09T13:00:00Z');
    expect((await itemsOf(after.id)).map((i) => i.company)).toEqual(['Porcelaines', 'Menuiserie']);
    expect(
      await db.prisma.auditEvent.count({
        where: { action: { in: ['committee.reschedule', 'committee.cancel', 'committee.edit_agenda'] } },
      }),
    ).toBe(3);
    await cancelCommittee(db.prisma, coordinator, after.id);
  });

  it('keeps the items the form did not show (beyond its 100, or drafted while it was open)', async () => {
    // Waiting for a session: the Porcelaines, taken off December's agenda, and the Menuiserie, marked since.
    await publishDecemberSession();
    await makeVisit(db.prisma, capteurA, company.Menuiserie!, { date: '2027-01-15', toCommitteeAgenda: true });
    const session = await plan('2027-02-23T13:00:00Z');
    expect((await itemsOf(session.id)).map((i) => i.company)).toEqual(['Porcelaines', 'Menuiserie']);
    // The form showed rank 1 only, and nothing was kept of it.
    expect(
      await editAgenda(
        db.prisma,
        coordinator,
        session.id,
        { shownUpToRank: 1, keepItemIds: [], addCompanyIds: [] },
        NOW,
      ),
    ).toEqual({ removed: 1, added: 0 });
    expect((await itemsOf(session.id)).map((i) => i.company)).toEqual(['Menuiserie']);
    await cancelCommittee(db.prisma, coordinator, session.id);
  });

  it.runIf(TEST_ENGINE === 'postgresql')(
    'is drafted one session at a time: two sessions planned at once never share a visit',
    async () => {
      for (let n = 0; n < 6; n++) {
        const id = (await makeCompany(db.prisma, { name: `Race ${n}` })).id;
        await makeVisit(db.prisma, capteurA, id, { date: '2026-11-26', toCommitteeAgenda: true });
      }
      const [a, b] = await Promise.all([
        planCommittee(
          db.prisma,
          coordinator,
          { scheduledAt: new Date('2027-03-09T13:00:00Z'), channelId: 'CRACE' },
          NOW,
        ),
        planCommittee(other, coordinator, { scheduledAt: new Date('2027-03-10T13:00:00Z'), channelId: 'CRACE' }, NOW),
      ]);
      const links = await db.prisma.agendaItemVisit.findMany({
        where: { agendaItem: { committeeId: { in: [a.id, b.id] } } },
        select: { visitId: true },
      });
      expect(links.length).toBeGreaterThanOrEqual(6);
      expect(new Set(links.map((l) => l.visitId)).size).toBe(links.length);
      await cancelCommittee(db.prisma, coordinator, a.id);
      await cancelCommittee(db.prisma, coordinator, b.id);
    },
  );
});

describe('a session in its meeting and after', () => {
  it('is held once its time has come, and not before', async () => {
    await publishDecemberSession();
    const session = await db.prisma.committee.findFirstOrThrow({ where: { status: 'agenda_published' } });
    expect(await holdDueSessions(db.prisma, new Date(session.scheduledAt.getTime() - 60_000))).toBe(0);
    expect(await holdDueSessions(db.prisma, session.scheduledAt)).toBe(1);
    expect(await holdDueSessions(db.prisma, session.scheduledAt)).toBe(0);
    expect((await db.prisma.committee.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('held');
  });

  it('reviews the open actions due by the session, and the blocked ones', async () => {
    const due = (days: number) => new Date(Date.UTC(2026, 11, 8) + days * DAY);
    const base = {
      companyId: company.Forges!,
      ownerStructureId: structureId,
      origin: 'ad_hoc' as const,
      createdById: coordinator.memberId,
      target: 'entreprise' as const,
    };
    await db.prisma.action.createMany({
      data: [
        { ...base, submissionKey: 'r1', title: 'Échue', dueDate: due(-3), status: 'a_faire' },
        { ...base, submissionKey: 'r2', title: 'Le jour même', dueDate: due(0), status: 'en_cours' },
        { ...base, submissionKey: 'r3', title: 'Bloquée plus tard', dueDate: due(30), status: 'bloquee' },
        { ...base, submissionKey: 'r4', title: 'Plus tard', dueDate: due(30), status: 'a_faire' },
        { ...base, submissionKey: 'r5', title: 'Faite', dueDate: due(-3), status: 'realisee' },
      ],
    });
    const review = await actionsForReview(db.prisma, new Date('2026-12-08T13:00:00Z'));
    expect(review.total).toBe(3);
    expect(review.actions.map((a) => a.title)).toEqual(['Échue', 'Le jour même', 'Bloquée plus tard']);
  });

  it('reminds each capteur of the companies not informed: a week after closing, weekly, three times at most, once across instances', async () => {
    await holdDecemberSession();
    const session = await db.prisma.committee.findFirstOrThrow({
      where: { status: 'held' },
      include: { items: { include: { company: true } } },
    });
    const byName = Object.fromEntries(session.items.map((i) => [i.company.name, i.id]));
    await recordItemOutcome(db.prisma, member, byName.Forges!, { kind: 'decision', decision: 'POE soudeurs.' });
    await recordItemOutcome(db.prisma, member, byName.Aéro!, { kind: 'pas_de_suite' });
    // Verrerie: nothing decided, nothing to tell.
    const closedAt = new Date('2026-12-08T16:00:00Z');
    await closeCommittee(db.prisma, coordinator, session.id, closedAt);
    expect((await companiesToInform(db.prisma)).items.map((i) => i.company.name).sort()).toEqual(['Aéro', 'Forges']);
    expect((await companiesToInform(db.prisma, { broughtById: capteurB.memberId })).total).toBe(0);

    const settings = { reminderDays: 7, maxReminders: 3 };
    const remind = async (at: Date) =>
      (
        await Promise.all([oweInformReminders(db.prisma, at, settings), oweInformReminders(other, at, settings)])
      ).reduce((a, b) => a + b, 0);
    expect(await remind(new Date(closedAt.getTime() + 6 * DAY))).toBe(0);
    expect(await remind(new Date(closedAt.getTime() + 7 * DAY))).toBe(1); // one message to capteurA, both companies
    expect(await remind(new Date(closedAt.getTime() + 10 * DAY))).toBe(0);
    const owed = await db.prisma.outboxMessage.findMany({ where: { kind: 'inform_reminder' } });
    expect(owed).toHaveLength(1);
    expect(owed[0]).toMatchObject({ recipient: 'UCYCAPTA', data: { memberId: capteurA.memberId } });

    // Forges informed: the next reminders name Aéro only, three in all.
    await recordCompanyInformed(db.prisma, capteurA, byName.Forges!, 'email', new Date('2026-12-16T00:00:00Z'));
    expect(await remind(new Date(closedAt.getTime() + 14 * DAY))).toBe(1);
    expect(await remind(new Date(closedAt.getTime() + 21 * DAY))).toBe(1);
    expect(await remind(new Date(closedAt.getTime() + 28 * DAY))).toBe(0);
    const items = await db.prisma.agendaItem.findMany({
      where: { id: { in: [byName.Forges!, byName.Aéro!] } },
      include: { company: true },
    });
    expect(Object.fromEntries(items.map((i) => [i.company.name, i.informReminders]))).toEqual({ Forges: 1, Aéro: 3 });
    // Still shown to the coordination after the last reminder.
    expect((await companiesToInform(db.prisma)).items.map((i) => [i.company.name, i.informReminders])).toEqual([
      ['Aéro', 3],
    ]);
  });
});
