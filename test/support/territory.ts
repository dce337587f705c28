import { randomUUID } from 'node:crypto';
import type { Stake } from '../../src/generated/prisma/enums.js';
import { searchKey } from '../../src/reference/text.js';
import { sectorFamilyOf } from '../../src/reference/sector-family.js';
import type { Db } from '../../src/services/db.js';
import type { Actor } from '../../src/services/permissions.js';

/** A company as the report reads it: its sector family follows its NAF code. */
export async function makeTerritoryCompany(db: Db, data: { name: string; nafCode: string; headcountBand: string; commune: string }) {
  return db.company.create({
    data: { ...data, searchName: searchKey(data.name), sectorFamily: sectorFamilyOf(data.nafCode) },
  });
}

/** A visit with its stakes (and hiring needs), written straight to the database. */
export async function makeStakedVisit(db: Db, capteur: Actor, companyId: string, date: string, stakes: { stake: Stake; priority: 'haute' | 'moyenne' | 'basse' }[], hiring: { jobFamily: string; count: number }[] = []) {
  return db.visit.create({
    data: {
      submissionKey: randomUUID(),
      companyId,
      capteurId: capteur.memberId,
      structureId: capteur.structureId,
      visitDate: new Date(`${date}T00:00:00Z`),
      channel: 'sur_site',
      needs: 'Besoins notés.',
      diagnostic: 'Diagnostic noté.',
      consentToShare: true,
      stakes: { create: stakes },
      hiringNeeds: { create: hiring },
    },
  });
}
