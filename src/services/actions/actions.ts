import type { ActionOrigin, ActionStatus } from '../../generated/prisma/enums.js';
import { NEXT_STATUSES, OPEN_STATUSES } from '../../domain/actions.js';
import { audit } from '../audit.js';
import { oweItemUpdate, refuseUnlessDeciding } from '../committees/committees.js';
import type { Db, Tx } from '../db.js';
import { UserError, ValidationFailed } from '../errors.js';
import { ACTION_NOTICES } from '../notices.js';
import { enqueue, type MessageLocation } from '../outbox.js';
import { can, type Actor } from '../permissions.js';
import type { ActionField, ActionInput } from './action-form.js';

export interface ActionSettings {
  /** The committee channel where each action has its message; none configured → no message. */
  committeeChannelId?: string | undefined;
}

/** The committee's members change the actions of their own structure; the coordination, all. */
export function canChangeAction(actor: Actor, action: { ownerStructureId: string }): boolean {
  return (
    can(actor, 'manageAllActions') || (can(actor, 'manageActions') && actor.structureId === action.ownerStructureId)
  );
}

/**
 * Creates an action for a company, assigned to a structure (and one of its members), with the
 * messages it owes: its message in the committee channel, and a word to its owner.
 */
export async function createAction(
  db: Db,
  actor: Actor,
  input: ActionInput,
  origin: { kind: ActionOrigin; alertId?: string | undefined; agendaItemId?: string | undefined },
  now: Date,
  settings: ActionSettings,
): Promise<{ actionId: string; created: boolean }> {
  if (!can(actor, 'manageActions')) throw new UserError('action_forbidden');
  const already = await actionBySubmissionKey(db, actor, input.submissionKey);
  if (already) return already;
  try {
    return await db.$transaction(async (tx) => {
      const item = await checkLinks(tx, input.companyId, origin);
      const errors: { field: ActionField; code: string }[] = [];
      const structure = await tx.structure.findUnique({ where: { id: input.ownerStructureId } });
      if (!structure?.active) errors.push({ field: 'ownerStructureId', code: 'structure_unknown' });
      let ownerMemberId: string | null = null;
      if (input.ownerMemberSlackId) {
        const owner = await tx.member.findUnique({ where: { slackUserId: input.ownerMemberSlackId } });
        if (!owner?.active) errors.push({ field: 'ownerMemberSlackId', code: 'owner_unknown' });
        else if (owner.structureId !== input.ownerStructureId)
          errors.push({ field: 'ownerMemberSlackId', code: 'owner_other_structure' });
        else ownerMemberId = owner.id;
      }
      if (!(await tx.company.findUnique({ where: { id: input.companyId }, select: { id: true } })))
        errors.push({ field: 'title', code: 'company_unknown' });
      if (errors.length) throw new ValidationFailed(errors);
      const action = await tx.action.create({
        data: {
          submissionKey: input.submissionKey,
          title: input.title,
          description: input.description ?? null,
          stake: input.stake ?? null,
          target: input.target,
          companyId: input.companyId,
          ownerStructureId: input.ownerStructureId,
          ownerMemberId,
          dueDate: new Date(`${input.dueDate}T00:00:00Z`),
          origin: origin.kind,
          alertId: origin.alertId ?? null,
          agendaItemId: item?.id ?? null,
          committeeId: item?.committeeId ?? null,
          createdById: actor.memberId,
          createdAt: now,
        },
      });
      const update = await tx.actionUpdate.create({
        data: {
          actionId: action.id,
          at: now,
          actorId: actor.memberId,
          kind: 'creation',
          toStatus: 'a_faire',
          toDue: action.dueDate,
        },
      });
      await audit(tx, {
        actorSlackId: actor.slackUserId,
        action: 'action.create',
        entity: 'Action',
        entityId: action.id,
      });
      await oweMessages(tx, actor, action.id, update.id, settings, true);
      // Decided in a session: the agenda item's message lists it.
      if (item) await oweItemUpdate(tx, item.id);
      return { actionId: action.id, created: true };
    });
  } catch (error) {
    // A racing delivery of the same submission saved it: that is the answer.
    // Someone else's saved action under this key is still refused (UserError), never returned.
    const saved = await actionBySubmissionKey(db, actor, input.submissionKey).catch((lookup: unknown) => {
      if (lookup instanceof UserError) throw lookup;
      return null;
    });
    if (saved) return saved;
    throw error;
  }
}

/**
 * An action's links must agree: decided on an agenda item, it is about that item's company and
 * belongs to its session, which must be taking decisions (agenda published, not closed); following
 * an alert, it is about the alert's company. Each link only with its origin. Returns the item.
 */
async function checkLinks(
  tx: Tx,
  companyId: string,
  origin: { kind: ActionOrigin; alertId?: string | undefined; agendaItemId?: string | undefined },
) {
  if (
    (origin.kind === 'comite') !== Boolean(origin.agendaItemId) ||
    (origin.kind === 'alerte') !== Boolean(origin.alertId)
  )
    throw new UserError('action_links_disagree');
  if (origin.alertId) {
    const alert = await tx.recruitmentAlert.findUnique({ where: { id: origin.alertId }, select: { companyId: true } });
    if (!alert) throw new UserError('alert_unknown');
    if (alert.companyId !== companyId) throw new UserError('action_links_disagree');
  }
  if (!origin.agendaItemId) return null;
  const item = await tx.agendaItem.findUnique({
    where: { id: origin.agendaItemId },
    select: { id: true, companyId: true, committeeId: true, committee: { select: { status: true } } },
  });
  if (!item) throw new UserError('committee_unknown');
  if (item.companyId !== companyId) throw new UserError('action_links_disagree');
  refuseUnlessDeciding(item.committee.status);
  return item;
}

/**
 * The action already saved under this submission key, if this member created it (a retry, a
 * double click). A key taken from another person's form is refused: nothing of it is returned.
 */
async function actionBySubmissionKey(
  db: Db,
  actor: Actor,
  submissionKey: string,
): Promise<{ actionId: string; created: false } | null> {
  const action = await db.action.findUnique({ where: { submissionKey }, select: { id: true, createdById: true } });
  if (!action) return null;
  if (action.createdById !== actor.memberId) throw new UserError('submission_not_yours');
  return { actionId: action.id, created: false };
}

export type ActionChange =
  | { kind: 'statut'; status: ActionStatus; note?: string | undefined }
  | { kind: 'note'; note: string }
  | { kind: 'echeance'; dueDate: string; reason: string };

/**
 * Changes an action (status, progress note, due date), if the actor may; records it in the
 * action's history and owes the updated message. A final action (done, abandoned) no longer
 * changes status; an illegal move is refused and changes nothing. With the form's
 * `submissionKey`, the same submission again (Slack's retry, a double click) records nothing more
 * and is not refused; a key another person's change used is refused.
 */
export async function changeAction(
  db: Db,
  actor: Actor,
  actionId: string,
  change: ActionChange,
  now: Date,
  settings: ActionSettings,
  submissionKey?: string,
): Promise<void> {
  if (submissionKey && (await changeBySubmissionKey(db, actor, actionId, submissionKey))) return;
  try {
    await applyChange(db, actor, actionId, change, now, settings, submissionKey);
  } catch (error) {
    // A racing delivery of the same submission recorded it (the unique key refused this one).
    if (submissionKey && (await changeBySubmissionKey(db, actor, actionId, submissionKey))) return;
    throw error;
  }
}

/** Whether this submission's change is already recorded (by this member, on this action). */
async function changeBySubmissionKey(db: Db, actor: Actor, actionId: string, submissionKey: string): Promise<boolean> {
  const update = await db.actionUpdate.findUnique({
    where: { submissionKey },
    select: { actionId: true, actorId: true },
  });
  if (!update) return false;
  if (update.actorId !== actor.memberId || update.actionId !== actionId) throw new UserError('submission_not_yours');
  return true;
}

async function applyChange(
  db: Db,
  actor: Actor,
  actionId: string,
  change: ActionChange,
  now: Date,
  settings: ActionSettings,
  submissionKey: string | undefined,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const action = await tx.action.findUnique({ where: { id: actionId } });
    if (!action) throw new UserError('action_unknown');
    if (!canChangeAction(actor, action)) throw new UserError('action_not_yours');
    if (change.kind === 'statut') {
      if (!NEXT_STATUSES[action.status].includes(change.status))
        throw new UserError('action_status', undefined, { from: action.status, to: change.status });
      // Guarded by the status read above: of two clicks at once, one wins.
      const { count } = await tx.action.updateMany({
        where: { id: actionId, status: action.status },
        data: { status: change.status, statusNote: change.note ?? null },
      });
      if (count === 0) throw new UserError('action_status', undefined, { from: action.status, to: change.status });
    } else if (change.kind === 'echeance') {
      if (OPEN_STATUSES.includes(action.status) === false) throw new UserError('action_closed');
      await tx.action.update({ where: { id: actionId }, data: { dueDate: new Date(`${change.dueDate}T00:00:00Z`) } });
    } else {
      await tx.action.update({ where: { id: actionId }, data: { updatedAt: now } });
    }
    const update = await tx.actionUpdate.create({
      data: {
        actionId,
        at: now,
        actorId: actor.memberId,
        kind: change.kind,
        submissionKey: submissionKey ?? null,
        ...(change.kind === 'statut'
          ? { fromStatus: action.status, toStatus: change.status, note: change.note ?? null }
          : {}),
        ...(change.kind === 'note' ? { note: change.note } : {}),
        ...(change.kind === 'echeance'
          ? { fromDue: action.dueDate, toDue: new Date(`${change.dueDate}T00:00:00Z`), note: change.reason }
          : {}),
      },
    });
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: `action.${change.kind}`,
      entity: 'Action',
      entityId: actionId,
    });
    await oweMessages(tx, actor, actionId, update.id, settings, false);
  });
}

async function oweMessages(
  tx: Tx,
  actor: Actor,
  actionId: string,
  updateId: string,
  settings: ActionSettings,
  first: boolean,
): Promise<void> {
  if (settings.committeeChannelId) {
    await enqueue(tx, ACTION_NOTICES.message, {
      dedupeKey: first ? actionMessageFirstPostKey(actionId) : `${actionMessageFirstPostKey(actionId)}:${updateId}`,
      recipient: settings.committeeChannelId,
      data: { actionId, update: !first },
    });
  }
  const owner = await tx.action.findUnique({
    where: { id: actionId },
    select: { ownerMember: { select: { slackUserId: true, active: true } } },
  });
  if (owner?.ownerMember?.active && owner.ownerMember.slackUserId !== actor.slackUserId) {
    await enqueue(tx, ACTION_NOTICES.news, {
      dedupeKey: `${ACTION_NOTICES.news.kind}:${updateId}`,
      recipient: owner.ownerMember.slackUserId,
      data: { actionId, updateId },
    });
  }
}

/** The key of the first post of an action's message in the committee channel: its updates wait for it. */
export const actionMessageFirstPostKey = (actionId: string) => `${ACTION_NOTICES.message.kind}:${actionId}`;

/** Where an action's message in the committee channel is, once posted (null before). */
export async function actionMessageLocation(db: Db, actionId: string): Promise<MessageLocation | null> {
  const action = await db.action.findUnique({ where: { id: actionId }, select: { channelId: true, messageTs: true } });
  return action?.channelId && action.messageTs ? { channel: action.channelId, ts: action.messageTs } : null;
}

/** Records where an action's message landed in the committee channel, so its changes update it in place. */
export async function recordActionMessagePosted(db: Db, actionId: string, where: MessageLocation): Promise<void> {
  await db.action.update({ where: { id: actionId }, data: { channelId: where.channel, messageTs: where.ts } });
}

/** Everything an action's message shows. */
export async function getAction(db: Db | Tx, actionId: string) {
  return db.action.findUnique({
    where: { id: actionId },
    include: {
      company: { select: { id: true, name: true, commune: true } },
      ownerStructure: { select: { name: true } },
      ownerMember: { select: { slackUserId: true } },
      updates: { orderBy: { at: 'desc' }, take: 1, include: { actor: { select: { slackUserId: true } } } },
    },
  });
}

export type ActionDetails = NonNullable<Awaited<ReturnType<typeof getAction>>>;

/** A member's open actions, then their structure's other open actions, the most urgent first. */
export async function listOpenActions(db: Db, actor: Actor, limit = 30) {
  const include = {
    company: { select: { id: true, name: true, commune: true } },
    ownerStructure: { select: { name: true } },
    ownerMember: { select: { slackUserId: true } },
    updates: { orderBy: { at: 'desc' as const }, take: 1, include: { actor: { select: { slackUserId: true } } } },
  };
  const open = { status: { in: [...OPEN_STATUSES] } };
  const [mine, structure] = await Promise.all([
    db.action.findMany({
      where: { ...open, ownerMemberId: actor.memberId },
      orderBy: { dueDate: 'asc' },
      take: limit,
      include,
    }),
    actor.structureId
      ? db.action.findMany({
          where: {
            ...open,
            ownerStructureId: actor.structureId,
            OR: [{ ownerMemberId: null }, { ownerMemberId: { not: actor.memberId } }],
          },
          orderBy: { dueDate: 'asc' },
          take: limit,
          include,
        })
      : Promise.resolve([]),
  ]);
  return { mine, structure };
}

/** The open actions of a member's structure, soonest due first: what they should update before a session. */
export async function structureOpenActions(db: Db, slackUserId: string, limit = 15) {
  return db.action.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, ownerStructure: { members: { some: { slackUserId } } } },
    orderBy: { dueDate: 'asc' },
    take: limit,
    select: { title: true, status: true, dueDate: true, companyId: true, company: { select: { name: true } } },
  });
}
