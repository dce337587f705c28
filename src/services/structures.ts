import type { StructureKind } from '../generated/prisma/enums.js';
import { audit } from './audit.js';
import type { Db } from './db.js';
import { UserError } from './errors.js';
import type { Actor } from './permissions.js';

export interface StructureInput {
  id?: string | undefined;
  name: string;
  kind: StructureKind;
  active: boolean;
}

export async function saveStructure(db: Db, actor: Actor, input: StructureInput) {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) throw new UserError('required', 'name');
  return db.$transaction(async (tx) => {
    const sameName = await tx.structure.findFirst({
      where: { name: { equals: name, mode: 'insensitive' }, ...(input.id ? { NOT: { id: input.id } } : {}) },
    });
    if (sameName) throw new UserError('structure_name_taken', 'name');
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

export async function listStructures(db: Db, options: { activeOnly?: boolean } = {}) {
  return db.structure.findMany({
    where: options.activeOnly ? { active: true } : {},
    orderBy: { name: 'asc' },
    include: { _count: { select: { members: true } } },
  });
}
