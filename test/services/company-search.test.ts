import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { searchKey } from '../../src/reference/text.js';
import {
  companyFromReference,
  referenceSiret,
  referenceValue,
  SAMPLE_ROWS,
  searchCompaniesAndReference,
  siretPrefixRange,
} from '../../src/services/companies.js';
import type { Actor } from '../../src/services/permissions.js';
import { setProgramme } from '../../src/services/programmes/programmes.js';
import { COMPANY_TEXTS } from '../../src/texts/company.js';
import { onInstances } from '../support/database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';
import { withTestDatabase } from '../support/file-database.js';
import { resetTables } from '../support/reset.js';

/** A reference establishment as the importer writes it (searchText: name and commune, folded). */
function establishment(
  siret: string,
  name: string,
  communeName: string,
  more: Partial<Prisma.SireneEstablishmentCreateInput> = {},
): Prisma.SireneEstablishmentCreateInput {
  const diffusible = more.diffusible ?? true;
  const displayName = diffusible ? name : COMPANY_TEXTS.picker.notDiffusible;
  return {
    siret,
    siren: siret.slice(0, 9),
    displayName,
    searchText: searchKey(`${displayName} ${communeName}`),
    nafCode: '25.62B',
    nafNomenclature: 'NAFRev2',
    headcountBand: '12',
    communeCode: '18279',
    communeName,
    postalCode: '18100',
    ...more,
  };
}

const FORGES = '51234567800011';
const FORGES_OTHER_SITE = '51234567800029';
const CHAUDRONNERIE = '61234567800010';
const CLOSED = '71234567800019';
const ELSEWHERE = '81234567800018';
const PERSON = '91234567800017';

describe('the company type-ahead over the platform and the SIRENE reference', () => {
  const { db } = withTestDatabase();
  let capteur: Actor;
  let coordinator: Actor;
  let cciId: string;

  beforeAll(async () => {
    const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
    cciId = cci.id;
    capteur = await makeMember(db.prisma, 'UCAPTEUR1', ['capteur'], cci.id);
    coordinator = await makeMember(db.prisma, 'UCOORD1', ['coordinateur']);
  });
  beforeEach(async () => {
    await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
    await db.prisma.sireneEstablishment.createMany({
      data: [
        establishment(FORGES, 'Forges de Vierzon', 'Vierzon'),
        establishment(FORGES_OTHER_SITE, 'Forges de Vierzon', 'Mehun-sur-Yèvre', { communeCode: '18141' }),
        establishment(CHAUDRONNERIE, 'Chaudronnerie Énergétique', 'Saint-Éloy-de-Gy', { communeCode: '18207' }),
        establishment(CLOSED, 'Forges Fermées', 'Vierzon', { active: false }),
        establishment(ELSEWHERE, 'Forges Parties', 'Vierzon', { inTerritory: false }),
        // A `P` unit: the importer never writes its names; this row carries one to prove none is read.
        establishment(PERSON, 'Jeanne Dupont', 'Vierzon', {
          diffusible: false,
          legalName: 'DUPONT JEANNE',
          searchText: searchKey(`${COMPANY_TEXTS.picker.notDiffusible} Vierzon`),
        }),
      ] as Prisma.SireneEstablishmentCreateManyInput[],
    });
  });

  const sirets = (found: Awaited<ReturnType<typeof searchCompaniesAndReference>>) =>
    found.reference.map((r) => r.siret);

  it('finds name words typed without accents, each word a prefix, in any order', async () => {
    expect(sirets(await searchCompaniesAndReference(db.prisma, 'energ chaudron'))).toEqual([CHAUDRONNERIE]);
    expect(sirets(await searchCompaniesAndReference(db.prisma, 'forges vierz')).sort()).toEqual(
      [FORGES, FORGES_OTHER_SITE].sort(),
    );
    // Every word must match.
    expect(sirets(await searchCompaniesAndReference(db.prisma, 'forges bourges'))).toEqual([]);
  });

  it('finds a commune, typed without accents', async () => {
    expect(sirets(await searchCompaniesAndReference(db.prisma, 'eloy'))).toEqual([CHAUDRONNERIE]);
    expect(sirets(await searchCompaniesAndReference(db.prisma, 'forges mehun yevre'))).toEqual([FORGES_OTHER_SITE]);
  });

  it('finds a SIRET typed with spaces, and every establishment of a SIREN', async () => {
    const spaced = `${FORGES.slice(0, 3)} ${FORGES.slice(3, 6)} ${FORGES.slice(6, 9)} ${FORGES.slice(9)}`;
    expect(sirets(await searchCompaniesAndReference(db.prisma, spaced))).toEqual([FORGES]);
    expect(sirets(await searchCompaniesAndReference(db.prisma, FORGES.slice(0, 9))).sort()).toEqual(
      [FORGES, FORGES_OTHER_SITE].sort(),
    );
  });

  it('leaves out closed establishments and those no longer in the territory', async () => {
    const found = sirets(await searchCompaniesAndReference(db.prisma, 'forges'));
    expect(found).not.toContain(CLOSED);
    expect(found).not.toContain(ELSEWHERE);
    expect(sirets(await searchCompaniesAndReference(db.prisma, CLOSED))).toEqual([]);
    expect(sirets(await searchCompaniesAndReference(db.prisma, ELSEWHERE))).toEqual([]);
  });

  it('lists followed companies first, and a followed establishment only once', async () => {
    const followed = await makeCompany(db.prisma, { name: 'Forges de Vierzon', siret: FORGES, commune: 'Vierzon' });
    const found = await searchCompaniesAndReference(db.prisma, 'forges de vierzon');
    expect(found.followed.map((c) => c.id)).toEqual([followed.id]);
    expect(sirets(found)).toEqual([FORGES_OTHER_SITE]);
  });

  it('never names a person for a `P` establishment, found by its SIRET or its commune', async () => {
    for (const query of [PERSON, 'vierzon', 'non diffusible']) {
      const found = await searchCompaniesAndReference(db.prisma, query);
      const row = found.reference.find((r) => r.siret === PERSON);
      expect(row, query).toEqual({ siret: PERSON, name: COMPANY_TEXTS.picker.notDiffusible, commune: 'Vierzon' });
      expect(JSON.stringify(found)).not.toMatch(/dupont|jeanne/i);
    }
    expect(sirets(await searchCompaniesAndReference(db.prisma, 'dupont'))).toEqual([]);
  });

  it('stays within the limit asked', async () => {
    await makeCompany(db.prisma, { name: 'Forges Suivies', commune: 'Vierzon' });
    const found = await searchCompaniesAndReference(db.prisma, 'forges', 2);
    expect(found.followed).toHaveLength(1);
    expect(found.followed.length + found.reference.length).toBe(2);
  });

  it('takes common words from the first rows, rarer ones from the index, each establishment once', async () => {
    // SAMPLE_ROWS establishments first (the table's first rows), ten of them « Ateliers »; then thirty
    // more « Ateliers » and three « Rarissime » beyond them.
    // In one statement: ten thousand rows through Prisma take seconds.
    const seed = (from: number, count: number, name: string) =>
      db.prisma.$executeRawUnsafe(
        `INSERT INTO "SireneEstablishment" (siret, siren, "displayName", "searchText", "communeCode", "communeName", "updatedAt")
         SELECT '3' || lpad(i::text, 13, '0'), '3' || lpad(i::text, 8, '0'), n, lower(n) || ' vierzon', '18279', 'Vierzon', now()
           FROM generate_series($1::int, $2::int) AS i, LATERAL (SELECT ${name} AS n) AS named`,
        from,
        from + count - 1,
      );
    await seed(0, SAMPLE_ROWS, `CASE WHEN i % 1000 = 0 THEN 'Ateliers Premiers ' ELSE 'Usine ' END || i`);
    await seed(SAMPLE_ROWS, 30, `'Ateliers Suivants ' || i`);
    await seed(SAMPLE_ROWS + 30, 3, `'Rarissime ' || i`);
    expect(await searchCompaniesAndReference(db.prisma, 'rarissime')).toMatchObject({
      reference: [{ name: `Rarissime ${SAMPLE_ROWS + 30}` }, {}, {}],
    });
    // Ten in the first rows, fewer than the 25 asked: the index gives the rest, the ten again among them.
    const ateliers = sirets(await searchCompaniesAndReference(db.prisma, 'ateliers'));
    expect(ateliers).toHaveLength(25);
    expect(new Set(ateliers).size).toBe(25);
    // Plenty in the first rows: those.
    const usines = sirets(await searchCompaniesAndReference(db.prisma, 'usine'));
    expect(usines).toHaveLength(25);
    expect(usines.every((s) => Number(s.slice(1)) < SAMPLE_ROWS)).toBe(true);
  });

  it('searches the reference from a word of three letters, the platform from two', async () => {
    const followed = await makeCompany(db.prisma, { name: 'Forges Suivies', commune: 'Vierzon' });
    const found = await searchCompaniesAndReference(db.prisma, 'fo');
    expect(found).toEqual({ followed: [expect.objectContaining({ id: followed.id })], reference: [] });
    expect(sirets(await searchCompaniesAndReference(db.prisma, 'fo vierzon')).sort()).toEqual(
      [FORGES, FORGES_OTHER_SITE].sort(),
    );
  });

  it('turns a SIRET prefix into a range of the primary key', () => {
    expect(siretPrefixRange('1000')).toEqual({ gte: '1000', lt: '1001' });
    expect(siretPrefixRange('0999')).toEqual({ gte: '0999', lt: '1000' });
    expect(siretPrefixRange('51299')).toEqual({ gte: '51299', lt: '51300' });
    expect(siretPrefixRange('999')).toEqual({ gte: '999' });
  });

  it('reads back its option values', () => {
    expect(referenceSiret(referenceValue(FORGES))).toBe(FORGES);
    expect(referenceSiret('0b9f3c1e-0000-4000-8000-000000000000')).toBeNull();
    expect(referenceSiret('sirene:123')).toBeNull();
  });

  it('makes a company from the reference once, however many times and by whomever it is picked', async () => {
    const ids = await onInstances(db, [
      (prisma) => prisma.$transaction((tx) => companyFromReference(tx, capteur, CHAUDRONNERIE)),
      (prisma) => prisma.$transaction((tx) => companyFromReference(tx, capteur, CHAUDRONNERIE)),
    ]);
    const again = await db.prisma.$transaction((tx) => companyFromReference(tx, capteur, CHAUDRONNERIE));
    expect(new Set([...ids, again]).size).toBe(1);
    const companies = await db.prisma.company.findMany({ where: { siret: CHAUDRONNERIE } });
    expect(companies).toHaveLength(1);
    expect(companies[0]).toMatchObject({
      id: again,
      siren: CHAUDRONNERIE.slice(0, 9),
      name: 'Chaudronnerie Énergétique',
      searchName: 'chaudronnerie energetique',
      nafCode: '25.62B',
      sectorFamily: 'industrie',
      headcountBand: '12',
      commune: 'Saint-Éloy-de-Gy',
      postalCode: '18100',
      createdById: capteur.memberId,
    });
    expect(await db.prisma.auditEvent.count({ where: { action: 'company.create', entityId: again } })).toBe(1);
    // Followed now: the reference no longer offers it apart.
    const found = await searchCompaniesAndReference(db.prisma, 'chaudronnerie');
    expect(found.followed.map((c) => c.id)).toEqual([again]);
    expect(sirets(found)).toEqual([]);
  });

  it('makes a `P` establishment a company with no person’s name', async () => {
    const id = await db.prisma.$transaction((tx) => companyFromReference(tx, capteur, PERSON));
    const company = await db.prisma.company.findUniqueOrThrow({ where: { id } });
    expect(company).toMatchObject({ name: COMPANY_TEXTS.picker.notDiffusible, commune: 'Vierzon', siret: PERSON });
    expect(JSON.stringify(company)).not.toMatch(/dupont|jeanne/i);
  });

  it('a reference establishment picked in the programme form becomes a company and a target, once', async () => {
    const form = {
      structureId: cciId,
      year: 2026,
      monthlyTarget: 4,
      shownUpTo: null,
      keepTargetIds: [],
      addCompanyIds: [referenceValue(FORGES)],
      sirets: '',
    };
    const at = new Date('2026-11-20T10:00:00Z');
    await setProgramme(db.prisma, coordinator, form, at);
    await setProgramme(db.prisma, coordinator, form, at);
    const company = await db.prisma.company.findUniqueOrThrow({ where: { siret: FORGES } });
    const targets = await db.prisma.programmeTarget.findMany({ select: { companyId: true, siret: true } });
    expect(targets).toEqual([{ companyId: company.id, siret: null }]);
  });
});
