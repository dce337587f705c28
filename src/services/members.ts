import { Role } from '../generated/prisma/enums.js';
import { audit } from './audit.js';
import { lockFor, type Db, type Tx } from './db.js';
import { UserError } from './errors.js';
import { choice } from './form-fields.js';
import type { Actor } from './permissions.js';

/**
 * The active member behind a Slack user, with their roles; null for anyone unknown or deactivated.
 * Every Slack request asks it before anything else, so it is one SQL round trip, not two.
 */
export async function findActor(db: Db, slackUserId: string): Promise<Actor | null> {
  const rows = await db.$queryRaw<{ id: string; structureId: string | null; roles: Role[] }[]>`
    SELECT m.id, m."structureId", COALESCE(array_agg(r.role::text) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
      FROM "Member" m LEFT JOIN "MemberRole" r ON r."memberId" = m.id
     WHERE m."slackUserId" = ${slackUserId} AND m.active
     GROUP BY m.id`;
  const member = rows[0];
  if (!member) return null;
  return { memberId: member.id, slackUserId, structureId: member.structureId, roles: new Set(member.roles) };
}

const lockMembership = (tx: Tx) => lockFor(tx, 'membership');

/** Who is who, for authorising requests: findActor with a short memory. */
export interface ActorDirectory {
  find(slackUserId: string): Promise<Actor | null>;
  /** Call after changing a member, so this instance sees the change at once. */
  forget(slackUserId: string): void;
}

/**
 * Every Slack request starts by asking who the user is, and one person's requests come in bursts
 * (a command, a keystroke per type-ahead suggestion, a submission). Answers are kept `ttlMs`:
 * this instance forgets a member as soon as it changes them; other instances see a change
 * within `ttlMs` at most.
 */
export function createActorDirectory(db: Db, ttlMs = 5_000, clock: () => number = Date.now): ActorDirectory {
  const known = new Map<string, { actor: Actor | null; until: number }>();
  return {
    async find(slackUserId) {
      const now = clock();
      const hit = known.get(slackUserId);
      if (hit && hit.until > now) return hit.actor;
      const actor = await findActor(db, slackUserId);
      if (known.size >= 10_000) for (const [id, entry] of known) if (entry.until <= now) known.delete(id);
      known.set(slackUserId, { actor, until: now + ttlMs });
      return actor;
    },
    forget(slackUserId) {
      known.delete(slackUserId);
    },
  };
}

/**
 * Makes sure the administrators named in configuration exist and hold the admin role, so a
 * new platform can be set up from Slack. Adds, never removes: demoting is done in Slack.
 */
export async function bootstrapAdmins(db: Db, slackUserIds: readonly string[]): Promise<void> {
  for (const slackUserId of slackUserIds) {
    await db.$transaction(async (tx) => {
      // Several instances may start at once and bootstrap the same people.
      await lockMembership(tx);
      const member = await tx.member.upsert({
        where: { slackUserId },
        create: { slackUserId },
        update: {},
        select: { id: true, active: true, roles: { where: { role: 'admin' } } },
      });
      if (member.roles.length > 0 && member.active) return;
      await tx.memberRole.upsert({
        where: { memberId_role: { memberId: member.id, role: 'admin' } },
        create: { memberId: member.id, role: 'admin' },
        update: {},
      });
      await tx.member.update({ where: { id: member.id }, data: { active: true } });
      await audit(tx, { actorSlackId: null, action: 'member.bootstrap_admin', entity: 'Member', entityId: member.id });
    });
  }
}

/** A role as a form gives it: one of the roles the database knows. */
export const memberRole = choice(Role);

export interface MemberInput {
  slackUserId: string;
  structureId: string | null;
  roles: Role[];
  active: boolean;
}

/** Creates or updates a member; the roles given replace the member's roles. */
export async function saveMember(db: Db, actor: Actor, input: MemberInput) {
  if (input.roles.length === 0) throw new UserError('roles_missing', 'roles');
  if (input.roles.includes('capteur') && !input.structureId) {
    throw new UserError('capteur_without_structure', 'structure');
  }
  return db.$transaction(async (tx) => {
    // Saves run one at a time, so two admins demoting each other at once cannot both see the
    // other one as the remaining admin.
    await lockMembership(tx);
    if (input.structureId) {
      const structure = await tx.structure.findUnique({ where: { id: input.structureId } });
      if (!structure) throw new UserError('structure_unknown', 'structure');
    }
    const member = await tx.member.upsert({
      where: { slackUserId: input.slackUserId },
      create: { slackUserId: input.slackUserId, structureId: input.structureId, active: input.active },
      update: { structureId: input.structureId, active: input.active },
    });
    await tx.memberRole.deleteMany({ where: { memberId: member.id, role: { notIn: input.roles } } });
    await tx.memberRole.createMany({
      data: input.roles.map((role) => ({ memberId: member.id, role })),
      skipDuplicates: true,
    });
    const activeAdmins = await tx.member.count({ where: { active: true, roles: { some: { role: 'admin' } } } });
    if (activeAdmins === 0) throw new UserError('last_admin', 'roles');
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: 'member.save',
      entity: 'Member',
      entityId: member.id,
      details: {
        slackUserId: input.slackUserId,
        structureId: input.structureId,
        roles: input.roles,
        active: input.active,
      },
    });
    return member;
  });
}

export async function getMemberSettings(db: Db, slackUserId: string) {
  return db.member.findUnique({
    where: { slackUserId },
    select: { structureId: true, active: true, roles: { select: { role: true } } },
  });
}

/** Remembers how Slack names a member, for lists and exports (mentions render names themselves). */
export async function rememberDisplayName(db: Db, slackUserId: string, displayName: string): Promise<void> {
  await db.member.updateMany({ where: { slackUserId, NOT: { displayName } }, data: { displayName } });
}

export async function listMembers(db: Db) {
  return db.member.findMany({
    orderBy: [{ active: 'desc' }, { createdAt: 'asc' }],
    select: {
      slackUserId: true,
      active: true,
      structure: { select: { name: true } },
      roles: { select: { role: true } },
    },
  });
}
