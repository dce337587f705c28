import type { Db } from '../db.js';
import { audit } from '../audit.js';
import { companyFromReference, referenceSiret } from '../companies.js';
import { UserError, ValidationFailed } from '../errors.js';
import { can, type Actor } from '../permissions.js';
import { checkSiret, normaliseSiret } from '../../reference/siret.js';

/** A structure's programme for a year, with its targets in the order the form shows them. */
export async function getProgramme(db: Db, structureId: string, year: number) {
  return db.visitProgramme.findUnique({
    where: { structureId_year: { structureId, year } },
    include: {
      structure: { select: { id: true, name: true } },
      targets: {
        orderBy: [{ addedAt: 'asc' }, { id: 'asc' }],
        include: { company: { select: { id: true, name: true, commune: true, siret: true } } },
      },
    },
  });
}

export type Programme = NonNullable<Awaited<ReturnType<typeof getProgramme>>>;

/** Lines of pasted SIRETs: separators and blank lines ignored; each one checked. */
export function readSiretList(text: string): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const token of text
    .split(/[\n,;]+/)
    .map((t) => t.trim())
    .filter(Boolean)) {
    const check = checkSiret(token);
    if (check.ok) {
      if (!valid.includes(check.siret)) valid.push(check.siret);
    } else invalid.push(normaliseSiret(token) || token);
  }
  return { valid, invalid };
}

export interface ProgrammeInput {
  structureId: string;
  year: number;
  monthlyTarget: number;
  /**
   * The last target the form showed (targets are listed by when they were added): those up to it
   * and not kept are taken off; those after it (beyond the list, or added since — by this very
   * submission if it arrives twice) stay.
   */
  shownUpTo: { addedAt: Date; id: string } | null;
  keepTargetIds: string[];
  addCompanyIds: string[];
  /** Pasted SIRETs, one per line. */
  sirets: string;
}

export type ProgrammeField = 'monthlyTarget' | 'sirets';

/**
 * Sets a structure's programme for a year: its monthly target and its target companies. Pasted
 * SIRETs that are not valid are refused (listed on their field, nothing saved); valid ones of
 * companies the platform does not know yet are kept as SIRETs and reported.
 */
export async function setProgramme(db: Db, actor: Actor, input: ProgrammeInput, now: Date) {
  if (!can(actor, 'managePrograms')) throw new UserError('programme_forbidden');
  const { valid, invalid } = readSiretList(input.sirets);
  if (invalid.length)
    throw new ValidationFailed<ProgrammeField>([
      {
        field: 'sirets',
        code: 'sirets_invalid',
        params: { list: invalid.slice(0, 20).join(', '), count: String(invalid.length) },
      },
    ]);
  return db.$transaction(async (tx) => {
    const structure = await tx.structure.findUnique({ where: { id: input.structureId }, select: { id: true } });
    if (!structure) throw new UserError('structure_unknown');
    const programme = await tx.visitProgramme.upsert({
      where: { structureId_year: { structureId: input.structureId, year: input.year } },
      create: {
        structureId: input.structureId,
        year: input.year,
        monthlyTarget: input.monthlyTarget,
        updatedById: actor.memberId,
        createdAt: now,
      },
      update: { monthlyTarget: input.monthlyTarget, updatedById: actor.memberId },
      include: { targets: { orderBy: [{ addedAt: 'asc' }, { id: 'asc' }], select: { id: true, addedAt: true } } },
    });
    const keep = new Set(input.keepTargetIds);
    const last = input.shownUpTo;
    const shown = (t: { id: string; addedAt: Date }) =>
      last !== null &&
      (t.addedAt < last.addedAt || (t.addedAt.getTime() === last.addedAt.getTime() && t.id <= last.id));
    const removed = programme.targets.filter((t) => shown(t) && !keep.has(t.id));
    if (removed.length) await tx.programmeTarget.deleteMany({ where: { id: { in: removed.map((t) => t.id) } } });

    const bySiret = await tx.company.findMany({ where: { siret: { in: valid } }, select: { id: true, siret: true } });
    const known = new Map(bySiret.map((c) => [c.siret!, c.id]));
    // Reference establishments picked in the type-ahead (`sirene:<siret>`) become companies here.
    const picked: string[] = [];
    for (const id of input.addCompanyIds) {
      const siret = referenceSiret(id);
      picked.push(siret ? await companyFromReference(tx, actor, siret) : id);
    }
    const companyIds = [...new Set([...picked, ...known.values()])];
    const existing = await tx.company.findMany({ where: { id: { in: companyIds } }, select: { id: true } });
    const added = await tx.programmeTarget.createMany({
      data: existing.map((c) => ({ programmeId: programme.id, companyId: c.id, addedAt: now })),
      skipDuplicates: true,
    });
    const pending = valid.filter((siret) => !known.has(siret));
    const waiting = await tx.programmeTarget.createMany({
      data: pending.map((siret) => ({ programmeId: programme.id, siret, addedAt: now })),
      skipDuplicates: true,
    });
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: 'programme.set',
      entity: 'VisitProgramme',
      entityId: programme.id,
      details: { monthlyTarget: input.monthlyTarget, added: added.count + waiting.count, removed: removed.length },
    });
    const total = await tx.programmeTarget.count({ where: { programmeId: programme.id } });
    return { programmeId: programme.id, added: added.count + waiting.count, removed: removed.length, pending, total };
  });
}
