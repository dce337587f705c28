/**
 * npm run bench:sirene — the SIRENE import and the type-ahead over a large reference (issue 14).
 *
 * PostgreSQL (BENCH_DATABASE_URL, default the local server; a database of its own, dropped after):
 *   1. a synthetic stock of SIRENE_BENCH_ROWS rows (1,000,000; bench/sirene-stock.ts, seeded, real
 *      header), a quarter of them in the territory's département (18);
 *   2. the bare COPY of that file into a table of its columns (text), the import of the territory
 *      (`--communes 18`), the bare COPY again, the re-run of the same file (nothing to change):
 *      the import's time beside the bare COPY's, same file, same run. Targets: ≤ 60 s, ≤ 2 × bare COPY;
 *   3. the whole file imported as the territory (every commune kept: a million reference rows),
 *      then the company type-ahead (`searchCompaniesAndReference`, what `/visite` and the others call)
 *      answering a mix of what capteurs type, 20 in flight: p50 and p99. Target: p99 ≤ 150 ms.
 * PGlite: a département-size extract (SIRENE_BENCH_PGLITE_ROWS, 50,000 rows, all in the territory),
 *   imported then re-run, and the same type-ahead over it.
 *
 * Prints the figures and exits non-zero when a target is missed. Files are generated once into
 * the system's temporary directory and reused (same size, same seed: same bytes).
 */
import { createReadStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, type Database } from '../src/db/client.js';
import { createPglite } from '../src/db/pglite.js';
import { searchCompaniesAndReference } from '../src/services/companies.js';
import { importSirene, type SireneImportResult } from '../src/services/sirene/import.js';
import { BENCH_SERVER, scratchDatabase } from './scratch-database.js';
import { ETABLISSEMENT_HEADER, writeStock } from './sirene-stock.js';

const ROWS = Number(process.env.SIRENE_BENCH_ROWS ?? 1_000_000);
const PGLITE_ROWS = Number(process.env.SIRENE_BENCH_PGLITE_ROWS ?? 50_000);
const IN_FLIGHT = 20;
const QUERIES = Number(process.env.SIRENE_BENCH_QUERIES ?? 400);
const TARGET = { importMs: 60_000, ratio: 2, p99Ms: 150 };

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const misses: string[] = [];

async function stockFile(rows: number, inTerritory: number): Promise<string> {
  const path = join(tmpdir(), `sirene-bench-${rows}-${inTerritory}.csv`);
  if (!existsSync(path)) {
    const started = performance.now();
    await writeStock(path, { rows, seed: 7, inTerritory });
    console.log(`  generated ${path} in ${fmt(performance.now() - started)}`);
  }
  return path;
}

async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

/** The bare COPY: the file into a table of its columns, every one text, nothing else. */
async function bareCopy(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = ETABLISSEMENT_HEADER.split(',').map((c) => `"${c}"`);
    await client.query('DROP TABLE IF EXISTS bare_copy');
    await client.query(`CREATE TABLE bare_copy (${columns.map((c) => `${c} text`).join(', ')})`);
    const [ms] = await time(() =>
      pipeline(
        createReadStream(file),
        client.query(copyFrom(`COPY bare_copy (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`)),
      ),
    );
    await client.query('DROP TABLE bare_copy');
    return ms;
  } finally {
    await client.end();
  }
}

/** What capteurs type: name words and their beginnings, a word and a commune, SIRET and SIREN beginnings. */
const TYPED = [
  'forg',
  'forges',
  'mecaniq',
  'ateliers vierzon',
  'porcelaines bourges',
  'menuiserie 12',
  'soudure 4567',
  'transports plasturgie',
  'plasturgie foecy',
  'me',
  'ateliers 99',
  'aubigny',
  'saint amand soudure',
  'forges mecanique 1234',
  '1000',
  '100012',
  '10005678',
  'zzz introuvable',
];

async function typeAhead(db: Database): Promise<{ p50: number; p99: number; max: number; slowest: string }> {
  for (const q of TYPED) await searchCompaniesAndReference(db.prisma, q); // plans and caches
  const latencies: number[] = [];
  const byQuery = new Map<string, number[]>();
  let next = 0;
  const worker = async () => {
    while (next < QUERIES) {
      const q = TYPED[next++ % TYPED.length]!;
      const started = performance.now();
      await searchCompaniesAndReference(db.prisma, q);
      const ms = performance.now() - started;
      latencies.push(ms);
      byQuery.set(q, [...(byQuery.get(q) ?? []), ms]);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const slowest = [...byQuery]
    .map(([q, xs]) => [q, xs.reduce((a, b) => a + b, 0) / xs.length] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([q, mean]) => `« ${q} » ${fmt(mean)}`)
    .join(', ');
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: Math.max(...latencies), slowest };
}

const describe = (r: SireneImportResult) =>
  `read ${r.rowsRead}, kept ${r.rowsKept}, inserted ${r.inserted}, updated ${r.updated}, closed ${r.closed}; ${Object.entries(
    r.steps,
  )
    .map(([step, ms]) => `${step} ${fmt(ms)}`)
    .join(', ')}`;

async function postgres(file: string) {
  const scratch = await scratchDatabase(BENCH_SERVER, 'sirene_bench');
  const databaseUrl = scratch.url;
  const database = openDatabase({ databaseUrl });
  try {
    await database.migrate();
    const run = (communes: string) =>
      importSirene(database.prisma, { etablissements: file, communes, now: new Date(), postgresUrl: databaseUrl });
    const bare1 = await bareCopy(databaseUrl, file);
    const [first, r1] = await time(() => run('18'));
    const bare2 = await bareCopy(databaseUrl, file);
    const [again, r2] = await time(() => run('18'));
    const bare = Math.min(bare1, bare2);
    const ratio = first / bare;
    console.log(`PostgreSQL, ${ROWS.toLocaleString('en')} rows:`);
    console.log(`  bare COPY of the file ${fmt(bare1)} / ${fmt(bare2)}`);
    console.log(`  import of the territory (18) ${fmt(first)} — × ${ratio.toFixed(2)} the bare COPY (${describe(r1)})`);
    console.log(`  re-run of the same file ${fmt(again)} — × ${(again / bare).toFixed(2)} (${describe(r2)})`);
    if (first > TARGET.importMs) misses.push(`import ${fmt(first)} > ${fmt(TARGET.importMs)}`);
    if (ratio > TARGET.ratio) misses.push(`import × ${ratio.toFixed(2)} the bare COPY > × ${TARGET.ratio}`);

    if (process.argv.includes('--import-only')) return;
    const [all, r3] = await time(() => run('18,36,45,75,2A'));
    console.log(`  the whole file as the territory ${fmt(all)} (${describe(r3)})`);
    // The type-ahead in steady state, as between two monthly imports: the million rows' WAL
    // checkpointed and the table vacuumed (autovacuum would do it minutes later, stalling the
    // measure instead).
    const settled = new pg.Client({ connectionString: databaseUrl });
    await settled.connect();
    await settled.query('VACUUM (ANALYZE) "SireneEstablishment"');
    await settled.query('CHECKPOINT').catch(() => {}); // needs pg_checkpoint or superuser
    await settled.end();
    const search = await typeAhead(database);
    console.log(
      `  type-ahead over ${r3.rowsKept.toLocaleString('en')} reference rows, ${IN_FLIGHT} in flight, ${QUERIES} queries: p50 ${fmt(search.p50)}, p99 ${fmt(search.p99)}, max ${fmt(search.max)}; slowest on average ${search.slowest}`,
    );
    if (search.p99 > TARGET.p99Ms) misses.push(`type-ahead p99 ${fmt(search.p99)} > ${fmt(TARGET.p99Ms)}`);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

async function embedded(file: string) {
  const database = openDatabase({ pglite: await createPglite() });
  try {
    await database.migrate();
    const run = () => importSirene(database.prisma, { etablissements: file, communes: '18', now: new Date() });
    const [first, r1] = await time(run);
    const [again, r2] = await time(run);
    console.log(`PGlite, département extract of ${PGLITE_ROWS.toLocaleString('en')} rows:`);
    console.log(`  import ${fmt(first)} (${describe(r1)}); re-run ${fmt(again)} (${describe(r2)})`);
    const search = await typeAhead(database);
    console.log(
      `  type-ahead, ${IN_FLIGHT} in flight, ${QUERIES} queries: p50 ${fmt(search.p50)}, p99 ${fmt(search.p99)}, max ${fmt(search.max)}; slowest on average ${search.slowest}`,
    );
  } finally {
    await database.close();
  }
}

const onlyPglite = process.argv.includes('--pglite');
const onlyPostgres = process.argv.includes('--postgres');
if (!onlyPglite) await postgres(await stockFile(ROWS, 0.25));
if (!onlyPostgres) await embedded(await stockFile(PGLITE_ROWS, 1));
if (misses.length) {
  console.error(`Missed: ${misses.join('; ')}`);
  process.exitCode = 1;
}
