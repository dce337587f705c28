import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import type { SqlSession } from '../../src/db/migrate.js';
import type { Db } from '../../src/services/db.js';
import { leaseMigratedPglite } from './pglite-pool.js';

/**
 * A fresh database for one test file: embedded PGlite in memory by default, or a database of
 * its own on the PostgreSQL server named by TEST_DATABASE_URL (created here, dropped at close).
 */
export interface TestDatabase extends Database, SqlSession {
  /** PostgreSQL only: this test database's own URL. */
  url?: string;
}

export const TEST_ENGINE = process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite';

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const migrate = options.migrate !== false;
  let database: Database;
  let raw: SqlSession & { close(): Promise<void> };
  let url: URL | undefined;
  let drop = async () => {};
  let closeDatabase = () => database.close();
  if (serverUrl) {
    const name = `pem_test_${randomBytes(6).toString('hex')}`;
    const template = migrate ? (await migratedStart()).postgresTemplate : null;
    await withClient(serverUrl, (c) =>
      c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`),
    );
    url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = openDatabase({ databaseUrl: url.toString() });
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    raw = {
      exec: async (sql) => void (await client.query(sql)),
      query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
      close: () => client.end(),
    };
    drop = () =>
      withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  } else {
    const { createPglite } = await import('../../src/db/pglite.js');
    const start = await migratedStart();
    let pglite: PGlite;
    if (migrate && start.pgliteSnapshot) {
      // A migrated one the worker's previous file emptied, or a new one from the snapshot.
      const lease = await leaseMigratedPglite(start.pgliteSnapshot);
      pglite = lease.pglite;
      closeDatabase = async () => {
        await database.prisma.$disconnect();
        await lease.release();
      };
    } else {
      const snapshot = migrate ? null : start.pgliteEmptySnapshot;
      pglite = snapshot
        ? createPglite(undefined, { loadDataDir: new Blob([readFileSync(snapshot)]) })
        : createPglite('memory://');
    }
    database = openDatabase({ pglite });
    raw = {
      exec: async (sql) => void (await pglite.exec(sql)),
      query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
      close: async () => {},
    };
  }
  // Nothing to apply when it started from the migrated copy; a new migration still gets applied.
  if (migrate) await database.migrate();
  return {
    ...database,
    ...(url ? { url: url.toString() } : {}),
    exec: raw.exec,
    query: raw.query,
    close: async () => {
      // A transaction the app began as the test ended can keep Prisma's disconnect waiting on
      // PostgreSQL: the FORCE drop below ends it; never hang a whole test file on it.
      await Promise.race([closeDatabase(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      await raw.close();
      await drop();
    },
  };
}

/**
 * The client another app instance would have on `db`: on PostgreSQL one of its own (its own pool,
 * its own transactions), on PGlite the same one (one process holds the embedded database).
 */
export function anotherClient(db: TestDatabase): { prisma: Db; close(): Promise<void> } {
  if (TEST_ENGINE !== 'postgresql') return { prisma: db.prisma, close: async () => {} };
  return openDatabase({ databaseUrl: db.url! });
}

/** `fn` given the client another app instance has on `db` (see anotherClient), closed after. */
export async function withAnotherClient<T>(db: TestDatabase, fn: (other: Db) => Promise<T>): Promise<T> {
  const other = anotherClient(db);
  try {
    return await fn(other.prisma);
  } finally {
    await other.close();
  }
}

/** Each of `runs` at once, as another app instance on `db` (see anotherClient): their results, in order. */
export async function onInstances<T>(db: TestDatabase, runs: ((prisma: Db) => Promise<T>)[]): Promise<T[]> {
  const clients = runs.map(() => anotherClient(db));
  try {
    return await Promise.all(runs.map((run, i) => run(clients[i]!.prisma)));
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/**
 * The migrated database the run prepared (test/support/global-setup.ts) to copy from, when run
 * by vitest; outside it (bench/fuzz.ts) each database is migrated from scratch.
 */
async function migratedStart(): Promise<{
  pgliteSnapshot: string | null;
  pgliteEmptySnapshot: string | null;
  postgresTemplate: string | null;
}> {
  if (!process.env.VITEST) return { pgliteSnapshot: null, pgliteEmptySnapshot: null, postgresTemplate: null };
  const { inject } = await import('vitest');
  return {
    pgliteSnapshot: inject('pgliteSnapshot') ?? null,
    pgliteEmptySnapshot: inject('pgliteEmptySnapshot') ?? null,
    postgresTemplate: inject('postgresTemplate') ?? null,
  };
}

/** Runs `fn` on a connection of its own to `url` (CREATE and DROP DATABASE cannot run in a pool's transaction). */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
