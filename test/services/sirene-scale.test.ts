/**
 * The SIRENE import and type-ahead at scale (issue 14, part 5): what makes them fast must not change
 * what they give. The figures themselves are in `npm run bench:sirene` (BENCHMARKS.md).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeStock } from '../../bench/sirene-stock.js';
import { foldText } from '../../src/reference/text.js';
import { searchCompaniesAndReference } from '../../src/services/companies.js';
import { BULK_MIN_ROWS, importSirene, rebuildsIndexes, sqlFold } from '../../src/services/sirene/import.js';
import { TEST_ENGINE } from '../support/database.js';
import { withTestDatabase } from '../support/file-database.js';
import { resetTables } from '../support/reset.js';

const { db } = withTestDatabase();
const engine = () => (TEST_ENGINE === 'postgresql' ? { postgresUrl: db.url! } : {});
const now = new Date('2027-02-01T06:00:00Z');

/** The reference's indexes as the database describes them. */
const indexes = () =>
  db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'SireneEstablishment' ORDER BY indexname`,
  );

const searchIndexOid = async () =>
  (
    await db.query<{ oid: string }>(
      `SELECT oid::text AS oid FROM pg_class WHERE relname = 'SireneEstablishment_searchText_trgm_idx'`,
    )
  )[0]?.oid;

let stock: string;
beforeAll(async () => {
  stock = join(mkdtempSync(join(tmpdir(), 'sirene-scale-')), 'StockEtablissement.csv');
  // Every row in the territory: a first import writes them all, in bulk.
  await writeStock(stock, { rows: BULK_MIN_ROWS + 500, seed: 11, inTerritory: 1 });
});
beforeEach(async () => {
  await resetTables(db.prisma);
});

describe('the search text folded by the database', () => {
  it('is foldText, letter for letter, for every Latin letter and the punctuation of names', async () => {
    const latin = [];
    for (let code = 0x20; code <= 0x24f; code++)
      if (code < 0x7f || code >= 0xa0) latin.push(String.fromCodePoint(code));
    for (let code = 0x1e00; code <= 0x1eff; code++) latin.push(String.fromCodePoint(code));
    const samples = [...latin, 'ŒUVRES DE L’ÉTÉ', 'Cœur d’Alène', 'ÆSOPE', 'SAINT-ÉLOY-DE-GY', 'Forges, « Les Fils »'];
    const rows = await db.query<{ folded: string }>(
      `SELECT ${sqlFold('t')} AS folded FROM unnest($1::text[]) WITH ORDINALITY AS s(t, n) ORDER BY n`,
      [samples],
    );
    const differing = samples.filter((s, i) => rows[i]!.folded !== foldText(s));
    expect(differing).toEqual([]);
    expect(rows.at(-4)!.folded).toBe('coeur d’alene');
  });
});

describe('an import that writes most of the reference', () => {
  it('is told apart from a monthly one', () => {
    expect(rebuildsIndexes(250_000, 250_000)).toBe(true); // a first import
    expect(rebuildsIndexes(750_000, 1_000_000)).toBe(true); // a territory widened
    expect(rebuildsIndexes(5_000, 250_000)).toBe(false); // a month's changes
    expect(rebuildsIndexes(BULK_MIN_ROWS - 1, BULK_MIN_ROWS - 1)).toBe(false); // too few to matter
  });

  it('builds the indexes again exactly as they were, and a re-run writes nothing', async () => {
    const before = await indexes();
    const oidBefore = await searchIndexOid();
    expect(before.map((i) => i.indexname)).toContain('SireneEstablishment_searchText_trgm_idx');
    const first = await importSirene(db.prisma, { etablissements: stock, communes: '18', now, ...engine() });
    expect(first.inserted).toBeGreaterThanOrEqual(BULK_MIN_ROWS);
    expect(await indexes()).toEqual(before);
    // Built again (new relations), not merely left in place.
    expect(await searchIndexOid()).not.toBe(oidBefore);
    expect(await db.prisma.sireneEstablishment.count()).toBe(first.inserted);
    const again = await importSirene(db.prisma, { etablissements: stock, communes: '18', now, ...engine() });
    expect(again).toMatchObject({ inserted: 0, updated: 0, closed: 0, leftTerritory: 0 });
    // What was imported is found by the type-ahead, by a name word and by a commune.
    const named = await db.prisma.sireneEstablishment.findFirstOrThrow({
      where: { diffusible: true, active: true, displayName: { contains: 'Forges' } },
    });
    const found = await searchCompaniesAndReference(db.prisma, `forges ${named.displayName.split(' ').at(-1)}`);
    expect(found.reference.map((r) => r.siret)).toContain(named.siret);
  }, 60_000);

  it.runIf(TEST_ENGINE === 'postgresql')(
    'leaves a rare word to the trigram index on PostgreSQL',
    async () => {
      await importSirene(db.prisma, { etablissements: stock, communes: '18', now, ...engine() });
      const plan = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT siret FROM "SireneEstablishment" e WHERE e."searchText" LIKE '%1234%' AND e.active`,
      );
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('SireneEstablishment_searchText_trgm_idx');
    },
    60_000,
  );
});
