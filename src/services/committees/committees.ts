import { randomUUID } from 'node:crypto';
import type { CommitteeStatus } from '../../generated/prisma/enums.js';
import { audit } from '../audit.js';
import { lockFor, type Db, type Tx } from '../db.js';
import { UserError } from '../errors.js';
import { COMMITTEE_NOTICES } from '../notices.js';
import { enqueue, type MessageLocation } from '../outbox.js';
import { can, type Actor } from '../permissions.js';
import { shiftLocalDays } from '../../time.js';
import type { OffDay } from '../../working-days.js';

/** Two sessions drafted at once would take the same visits: drafting is one at a time. */
export const lockAgendas = (tx: Tx) => lockFor(tx, 'agendaDrafting');

export const INFORMED_HOW = ['email', 'telephone', 'visite'] as const;
export type InformedHow = (typeof INFORMED_HOW)[number];

export interface CommitteeSettings {
  /** Days before a session when its agenda is published by itself (if not done by hand). */
  agendaDaysBefore: number;
  /** Days before a session when each member is reminded to read the agenda and update their actions. */
  reminderDaysBefore: number;
  /** Local days: J-7 is 7 calendar days before, at the session's local time, across DST. */
  timeZone: string;
}

/** The platform's calendar, as planning reads it: the day off an instant falls on, if any. */
export interface PlanningCalendar {
  offDay(instant: Date): OffDay | null;
}

/**
 * A session on a public holiday or a weekend day is planned only once the person confirmed that
 * very day (`confirmedOffDay`, its local date): otherwise refused on the date field, with the day
 * (its date, weekday and holiday name) for the form to ask.
 */
function checkOffDay(calendar: PlanningCalendar | undefined, scheduledAt: Date, confirmedOffDay: string | undefined) {
  const off = calendar?.offDay(scheduledAt);
  if (!off || off.date === confirmedOffDay) return;
  throw new UserError('committee_off_day', 'scheduledAt', {
    date: off.date,
    weekday: String(off.weekday),
    ...(off.holiday !== null ? { holiday: off.holiday } : {}),
  });
}

/**
 * Plans a session: when, and in which channel it is run. With the form's `submissionKey`, the
 * same submission again (Slack's retry, a double click) returns the session it planned; a key
 * another person's form used is refused.
 */
export async function planCommittee(
  db: Db,
  actor: Actor,
  input: {
    scheduledAt: Date;
    channelId: string;
    submissionKey?: string | undefined;
    confirmedOffDay?: string | undefined;
  },
  now: Date,
  calendar?: PlanningCalendar,
) {
  if (!can(actor, 'runCommittees')) throw new UserError('committee_forbidden');
  const key = input.submissionKey;
  const already = key ? await committeeBySubmissionKey(db, actor, key) : null;
  if (already) return already;
  if (input.scheduledAt <= now) throw new UserError('committee_in_past', 'scheduledAt');
  checkOffDay(calendar, input.scheduledAt, input.confirmedOffDay);
  try {
    return await db.$transaction(async (tx) => {
      const committee = await tx.committee.create({
        data: {
          scheduledAt: input.scheduledAt,
          channelId: input.channelId,
          createdById: actor.memberId,
          createdAt: now,
          submissionKey: key ?? null,
        },
      });
      await audit(tx, {
        actorSlackId: actor.slackUserId,
        action: 'committee.plan',
        entity: 'Committee',
        entityId: committee.id,
      });
      await refreshAgenda(tx, committee.id);
      return committee;
    });
  } catch (error) {
    // A racing delivery of the same submission planned it: that is the answer.
    const saved = key ? await committeeBySubmissionKey(db, actor, key) : null;
    if (saved) return saved;
    throw error;
  }
}

/** The session planned from this form, if this member planned it; refused if someone else did. */
async function committeeBySubmissionKey(db: Db, actor: Actor, submissionKey: string) {
  const committee = await db.committee.findUnique({ where: { submissionKey } });
  if (!committee) return null;
  if (committee.createdById !== actor.memberId) throw new UserError('submission_not_yours');
  return committee;
}

/** Red-flag visits older than this before a platform's first session are not drafted. */
const FIRST_SESSION_LOOKBACK_DAYS = 92;

/**
 * Puts on the session's agenda every company with a visit that no agenda has taken yet, on or
 * before the session, and either marked « for the next committee », raising a red flag since
 * the previous session, or of a company postponed from an earlier session: one item per company, with its visits, brought by the capteur of its
 * latest visit; red flags first. Companies the coordination took off this agenda stay off.
 */
export async function refreshAgenda(tx: Tx, committeeId: string): Promise<number> {
  await lockAgendas(tx);
  const committee = await tx.committee.findUniqueOrThrow({
    where: { id: committeeId },
    include: { items: { select: { companyId: true, rank: true } }, exclusions: { select: { companyId: true } } },
  });
  const previous = await tx.committee.findFirst({
    where: { scheduledAt: { lt: committee.scheduledAt } },
    orderBy: { scheduledAt: 'desc' },
    select: { scheduledAt: true },
  });
  const flaggedSince =
    previous?.scheduledAt ?? new Date(committee.scheduledAt.getTime() - FIRST_SESSION_LOOKBACK_DAYS * 86_400_000);
  const visits = await tx.visit.findMany({
    where: {
      visitDate: { lte: committee.scheduledAt },
      agendaItems: { none: {} },
      companyId: { notIn: committee.exclusions.map((e) => e.companyId) },
      // A company whose data were erased is no longer brought to the committee.
      company: { erasedAt: null },
      OR: [
        { toCommitteeAgenda: true },
        { redFlags: { some: {} }, visitDate: { gt: flaggedSince } },
        // Taken off an earlier session's agenda: postponed to this one.
        { company: { agendaExclusions: { some: { committee: { scheduledAt: { lt: committee.scheduledAt } } } } } },
      ],
    },
    orderBy: [{ visitDate: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, companyId: true, capteurId: true, redFlags: { select: { flag: true } } },
  });
  const byCompany = new Map<string, typeof visits>();
  for (const v of visits) byCompany.set(v.companyId, [...(byCompany.get(v.companyId) ?? []), v]);
  const flagged = (vs: typeof visits) => (vs.some((v) => v.redFlags.length > 0) ? 0 : 1);
  const companies = [...byCompany.entries()].sort(([, a], [, b]) => flagged(a) - flagged(b));
  let rank = committee.items.reduce((max, item) => Math.max(max, item.rank), 0);
  let added = 0;
  for (const [companyId, companyVisits] of companies) {
    const existing = await tx.agendaItem.findUnique({ where: { committeeId_companyId: { committeeId, companyId } } });
    const item =
      existing ??
      (await tx.agendaItem.create({
        data: { committeeId, companyId, rank: ++rank, broughtById: companyVisits.at(-1)!.capteurId },
      }));
    if (!existing) added++;
    await tx.agendaItemVisit.createMany({
      data: companyVisits.map((v) => ({ agendaItemId: item.id, visitId: v.id })),
      skipDuplicates: true,
    });
  }
  return added;
}

/**
 * Publishes the agenda in the session's channel: its header, then one message per company.
 * Done once: a second publication (a click and the J-7 job, two instances) changes nothing.
 */
export async function publishAgenda(
  db: Db,
  actor: Actor | null,
  committeeId: string,
  now: Date,
): Promise<{ published: boolean; items: number }> {
  if (actor && !can(actor, 'runCommittees')) throw new UserError('committee_forbidden');
  return db.$transaction(async (tx) => {
    const committee = await tx.committee.findUnique({ where: { id: committeeId } });
    if (!committee) throw new UserError('committee_unknown');
    if (committee.status !== 'planned') return { published: false, items: 0 };
    // Claimed first: of two publications at once, the other waits on this row, then finds it published.
    const { count } = await tx.committee.updateMany({
      where: { id: committeeId, status: 'planned' },
      data: { status: 'agenda_published', agendaPublishedAt: now },
    });
    if (count === 0) return { published: false, items: 0 };
    await refreshAgenda(tx, committeeId);
    const items = await tx.agendaItem.findMany({
      where: { committeeId },
      orderBy: { rank: 'asc' },
      select: { id: true },
    });
    await enqueue(tx, COMMITTEE_NOTICES.agenda, {
      dedupeKey: `${COMMITTEE_NOTICES.agenda.kind}:${committeeId}`,
      recipient: committee.channelId,
      data: { committeeId },
    });
    for (const item of items) {
      await enqueue(tx, COMMITTEE_NOTICES.item, {
        dedupeKey: agendaItemFirstPostKey(item.id),
        recipient: committee.channelId,
        data: { agendaItemId: item.id },
      });
    }
    await audit(tx, {
      actorSlackId: actor?.slackUserId ?? null,
      action: 'committee.publish_agenda',
      entity: 'Committee',
      entityId: committeeId,
      details: { items: items.length },
    });
    return { published: true, items: items.length };
  });
}

/** Sessions whose agenda is due (J-`agendaDaysBefore`) and not yet published: the job publishes them. */
export async function publishDueAgendas(db: Db, now: Date, settings: CommitteeSettings): Promise<number> {
  // A day of margin for the DST hour, then the exact local instant.
  const candidates = await db.committee.findMany({
    where: {
      status: 'planned',
      scheduledAt: { lte: new Date(now.getTime() + (settings.agendaDaysBefore + 1) * 86_400_000) },
    },
    select: { id: true, scheduledAt: true },
  });
  const due = candidates.filter(
    (c) => shiftLocalDays(c.scheduledAt, -settings.agendaDaysBefore, settings.timeZone) <= now,
  );
  let published = 0;
  for (const { id } of due) if ((await publishAgenda(db, null, id, now)).published) published++;
  return published;
}

/** Sessions whose time has come after their agenda was published: now held (in the meeting). */
export async function holdDueSessions(db: Db, now: Date): Promise<number> {
  const { count } = await db.committee.updateMany({
    where: { status: 'agenda_published', scheduledAt: { lte: now } },
    data: { status: 'held' },
  });
  return count;
}

/**
 * Moves a session not yet published (another date, another channel). Once the agenda is out,
 * its messages are in the channel and the members reminded: it no longer moves.
 */
export async function rescheduleCommittee(
  db: Db,
  actor: Actor,
  committeeId: string,
  input: { scheduledAt: Date; channelId: string; confirmedOffDay?: string | undefined },
  now: Date,
  calendar?: PlanningCalendar,
) {
  if (!can(actor, 'runCommittees')) throw new UserError('committee_forbidden');
  if (input.scheduledAt <= now) throw new UserError('committee_in_past', 'scheduledAt');
  // A session kept at its time (only its channel changes) is not asked about its day again.
  const current = await db.committee.findUnique({ where: { id: committeeId }, select: { scheduledAt: true } });
  if (current?.scheduledAt.getTime() !== input.scheduledAt.getTime())
    checkOffDay(calendar, input.scheduledAt, input.confirmedOffDay);
  const data = { scheduledAt: input.scheduledAt, channelId: input.channelId };
  return db.$transaction(async (tx) => {
    const { count } = await tx.committee.updateMany({ where: { id: committeeId, status: 'planned' }, data });
    if (count === 0)
      throw new UserError(
        (await tx.committee.count({ where: { id: committeeId } })) ? 'agenda_already_published' : 'committee_unknown',
      );
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: 'committee.reschedule',
      entity: 'Committee',
      entityId: committeeId,
      details: { scheduledAt: input.scheduledAt.toISOString() },
    });
    // A later date may take in visits filed since.
    await refreshAgenda(tx, committeeId);
    return tx.committee.findUniqueOrThrow({ where: { id: committeeId } });
  });
}

/** Cancels a session not yet published: its companies go back to the next one. */
export async function cancelCommittee(db: Db, actor: Actor, committeeId: string): Promise<void> {
  if (!can(actor, 'runCommittees')) throw new UserError('committee_forbidden');
  await db.$transaction(async (tx) => {
    const { count } = await tx.committee.deleteMany({ where: { id: committeeId, status: 'planned' } });
    if (count === 0)
      throw new UserError(
        (await tx.committee.count({ where: { id: committeeId } })) ? 'agenda_already_published' : 'committee_unknown',
      );
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: 'committee.cancel',
      entity: 'Committee',
      entityId: committeeId,
    });
  });
}

/**
 * The open actions the committee reviews at a session: due by then, or blocked. Shown on its
 * agenda; each has its own message with its buttons in the channel.
 */
export async function actionsForReview(db: Db, scheduledAt: Date, limit = 20) {
  const where = {
    OR: [
      { status: { in: ['a_faire' as const, 'en_cours' as const] }, dueDate: { lte: scheduledAt } },
      { status: 'bloquee' as const },
    ],
  };
  const [total, actions] = await Promise.all([
    db.action.count({ where }),
    db.action.findMany({
      where,
      orderBy: [{ dueDate: 'asc' }, { createdAt: 'asc' }],
      take: limit,
      select: {
        title: true,
        status: true,
        dueDate: true,
        companyId: true,
        company: { select: { name: true } },
        ownerStructure: { select: { name: true } },
      },
    }),
  ]);
  return { total, actions };
}

export type ActionsForReview = Awaited<ReturnType<typeof actionsForReview>>;

export async function listCommittees(db: Db, now: Date) {
  return db.committee.findMany({
    where: {
      OR: [
        { scheduledAt: { gte: new Date(now.getTime() - 30 * 86_400_000) } },
        { status: { in: ['planned', 'agenda_published', 'held'] } },
      ],
    },
    orderBy: { scheduledAt: 'asc' },
    take: 10,
    include: { _count: { select: { items: true } } },
  });
}

/** The next session not yet closed (the one in progress first), for the App Home. */
export async function nextCommittee(db: Db, now: Date) {
  const committee = await db.committee.findFirst({
    where: { status: { not: 'closed' }, scheduledAt: { gte: new Date(now.getTime() - 86_400_000) } },
    orderBy: { scheduledAt: 'asc' },
    select: {
      scheduledAt: true,
      channelId: true,
      status: true,
      agendaPermalink: true,
      _count: { select: { items: true } },
    },
  });
  return (
    committee && {
      scheduledAt: committee.scheduledAt,
      channelId: committee.channelId,
      status: committee.status,
      agendaPermalink: committee.agendaPermalink,
      items: committee._count.items,
    }
  );
}

export type CommitteeSummary = Awaited<ReturnType<typeof listCommittees>>[number];

/** The channel of the latest session planned: where the next one is proposed. */
export async function latestCommitteeChannel(db: Db): Promise<string | undefined> {
  const last = await db.committee.findFirst({ orderBy: { createdAt: 'desc' }, select: { channelId: true } });
  return last?.channelId;
}

/** How many companies a session's agenda holds. */
export async function countAgendaItems(db: Db, committeeId: string): Promise<number> {
  return db.agendaItem.count({ where: { committeeId } });
}

/** A session with its agenda, for the header message. */
export async function getCommittee(db: Db, committeeId: string) {
  return db.committee.findUnique({
    where: { id: committeeId },
    include: { items: { orderBy: { rank: 'asc' }, include: { company: { select: { name: true, commune: true } } } } },
  });
}

export type CommitteeDetails = NonNullable<Awaited<ReturnType<typeof getCommittee>>>;

/** One agenda item with everything its message shows: the company and the visits that bring it. */
export async function getAgendaItem(db: Db, agendaItemId: string) {
  return db.agendaItem.findUnique({
    where: { id: agendaItemId },
    include: {
      committee: { select: { scheduledAt: true, status: true } },
      actions: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, title: true, status: true, dueDate: true, ownerStructure: { select: { name: true } } },
      },
      company: true,
      broughtBy: { select: { slackUserId: true, structure: { select: { name: true } } } },
      visits: {
        include: {
          visit: {
            include: {
              stakes: true,
              redFlags: true,
              structure: { select: { name: true } },
              capteur: { select: { slackUserId: true } },
            },
          },
        },
      },
    },
  });
}

export type AgendaItemDetails = NonNullable<Awaited<ReturnType<typeof getAgendaItem>>>;

/** The key of the first post of an agenda item's message: its updates wait for it. */
export const agendaItemFirstPostKey = (agendaItemId: string) => `${COMMITTEE_NOTICES.item.kind}:${agendaItemId}`;

/** Where an agenda item's message is in the committee channel, once posted (null before). */
export async function agendaItemMessageLocation(db: Db, agendaItemId: string): Promise<MessageLocation | null> {
  const item = await db.agendaItem.findUnique({
    where: { id: agendaItemId },
    select: { channelId: true, messageTs: true },
  });
  return item?.channelId && item.messageTs ? { channel: item.channelId, ts: item.messageTs } : null;
}

/** Records where an agenda item's message landed: it is updated in place with what the committee decides. */
export async function recordAgendaItemPosted(db: Db, agendaItemId: string, where: MessageLocation): Promise<void> {
  await db.agendaItem.update({ where: { id: agendaItemId }, data: { channelId: where.channel, messageTs: where.ts } });
}

/** Records the link of a session's agenda once posted: the reminders, the App Home and /comite point to it. */
export async function recordAgendaPermalink(db: Db, committeeId: string, permalink: string): Promise<void> {
  await db.committee.update({ where: { id: committeeId }, data: { agendaPermalink: permalink } });
}

/** An agenda item with its company's name, for the forms its buttons open; null when unknown. */
export async function getAgendaItemWithCompany(db: Db, agendaItemId: string) {
  return db.agendaItem.findUnique({
    where: { id: agendaItemId },
    include: { company: { select: { id: true, name: true } } },
  });
}

/** Owes an update of an agenda item's message (after a decision, an action): each change its own. */
export async function oweItemUpdate(tx: Tx, agendaItemId: string, evenIfClosed = false): Promise<void> {
  const item = await tx.agendaItem.findUnique({
    where: { id: agendaItemId },
    select: { committee: { select: { channelId: true, status: true } } },
  });
  if (!item || item.committee.status === 'planned' || (item.committee.status === 'closed' && !evenIfClosed)) return;
  await enqueue(tx, COMMITTEE_NOTICES.item, {
    dedupeKey: `${agendaItemFirstPostKey(agendaItemId)}:${randomUUID()}`,
    recipient: item.committee.channelId,
    data: { agendaItemId, update: true },
  });
}

/** A session takes decisions (outcomes, actions on its items) once its agenda is published, until it is closed. */
export const DECIDING_STATUSES: readonly CommitteeStatus[] = ['agenda_published', 'held'];

/** Refuses a decision on a session whose agenda is not published yet, or that is closed. */
export function refuseUnlessDeciding(status: CommitteeStatus): void {
  if (status === 'planned') throw new UserError('committee_not_published');
  if (status === 'closed') throw new UserError('committee_closed');
}

export type ItemOutcome = { kind: 'decision'; decision: string } | { kind: 'pas_de_suite' };

/**
 * Records what the committee decided for a company on its agenda: a decision (its text), or no
 * follow-up. The item's message in the channel is updated in place.
 */
export async function recordItemOutcome(
  db: Db,
  actor: Actor,
  agendaItemId: string,
  outcome: ItemOutcome,
): Promise<void> {
  if (!can(actor, 'followCommittees')) throw new UserError('committee_member_only');
  await db.$transaction(async (tx) => {
    const item = await tx.agendaItem.findUnique({
      where: { id: agendaItemId },
      include: { committee: { select: { status: true } } },
    });
    if (!item) throw new UserError('committee_unknown');
    refuseUnlessDeciding(item.committee.status);
    // Guarded by the session's status at the write too: a session closed meanwhile is not written to.
    const { count } = await tx.agendaItem.updateMany({
      where: { id: agendaItemId, committee: { status: { in: [...DECIDING_STATUSES] } } },
      data:
        outcome.kind === 'decision'
          ? { decision: outcome.decision, noFollowUp: false }
          : { decision: null, noFollowUp: true },
    });
    if (count === 0) throw new UserError('committee_closed');
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: `committee.item_${outcome.kind}`,
      entity: 'AgendaItem',
      entityId: agendaItemId,
    });
    await oweItemUpdate(tx, agendaItemId);
  });
}

/**
 * Closes a session: its summary goes to the channel, each item's message loses its buttons, and
 * each company that was decided upon is owed a word: the capteur who brought it gets the
 * decisions as a ready-to-send text. Done once.
 */
export async function closeCommittee(
  db: Db,
  actor: Actor,
  committeeId: string,
  now: Date,
): Promise<{ closed: boolean }> {
  if (!can(actor, 'runCommittees')) throw new UserError('committee_forbidden');
  return db.$transaction(async (tx) => {
    const committee = await tx.committee.findUnique({
      where: { id: committeeId },
      include: {
        items: {
          include: {
            broughtBy: { select: { slackUserId: true, active: true } },
            _count: { select: { actions: true } },
          },
        },
      },
    });
    if (!committee) throw new UserError('committee_unknown');
    const { count } = await tx.committee.updateMany({
      where: { id: committeeId, status: { in: ['agenda_published', 'held'] } },
      data: { status: 'closed', closedAt: now },
    });
    if (count === 0) return { closed: false };
    await enqueue(tx, COMMITTEE_NOTICES.summary, {
      dedupeKey: `${COMMITTEE_NOTICES.summary.kind}:${committeeId}`,
      recipient: committee.channelId,
      data: { committeeId },
    });
    for (const item of committee.items) {
      await oweItemUpdate(tx, item.id, true);
      const decided = item.decision !== null || item.noFollowUp || item._count.actions > 0;
      if (decided && item.broughtBy?.active) {
        await enqueue(tx, COMMITTEE_NOTICES.inform, {
          dedupeKey: `${COMMITTEE_NOTICES.inform.kind}:${item.id}`,
          recipient: item.broughtBy.slackUserId,
          data: { agendaItemId: item.id },
        });
      }
    }
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: 'committee.close',
      entity: 'Committee',
      entityId: committeeId,
    });
    return { closed: true };
  });
}

/** The company was told of the decisions: how and when. By the capteur who brought it, or the coordination. */
export async function recordCompanyInformed(
  db: Db,
  actor: Actor,
  agendaItemId: string,
  how: InformedHow,
  on: Date,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const item = await tx.agendaItem.findUnique({ where: { id: agendaItemId }, select: { broughtById: true } });
    if (!item) throw new UserError('committee_unknown');
    if (item.broughtById !== actor.memberId && !can(actor, 'runCommittees')) throw new UserError('inform_not_yours');
    await tx.agendaItem.update({ where: { id: agendaItemId }, data: { informedAt: on, informedHow: how } });
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: 'committee.company_informed',
      entity: 'AgendaItem',
      entityId: agendaItemId,
      details: { how },
    });
    await oweItemUpdate(tx, agendaItemId, true);
  });
}

/** A closed session with its items, decisions and actions: its summary. */
export async function getCommitteeSummary(db: Db, committeeId: string) {
  return db.committee.findUnique({
    where: { id: committeeId },
    include: {
      items: {
        orderBy: { rank: 'asc' },
        include: {
          company: { select: { name: true } },
          actions: {
            orderBy: { dueDate: 'asc' },
            select: {
              title: true,
              dueDate: true,
              ownerStructure: { select: { name: true } },
              ownerMember: { select: { slackUserId: true } },
            },
          },
        },
      },
    },
  });
}

export type CommitteeSummaryDetails = NonNullable<Awaited<ReturnType<typeof getCommitteeSummary>>>;

/**
 * The reminder before each published session (J-`reminderDaysBefore`), to every committee member:
 * once per member and session (its row), whatever the number of runs and instances.
 */
export async function oweCommitteeReminders(db: Db, now: Date, settings: CommitteeSettings): Promise<number> {
  const candidates = await db.committee.findMany({
    where: {
      status: 'agenda_published',
      scheduledAt: { gt: now, lte: new Date(now.getTime() + (settings.reminderDaysBefore + 1) * 86_400_000) },
    },
    select: { id: true, scheduledAt: true },
  });
  const sessions = candidates.filter(
    (c) => shiftLocalDays(c.scheduledAt, -settings.reminderDaysBefore, settings.timeZone) <= now,
  );
  if (sessions.length === 0) return 0;
  const members = await db.member.findMany({
    where: { active: true, roles: { some: { role: 'comite' } } },
    select: { slackUserId: true },
  });
  let owed = 0;
  for (const { id: committeeId } of sessions) {
    for (const { slackUserId } of members) {
      const recorded = await db.$transaction(async (tx) => {
        const { count } = await tx.committeeReminder.createMany({
          data: [{ committeeId, slackUserId, at: now }],
          skipDuplicates: true,
        });
        if (count === 0) return false;
        await enqueue(tx, COMMITTEE_NOTICES.reminder, {
          dedupeKey: `${COMMITTEE_NOTICES.reminder.kind}:${committeeId}:${slackUserId}`,
          recipient: slackUserId,
          data: { committeeId, slackUserId },
        });
        return true;
      });
      if (recorded) owed++;
    }
  }
  return owed;
}
