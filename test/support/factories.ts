import type { Role, StructureKind } from '../../src/generated/prisma/enums.js';
import { searchKey } from '../../src/reference/text.js';
import { findActor } from '../../src/services/members.js';
import type { Db } from '../../src/services/db.js';

/** Test data, realistic and fictional. SIRETs are Luhn-valid. */
export const SIRETS = {
  mecanique: '73282932000074',
  other: '44306184100047',
  unknownValid: '12345678200010',
  badChecksum: '73282932000075',
} as const;

let counter = 0;

export async function makeStructure(db: Db, name = `Structure ${++counter}`, kind: StructureKind = 'cci') {
  return db.structure.create({ data: { name, kind } });
}

export async function makeMember(db: Db, slackUserId: string, roles: Role[], structureId: string | null = null) {
  await db.member.create({
    data: { slackUserId, structureId, roles: { create: roles.map((role) => ({ role })) } },
  });
  return (await findActor(db, slackUserId))!;
}

export async function makeCompany(
  db: Db,
  data: { name: string; siret?: string | null; commune?: string; nafCode?: string; headcountBand?: string } = {
    name: 'Mécanique du Val',
  },
) {
  return db.company.create({
    data: {
      name: data.name,
      searchName: searchKey(data.name),
      siret: data.siret ?? null,
      siren: data.siret ? data.siret.slice(0, 9) : null,
      nafCode: data.nafCode ?? '25.62B',
      sectorFamily: 'industrie',
      headcountBand: data.headcountBand ?? '12',
      commune: data.commune ?? 'Vierzon',
    },
  });
}
