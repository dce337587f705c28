import { searchKey } from '../../src/reference/text.js';
import { sectorFamilyOf } from '../../src/reference/sector-family.js';
import type { Db } from '../../src/services/db.js';
import { findActor } from '../../src/services/members.js';
import { makeMember, makeStructure } from './factories.js';
import { makeVisit } from './visits.js';

/** A company as the report reads it: its sector family follows its NAF code. */
export async function makeTerritoryCompany(
  db: Db,
  data: { name: string; nafCode: string; headcountBand: string; commune: string },
) {
  return db.company.create({
    data: { ...data, searchName: searchKey(data.name), sectorFamily: sectorFamilyOf(data.nafCode) },
  });
}

/**
 * A seeded year (2025) whose typology is known: 30 companies visited — 12 factories and 7 shops
 * in Vierzon, 8 business services in Bourges, 3 builders in Issoudun — and one visited in 2024 only.
 */
export async function seedYear(database: { prisma: Db }) {
  const cci = await makeStructure(database.prisma, 'CCI du Cher', 'cci');
  const cma = await makeStructure(database.prisma, 'CMA du Cher', 'cma');
  await makeMember(database.prisma, 'UREPCCI', ['capteur'], cci.id);
  await makeMember(database.prisma, 'UREPCMA', ['capteur'], cma.id);
  const cciCapteur = (await findActor(database.prisma, 'UREPCCI'))!;
  const cmaCapteur = (await findActor(database.prisma, 'UREPCMA'))!;
  const groups = [
    {
      n: 12,
      naf: '25.62B',
      band: '12',
      commune: 'Vierzon',
      stakes: [{ stake: 'recrutement' as const, priority: 'haute' as const }],
      hiring: [{ jobFamily: 'Soudeur', count: 2 }],
    },
    {
      n: 7,
      naf: '47.11B',
      band: '03',
      commune: 'Vierzon',
      stakes: [{ stake: 'numerique' as const, priority: 'moyenne' as const }],
      hiring: [],
    },
    {
      n: 8,
      naf: '70.22Z',
      band: '21',
      commune: 'Bourges',
      stakes: [
        { stake: 'recrutement' as const, priority: 'moyenne' as const },
        { stake: 'export' as const, priority: 'haute' as const },
      ],
      hiring: [{ jobFamily: 'Commercial', count: 1 }],
    },
    {
      n: 3,
      naf: '43.22A',
      band: '11',
      commune: 'Issoudun',
      stakes: [{ stake: 'transmission_reprise' as const, priority: 'haute' as const }],
      hiring: [],
    },
  ];
  let k = 0;
  for (const g of groups) {
    for (let i = 0; i < g.n; i++) {
      const company = await makeTerritoryCompany(database.prisma, {
        name: `Entreprise ${++k}`,
        nafCode: g.naf,
        headcountBand: g.band,
        commune: g.commune,
      });
      const month = String((k % 12) + 1).padStart(2, '0');
      await makeVisit(database.prisma, k % 2 ? cciCapteur : cmaCapteur, company.id, {
        date: `2025-${month}-10`,
        stakes: g.stakes,
        hiringNeeds: g.hiring,
      });
      // Factories get a second visit: each company still counts once.
      if (g.naf === '25.62B')
        await makeVisit(database.prisma, cciCapteur, company.id, {
          date: '2025-11-20',
          stakes: [{ stake: 'recrutement', priority: 'basse' }],
        });
    }
  }
  const old = await makeTerritoryCompany(database.prisma, {
    name: 'Visitée en 2024',
    nafCode: '25.62B',
    headcountBand: '12',
    commune: 'Mehun-sur-Yèvre',
  });
  await makeVisit(database.prisma, cciCapteur, old.id, {
    date: '2024-12-15',
    stakes: [{ stake: 'export', priority: 'haute' }],
  });
}
