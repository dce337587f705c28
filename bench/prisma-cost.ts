/**
 * npm run bench:prisma — the app's CPU per statement through Prisma's client (6.19 compiles a
 * query plan in WebAssembly for every call: no plan cache before 7.4), through `$queryRaw`, and
 * straight through node-postgres, on one scratch PostgreSQL database, the same single-row read
 * and the same single-row update each way. Measures this thread's CPU (process.cpuUsage: the
 * script has no other work) and the wall time, 3,000 calls each after a warm-up, one after the
 * other. Figures: BENCHMARKS.md « Issue 15, continued ».
 */
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { BENCH_SERVER, scratchDatabase } from './scratch-database.js';

const CALLS = Number(process.env.BENCH_PRISMA_CALLS ?? 3000);

async function measure(label: string, call: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 300; i++) await call(i);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < CALLS; i++) await call(i);
  const used = process.cpuUsage(cpu);
  const ms = (x: number) => (x / CALLS).toFixed(3);
  console.log(`| ${label} | ${ms((used.user + used.system) / 1000)} ms | ${ms(performance.now() - wall)} ms |`);
}

const database = await scratchDatabase(BENCH_SERVER, 'prisma');
const db = openDatabase({ databaseUrl: database.url });
await db.migrate();
const client = new pg.Client({ connectionString: database.url });
await client.connect();
try {
  const { id } = await db.prisma.auditEvent.create({ data: { action: 'bench', entity: 'Bench' } });
  const at = () => new Date();
  console.log(`\nOne statement, ${CALLS} calls, one after the other — Node ${process.version}\n`);
  console.log('| way | CPU per call | wall per call |\n| --- | --- | --- |');
  await measure('Prisma client: findUnique by id', () => db.prisma.auditEvent.findUnique({ where: { id } }));
  await measure(
    'Prisma $queryRaw: the same read',
    () => db.prisma.$queryRaw`SELECT * FROM "AuditEvent" WHERE id = ${id}`,
  );
  await measure('node-postgres: the same read', () => client.query('SELECT * FROM "AuditEvent" WHERE id = $1', [id]));
  await measure('Prisma client: update by id', () =>
    db.prisma.auditEvent.update({ where: { id }, data: { at: at() }, select: { id: true } }),
  );
  await measure('Prisma client: updateMany by id', () =>
    db.prisma.auditEvent.updateMany({ where: { id }, data: { at: at() } }),
  );
  await measure(
    'Prisma $executeRaw: the same update',
    () => db.prisma.$executeRaw`UPDATE "AuditEvent" SET at = ${at()} WHERE id = ${id}`,
  );
  await measure('node-postgres: the same update', () =>
    client.query('UPDATE "AuditEvent" SET at = $1 WHERE id = $2', [at(), id]),
  );
} finally {
  await client.end();
  await db.close();
  await database.drop();
}
