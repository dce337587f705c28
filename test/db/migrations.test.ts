import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { applyMigrations, readMigrations } from '../../src/db/migrate.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/database.js';

/** Everything that makes up the schema, minus Prisma's bookkeeping table. */
async function catalogue(db: TestDatabase) {
  const exclude = `'_prisma_migrations'`;
  return {
    columns: await db.query(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> ${exclude} ORDER BY 1, 2`),
    constraints: await db.query(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"_prisma_migrations"'
        AND conrelid::regclass::text <> ${exclude} ORDER BY 1, 2`),
    indexes: await db.query(`SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> ${exclude} ORDER BY 1, 2`),
    enums: await db.query(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e
      JOIN pg_type t ON t.oid = e.enumtypid ORDER BY 1, 3`),
  };
}

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});
async function fresh(migrate: boolean) {
  const db = await createTestDatabase({ migrate });
  opened.push(db);
  return db;
}

describe(`migrations (${TEST_ENGINE})`, () => {
  it('build exactly the schema that schema.prisma describes (no drift)', async () => {
    // The SQL Prisma derives from schema.prisma alone, applied to an empty database…
    const fromSchema = execFileSync(
      './scripts/prisma.sh',
      ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const expected = await fresh(false);
    await expected.exec(fromSchema);
    // …must give the same catalogue as our migration history.
    const migrated = await fresh(true);
    const actual = await catalogue(migrated);
    expect(actual.columns.length).toBeGreaterThan(50);
    expect(actual).toEqual(await catalogue(expected));
  }, 120_000);

  it('apply each migration once and record it like Prisma does', async () => {
    const db = await fresh(true);
    expect(await db.migrate()).toEqual([]);
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const migrations = await readMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(migrations.map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it('check an up-to-date database in one query, without taking the lock', async () => {
    const db = await fresh(true);
    const sent: string[] = [];
    const counted = {
      exec: async (sql: string) => {
        sent.push(sql);
        await db.exec(sql);
      },
      query: async <T>(sql: string, params?: unknown[]) => {
        sent.push(sql);
        return db.query<T>(sql, params);
      },
    };
    expect(await applyMigrations(counted)).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/FROM "_prisma_migrations"/);
    // One migration not applied yet: the long way, under the lock.
    sent.length = 0;
    const next = { name: '20990101000000_next', checksum: 'n'.repeat(64), sql: 'CREATE TABLE "Next" (id int)' };
    expect(await applyMigrations(counted, [...(await readMigrations()), next])).toEqual([next.name]);
    expect(sent.some((sql) => sql.includes('pg_advisory_lock'))).toBe(true);
  });

  it('refuse to run when an applied migration was edited afterwards', async () => {
    const db = await fresh(true);
    const edited = (await readMigrations()).map((m, i) => (i === 0 ? { ...m, checksum: '0'.repeat(64) } : m));
    await expect(applyMigrations(db, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('roll a failing migration back entirely', async () => {
    const db = await fresh(false);
    const broken = [{ name: '20990101000000_broken', checksum: 'x', sql: 'CREATE TABLE "Half" (id int); SELECT 1/0;' }];
    await expect(applyMigrations(db, broken)).rejects.toThrow(/20990101000000_broken failed/);
    expect(await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`)).toEqual([]);
    expect(await db.query('SELECT 1 FROM "_prisma_migrations"')).toEqual([]);
  });

  it.runIf(TEST_ENGINE === 'postgresql')('apply once when two instances start at the same time', async () => {
    const db = await fresh(false);
    const url = db.url!;
    const instances = [openDatabase({ databaseUrl: url }), openDatabase({ databaseUrl: url })];
    const applied = await Promise.all(instances.map((i) => i.migrate()));
    await Promise.all(instances.map((i) => i.close()));
    const names = (await readMigrations()).map((m) => m.name);
    expect(applied.flat().sort()).toEqual(names.sort());
    expect(await db.query('SELECT migration_name FROM "_prisma_migrations"')).toHaveLength(names.length);
  });
});
