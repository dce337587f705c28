import { StructureKind } from '../generated/prisma/enums.js';
import { audit } from './audit.js';
import { lockFor, type Db } from './db.js';
import { UserError } from './errors.js';
import { choice } from './form-fields.js';
import type { Actor } from './permissions.js';

/** A structure's kind as a form gives it: one of the kinds the database knows. */
export const structureKind = choice(StructureKind);

export interface StructureInput {
  id?: string | undefined;
  name: string;
  kind: StructureKind;
  active: boolean;
}

/** Two names are the same structure when they differ only by case and spacing. */
const sameNameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr');

export async function saveStructure(db: Db, actor: Actor, input: StructureInput) {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) throw new UserError('required', 'name');
  return db.$transaction(async (tx) => {
    // One structure save at a time: the database only enforces a case-sensitive unique name, so
    // two saves at once (a double click, two admins) could otherwise both pass the check below.
    await lockFor(tx, 'structureSave');
    if (input.id && !(await tx.structure.findUnique({ where: { id: input.id }, select: { id: true } }))) {
      throw new UserError('structure_unknown', 'name');
    }
    // Compared here rather than with `mode: 'insensitive'`, which Prisma turns into ILIKE: a name
    // holding « _ » or « % » would then match other names. Structures are a few dozen rows.
    const key = sameNameKey(name);
    const others = await tx.structure.findMany({
      where: input.id ? { NOT: { id: input.id } } : {},
      select: { name: true },
    });
    if (others.some((other) => sameNameKey(other.name) === key)) throw new UserError('structure_name_taken', 'name');
    const data = { name, kind: input.kind, active: input.active };
    const structure = input.id
      ? await tx.structure.update({ where: { id: input.id }, data })
      : await tx.structure.create({ data });
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: input.id ? 'structure.update' : 'structure.create',
      entity: 'Structure',
      entityId: structure.id,
      details: data,
    });
    return structure;
  });
}

const WITH_MEMBER_COUNT = { _count: { select: { members: true } } } as const;

export async function listStructures(db: Db, options: { activeOnly?: boolean } = {}) {
  return db.structure.findMany({
    where: options.activeOnly ? { active: true } : {},
    orderBy: { name: 'asc' },
    include: WITH_MEMBER_COUNT,
  });
}

/** One structure with its member count, as its form edits it; null when unknown. */
export async function getStructure(db: Db, structureId: string) {
  return db.structure.findUnique({ where: { id: structureId }, include: WITH_MEMBER_COUNT });
}

/** A structure's id and name, for a heading; null when unknown. */
export async function getStructureName(db: Db, structureId: string) {
  return db.structure.findUnique({ where: { id: structureId }, select: { id: true, name: true } });
}
