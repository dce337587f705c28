import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { projectFile } from '../project-files.js';

/**
 * Applies prisma/migrations/* at start-up, in order, each in its own transaction, recorded in
 * Prisma's own `_prisma_migrations` table so that the Prisma CLI on a connected machine agrees
 * with what we did. We do it ourselves because Prisma's JavaScript schema engine cannot migrate
 * PostgreSQL through the pg adapter (prisma/orm#27403), and native engines cannot be downloaded
 * here. On PostgreSQL an advisory lock makes concurrent start-ups apply each migration once.
 */
export interface SqlSession {
  /** Runs one or several statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export const MIGRATIONS_DIR = projectFile('prisma/migrations/');
/** Arbitrary but fixed: the key of the advisory lock every instance takes while migrating. */
const MIGRATION_LOCK_KEY = 72_450_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(new URL(`${name}/migration.sql`, dir), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

const APPLIED_MIGRATIONS = `SELECT migration_name, checksum FROM "_prisma_migrations"
  WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/**
 * Whether every migration is applied, as written: then a start checks them in one query, without
 * the lock (issue 15). Any doubt — no table yet, one missing, one changed — goes the long way.
 */
async function upToDate(db: SqlSession, all: Migration[]): Promise<boolean> {
  let done: { migration_name: string; checksum: string }[];
  try {
    done = await db.query(APPLIED_MIGRATIONS);
  } catch {
    return false;
  }
  const applied = new Map(done.map((row) => [row.migration_name, row.checksum]));
  return all.every((migration) => applied.get(migration.name) === migration.checksum);
}

/** Returns the names of the migrations it applied (empty when the database was up to date). */
export async function applyMigrations(db: SqlSession, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  if (await upToDate(db, all)) return [];
  await db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await db.exec(CREATE_MIGRATIONS_TABLE);
    const done = await db.query<{ migration_name: string; checksum: string }>(APPLIED_MIGRATIONS);
    const applied = new Map(done.map((row) => [row.migration_name, row.checksum]));
    const newlyApplied: string[] = [];
    for (const migration of all) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied; write a new migration instead.`,
          );
        }
        continue;
      }
      await db.exec('BEGIN');
      try {
        await db.exec(migration.sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await db.exec('COMMIT');
      } catch (error) {
        await db.exec('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      newlyApplied.push(migration.name);
    }
    return newlyApplied;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}
