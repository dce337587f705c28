import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../../prisma/seed.js';
import { findNafSubclass } from '../../src/reference/naf.js';
import { findHeadcountBand } from '../../src/reference/headcount-bands.js';
import { checkSiret } from '../../src/reference/siret.js';
import { withTestDatabase } from '../support/file-database.js';

const { db } = withTestDatabase();

describe('demo data (prisma/seed.ts)', () => {
  it('creates partners, members, companies with valid reference data and visits, and is idempotent', async () => {
    expect(await seedDemoData(db.prisma, { capteurSlackId: 'U0DEVELOPER' })).toBe(5);
    expect(await seedDemoData(db.prisma, { capteurSlackId: 'U0DEVELOPER' })).toBe(0);

    expect(await db.prisma.structure.count()).toBe(6);
    expect(await db.prisma.member.count({ where: { roles: { some: { role: 'capteur' } } } })).toBe(4);
    const companies = await db.prisma.company.findMany();
    expect(companies).toHaveLength(7);
    for (const c of companies) {
      expect(findNafSubclass(c.nafCode), c.name).toBeDefined();
      expect(findHeadcountBand(c.headcountBand), c.name).toBeDefined();
      if (c.siret) expect(checkSiret(c.siret).ok, c.name).toBe(true);
    }
    expect(await db.prisma.visit.count()).toBe(5);
    const flags = await db.prisma.visitRedFlag.findMany({ select: { flag: true } });
    expect(flags.map((f) => f.flag).sort()).toEqual([
      'emplois_menaces',
      'recrutement_urgent',
      'transmission_sans_repreneur',
    ]);
    expect(await db.prisma.recruitmentAlert.findMany({ select: { state: true, reference: true } })).toEqual([
      { state: 'signalee', reference: expect.stringMatching(/^ALR-\d{4}-0001$/) },
    ]);
    expect(await db.prisma.outboxMessage.count()).toBe(0);
  });
});
