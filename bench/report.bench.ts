/**
 * npm run bench:report — the annual report of a large territory (bench/territory.ts: 10,000
 * companies, 50,000 visits, 100,000 actions, 2,000 alerts) on PGlite and on PostgreSQL, next to
 * the bare SQL aggregates it needs, run on the same database in the same process: the ratio
 * report / bare aggregates is what the platform adds (Prisma, the document, the PDF and
 * spreadsheet rendering, storing the files). Target (issue #5): under 10 s on PostgreSQL.
 *
 * BENCH_DATABASE_URL=postgresql://…/postgres (default: the local server) for the PostgreSQL part.
 */
import { createPglite } from '../src/db/pglite.js';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import { annualData, annualQueries } from '../src/services/reports/annual-data.js';
import { generateAnnualReport } from '../src/services/reports/reports.js';
import { BENCH_SERVER, scratchDatabase } from './scratch-database.js';
import { seedLargeTerritory } from './territory.js';

const YEAR = 2026;
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const TZ = 'Europe/Paris';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** The same queries as the report, straight through the driver, one after the other. */
type Bare = (sql: string, values: unknown[]) => Promise<unknown>;
async function bareAggregates(query: Bare) {
  // Prisma.Sql: `text` holds PostgreSQL placeholders ($1…), `values` their values.
  for (const q of Object.values(annualQueries(YEAR, TZ))) await query(q.text, q.values);
}

async function measure(engine: string, db: Database, bare: Bare) {
  const seeded = await time(() => seedLargeTerritory(db.prisma, YEAR));
  // Warm-up: plans and caches, on both paths.
  await bareAggregates(bare);
  await generateAnnualReport(db.prisma, YEAR, { now: new Date(), timeZone: TZ });
  const results = { bare: [] as number[], aggregates: [] as number[], report: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    results.bare.push(await time(() => bareAggregates(bare)));
    results.aggregates.push(await time(() => annualData(db.prisma, YEAR, TZ)));
    results.report.push(await time(() => generateAnnualReport(db.prisma, YEAR, { now: new Date(), timeZone: TZ })));
  }
  const b = median(results.bare);
  const r = median(results.report);
  console.log(
    `${engine}: seeded in ${fmt(seeded)}; medians of ${RUNS} — bare SQL aggregates ${fmt(b)}, the same through the platform ${fmt(median(results.aggregates))}, whole report ${fmt(r)} (× ${(r / b).toFixed(2)} the bare aggregates)`,
  );
  return r;
}

async function main() {
  const pglite = createPglite();
  const embedded = openDatabase({ pglite });
  await embedded.migrate();
  await measure('PGlite', embedded, (sql, values) => pglite.query(sql, values));
  await embedded.close();

  const scratch = await scratchDatabase(BENCH_SERVER, 'report_bench');
  const postgres = openDatabase({ databaseUrl: scratch.url });
  const client = new pg.Client({ connectionString: scratch.url });
  try {
    await postgres.migrate();
    await client.connect();
    const report = await measure('PostgreSQL', postgres, (sql, values) => client.query(sql, values as unknown[]));
    if (report > 10_000) {
      console.error(`The report took ${fmt(report)} on PostgreSQL: over the 10 s target.`);
      process.exitCode = 1;
    }
  } finally {
    await client.end();
    await postgres.close();
    await scratch.drop();
  }
}

await main();
