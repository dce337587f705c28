import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  importSirene,
  NON_DIFFUSIBLE_NAME,
  parseCommunes,
  SireneImportError,
} from '../../src/services/sirene/import.js';
import { TEST_ENGINE } from '../support/database.js';
import { makeCompany } from '../support/factories.js';
import { withTestDatabase } from '../support/file-database.js';
import { resetTables } from '../support/reset.js';

/**
 * The synthetic extract (test/fixtures/sirene/README.md): 50 establishments, 38 in the communes
 * below, 40 in the département 18 plus Ajaccio and Paris 1er / 15e.
 */
const FIXTURES = new URL('../fixtures/sirene/', import.meta.url).pathname;
const ETAB = join(FIXTURES, 'StockEtablissement_extrait.csv');
const UL = join(FIXTURES, 'StockUniteLegale_extrait.csv');
const COMMUNES = '18033,18279,18197,2A004,75101,75115';
const now = new Date('2027-02-01T06:00:00Z');
const later = new Date('2027-03-01T06:00:00Z');

const { db } = withTestDatabase();
// On PostgreSQL, the COPY path (its own connection); the batched path is also run there (see below).
const engine = () => (TEST_ENGINE === 'postgresql' ? { postgresUrl: db.url! } : {});
const run = (options: Partial<Parameters<typeof importSirene>[1]> = {}) =>
  importSirene(db.prisma, {
    etablissements: ETAB,
    unitesLegales: UL,
    communes: COMMUNES,
    now,
    ...engine(),
    ...options,
  });

const bySiret = async () => {
  const rows = await db.prisma.sireneEstablishment.findMany({ orderBy: { siret: 'asc' } });
  return rows.map(({ createdAt: _c, updatedAt: _u, lastRunId: _r, ...rest }) => rest);
};
const findByName = (displayName: string) => db.prisma.sireneEstablishment.findFirstOrThrow({ where: { displayName } });

beforeEach(async () => {
  await resetTables(db.prisma);
});

describe('importSirene', () => {
  it('reads every row, keeps the communes of the territory and inserts them, the run recorded', async () => {
    const result = await run();
    expect(result).toMatchObject({ rowsRead: 50, rowsKept: 38, inserted: 38, updated: 0, closed: 0, leftTerritory: 0 });
    expect(await db.prisma.sireneEstablishment.count()).toBe(38);
    const recorded = await db.prisma.sireneImportRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(recorded).toMatchObject({
      fileName: 'StockEtablissement_extrait.csv',
      legalUnitsFile: 'StockUniteLegale_extrait.csv',
      communes: COMMUNES,
      dryRun: false,
      status: 'ok',
      rowsRead: 50,
      rowsKept: 38,
      inserted: 38,
    });
    expect(recorded.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const communes = await db.prisma.sireneEstablishment.groupBy({ by: ['communeCode'], _count: true });
    expect(Object.fromEntries(communes.map((c) => [c.communeCode, c._count]))).toEqual({
      '18033': 15,
      '18279': 10,
      '18197': 4,
      '2A004': 4,
      '75101': 3,
      '75115': 2,
    });
  });

  it('takes a département code for every commune of it', async () => {
    const result = await run({ communes: '18,2A004,75101,75115' });
    expect(result).toMatchObject({ rowsRead: 50, rowsKept: 40, inserted: 40 });
    expect(await db.prisma.sireneEstablishment.count({ where: { communeCode: '18001' } })).toBe(2);
  });

  it('never keeps a name of a partially diffusible establishment or unit, nor any [ND]', async () => {
    await run();
    const hidden = await db.prisma.sireneEstablishment.findMany({ where: { diffusible: false } });
    // Three `P` establishments in Vierzon, one in Paris 1er, one `O` establishment of a `P` unit.
    expect(hidden).toHaveLength(5);
    for (const row of hidden) {
      expect(row.displayName).toBe(NON_DIFFUSIBLE_NAME);
      expect(row.legalName).toBeNull();
      expect(row.searchText).toMatch(/^etablissement non diffusible /);
    }
    const all = await db.prisma.sireneEstablishment.findMany();
    expect(JSON.stringify(all)).not.toContain('[ND]');
    expect(JSON.stringify(all)).not.toContain('Nom Usuel Caché');
  });

  it('names an establishment by its usual name, else its sign, else its unit, else as not diffusible', async () => {
    await run();
    const usual = await findByName('Forges, Fonderies du Cher');
    expect(usual).toMatchObject({
      legalName: 'FORGES ET FONDERIES DU CHER SA',
      legalCategory: 'ETI',
      headOffice: true,
    });
    expect(usual.searchText).toBe('forges, fonderies du cher bourges');
    expect(await findByName('Le "Bon" Pain')).toMatchObject({ tradeRegister: true, nafCode: '10.71C' });
    expect(await findByName('Café des Arts')).toMatchObject({
      legalName: 'LEROY PAUL',
      searchText: 'cafe des arts bourges',
    });
    expect(await findByName('USINAGE DE VIERZON')).toMatchObject({ legalName: 'USINAGE DE VIERZON', diffusible: true });
    // A person: the name in use and the usual first name.
    expect(await findByName('BERNARD JEANNE')).toMatchObject({ communeName: 'VIERZON' });
    expect(await findByName('SANTONI MARIE').catch(() => null)).toBeNull(); // its sign « U Fornu » comes first
    expect(await findByName('U Fornu')).toMatchObject({ communeCode: '2A004', legalName: 'SANTONI MARIE' });
    // No name and no unit in the file: the placeholder, yet diffusible.
    const unnamed = await db.prisma.sireneEstablishment.findFirstOrThrow({
      where: { displayName: NON_DIFFUSIBLE_NAME, diffusible: true },
    });
    expect(unnamed).toMatchObject({ legalName: null, nafCode: '25.62A' });
  });

  it('keeps bands as INSEE codes (NN, 00), empty as unknown, and old nomenclatures with their code', async () => {
    await run();
    expect(await findByName('Atelier Nord')).toMatchObject({
      headcountBand: 'NN',
      headcountYear: 2023,
      employer: false,
    });
    expect(await findByName('Atelier Sud')).toMatchObject({ headcountBand: '00', employer: true });
    expect(await findByName('Atelier Est')).toMatchObject({ headcountBand: null, headcountYear: null });
    expect(await findByName('Mécanique Générale Berruyère')).toMatchObject({
      nafCode: '28.5D',
      nafNomenclature: 'NAFRev1',
      naf25Code: null,
    });
    expect(await findByName('Conseil Œuvre')).toMatchObject({
      naf25Code: '70.20Y',
      searchText: 'conseil oeuvre bourges',
    });
    expect(await findByName('Bijouterie Vendôme')).toMatchObject({ communeCode: '75101', postalCode: '75001' });
    expect(await db.prisma.sireneEstablishment.count({ where: { active: false } })).toBe(4);
    const scierie = await findByName('Ancienne Scierie');
    expect(scierie.inseeUpdatedAt?.toISOString()).toBe('2025-01-15T10:20:30.000Z');
  });

  it('changes nothing when the same file is run again', async () => {
    await run();
    const before = await db.prisma.sireneEstablishment.findMany({ orderBy: { siret: 'asc' } });
    const again = await run({ now: later });
    expect(again).toMatchObject({ rowsKept: 38, inserted: 0, updated: 0, closed: 0, leftTerritory: 0 });
    expect(await db.prisma.sireneEstablishment.findMany({ orderBy: { siret: 'asc' } })).toEqual(before);
    // Without the unités légales file, the legal names already stored stay.
    const alone = await run({ now: later, unitesLegales: undefined });
    expect(alone).toMatchObject({ inserted: 0, updated: 0 });
    expect(await db.prisma.sireneEstablishment.findMany({ orderBy: { siret: 'asc' } })).toEqual(before);
  });

  it('counts the next month: one closed, one gone from the communes, one renamed', async () => {
    await run();
    const next = await run({ now: later, etablissements: join(FIXTURES, 'StockEtablissement_mois_suivant.csv') });
    expect(next).toMatchObject({ rowsRead: 50, rowsKept: 37, inserted: 0, updated: 2, closed: 1, leftTerritory: 1 });
    expect(await findByName('Transports Berry')).toMatchObject({
      active: false,
      updatedAt: later,
      lastRunId: next.runId,
    });
    expect(await findByName('Atelier Nord Industrie')).toMatchObject({ searchText: 'atelier nord industrie bourges' });
    // Never deleted: flagged out of the territory.
    expect(await findByName('Atelier Est')).toMatchObject({
      inTerritory: false,
      communeCode: '18033',
      updatedAt: later,
    });
    expect(await db.prisma.sireneEstablishment.count()).toBe(38);
    expect(await db.prisma.sireneEstablishment.count({ where: { updatedAt: now } })).toBe(35);
  });

  it('reads a gzip and a zip as the csv', async () => {
    await run();
    const fromCsv = await bySiret();
    const dir = mkdtempSync(join(tmpdir(), 'sirene-'));
    const gz = join(dir, 'StockEtablissement_extrait.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(ETAB)));
    await resetTables(db.prisma);
    expect(await run({ etablissements: gz })).toMatchObject({ rowsRead: 50, rowsKept: 38, inserted: 38 });
    expect(await bySiret()).toEqual(fromCsv);
    await resetTables(db.prisma);
    const zip = join(FIXTURES, 'StockEtablissement_extrait.zip');
    expect(await run({ etablissements: zip })).toMatchObject({ rowsRead: 50, rowsKept: 38, inserted: 38 });
    expect(await bySiret()).toEqual(fromCsv);
  });

  it('reads columns by name: a file in another order without the NAF 2025 column gives the same rows', async () => {
    await run();
    const fromMain = await bySiret();
    const variant = await run({ now: later, etablissements: join(FIXTURES, 'StockEtablissement_variante.csv') });
    // The NAF 2025 codes already known stay when the file has no such column.
    expect(variant).toMatchObject({ rowsRead: 50, rowsKept: 38, inserted: 0, updated: 0 });
    await resetTables(db.prisma);
    await run({ etablissements: join(FIXTURES, 'StockEtablissement_variante.csv') });
    expect((await bySiret()).map((r) => ({ ...r, naf25Code: null }))).toEqual(
      fromMain.map((r) => ({ ...r, naf25Code: null })),
    );
  });

  it('refreshes the companies on the platform from the reference, never an erased one', async () => {
    const usinageSiret = siretOf('USINAGE DE VIERZON');
    const known = await makeCompany(db.prisma, {
      name: 'Usinage Vierzon (saisie)',
      siret: usinageSiret,
      commune: 'Vierzon',
      nafCode: '28.11Z',
      headcountBand: '03',
    });
    const erased = await makeCompany(db.prisma, { name: 'Entreprise effacée (2026-01-01)', siret: null });
    await db.prisma.company.update({ where: { id: erased.id }, data: { erasedAt: now } });
    const result = await run();
    expect(result.companiesRefreshed).toBe(1);
    expect(await db.prisma.company.findUniqueOrThrow({ where: { id: known.id } })).toMatchObject({
      name: 'USINAGE DE VIERZON',
      searchName: 'usinage de vierzon',
      nafCode: '25.62B',
      sectorFamily: 'industrie',
      headcountBand: '12',
      commune: 'VIERZON',
      postalCode: '18100',
    });
    // A reference row without a name leaves the company's name as it is.
    const unnamed = await db.prisma.sireneEstablishment.findFirstOrThrow({
      where: { displayName: NON_DIFFUSIBLE_NAME, diffusible: true },
    });
    const typed = await makeCompany(db.prisma, {
      name: 'Atelier sans enseigne',
      siret: unnamed.siret,
      commune: 'Vierzon',
    });
    expect((await run({ now: later })).companiesRefreshed).toBe(1);
    expect(await db.prisma.company.findUniqueOrThrow({ where: { id: typed.id } })).toMatchObject({
      name: 'Atelier sans enseigne',
      nafCode: '25.62A',
      commune: 'VIERZON',
    });
    expect(await db.prisma.company.findUniqueOrThrow({ where: { id: erased.id } })).toMatchObject({
      name: 'Entreprise effacée (2026-01-01)',
      siret: null,
      commune: 'Vierzon',
    });
  });

  it('records a dry run and writes no establishment', async () => {
    const result = await run({ dryRun: true });
    expect(result).toMatchObject({ dryRun: true, rowsRead: 50, rowsKept: 38, inserted: 38 });
    expect(await db.prisma.sireneEstablishment.count()).toBe(0);
    expect(await db.prisma.sireneImportRun.findUniqueOrThrow({ where: { id: result.runId } })).toMatchObject({
      dryRun: true,
      inserted: 38,
      status: 'ok',
    });
  });

  it('refuses a missing file, an unknown type or bad communes before recording a run', async () => {
    await expect(run({ etablissements: join(FIXTURES, 'absent.csv') })).rejects.toThrow(/file not found/);
    await expect(run({ etablissements: join(FIXTURES, 'generate.ts') })).rejects.toThrow(/unknown file type/);
    await expect(run({ communes: '18033,Bourges' })).rejects.toThrow(SireneImportError);
    expect(await db.prisma.sireneImportRun.count()).toBe(0);
  });

  it('records a failed run when the file is not an establishments file', async () => {
    await expect(run({ etablissements: UL })).rejects.toThrow(/missing siret/);
    expect(await db.prisma.sireneImportRun.findFirstOrThrow()).toMatchObject({ status: 'failed' });
    expect(await db.prisma.sireneEstablishment.count()).toBe(0);
  });

  it.runIf(TEST_ENGINE === 'postgresql')('gives on PostgreSQL the same table by batches as by COPY', async () => {
    await run();
    const copied = await bySiret();
    await resetTables(db.prisma);
    await importSirene(db.prisma, { etablissements: ETAB, unitesLegales: UL, communes: COMMUNES, now });
    expect(await bySiret()).toEqual(copied);
  });
});

describe('parseCommunes', () => {
  it('takes commune codes, départements and files of codes', () => {
    expect(parseCommunes('18033,2A004').matches('2A004')).toBe(true);
    expect(parseCommunes('18033,2A004').matches('18034')).toBe(false);
    expect(parseCommunes('2A').matches('2A004')).toBe(true);
    expect(parseCommunes('2A').matches('2B033')).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'communes-'));
    const file = join(dir, 'communes.txt');
    copyFileSync(ETAB, join(dir, 'unused.csv'));
    writeFileSync(file, '18033\r\n75101\n\n');
    const fromFile = parseCommunes(file);
    expect([fromFile.matches('75101'), fromFile.matches('75102'), fromFile.label]).toEqual([
      true,
      false,
      'file communes.txt',
    ]);
    expect(() => parseCommunes('20')).toThrow(SireneImportError);
    expect(() => parseCommunes('')).toThrow(/no commune/);
    expect(() => parseCommunes('./absent.txt')).toThrow(/not found/);
  });
});

/** The SIRET the extract gives the establishment of the unit named `legalName` (read from the files). */
function siretOf(legalName: string): string {
  const text = readFileSync(UL, 'utf8');
  const line = text.split('\n').find((l) => l.includes(legalName));
  const siren = line?.split(',')[0];
  const etab = readFileSync(ETAB, 'utf8')
    .split('\r\n')
    .find((l) => l.startsWith(`${siren},`));
  const siret = etab?.split(',')[2];
  if (!siret) throw new Error(`no establishment of ${legalName} in the extract`);
  return siret;
}
