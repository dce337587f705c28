import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../prisma/seed.js';
import { backupPostgres, restorePglite, restorePostgres, tableCounts, type TableCount } from '../../src/db/backup.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeKeptReport } from '../support/factories.js';

/** PostgreSQL's backup (pg_dump, custom format) and restore (pg_restore) on the demo territory. */
const PDF = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x5c]);

describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL: backup and restore', () => {
  const databases: TestDatabase[] = [];
  let work: string;
  let source: TestDatabase;
  let sourceCounts: TableCount[];
  async function database(migrate: boolean) {
    const db = await createTestDatabase({ migrate });
    databases.push(db);
    return db;
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'pem-pg-backup-'));
    source = await database(true);
    await seedDemoData(source.prisma);
    await makeKeptReport(
      source.prisma,
      { year: 2025, generatedAt: new Date('2026-01-15T09:30:00.123Z'), data: { total: 31, label: '« Cher »' } },
      PDF,
    );
    sourceCounts = await tableCounts(source.query);
  });
  afterAll(async () => {
    for (const db of databases) await db.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('restores a backup into an empty database with the same rows; refuses a non-empty one unless forced', async () => {
    const file = join(work, 'platform.dump');
    expect(await backupPostgres(source.url!, file)).toEqual(sourceCounts);

    const target = await database(false);
    const lines: string[] = [];
    expect(await restorePostgres(file, target.url!, { log: (l) => lines.push(l) })).toEqual(sourceCounts);
    expect(lines[0]).toMatch(/platform\.dump restored into postgresql:\/\//);
    expect(await target.migrate()).toEqual([]);
    const report = await target.prisma.report.findFirstOrThrow();
    expect(Buffer.from(report.internalPdf)).toEqual(PDF);
    expect(report.data).toEqual({ total: 31, label: '« Cher »' });
    expect(await target.prisma.company.findMany({ orderBy: { id: 'asc' } })).toEqual(
      await source.prisma.company.findMany({ orderBy: { id: 'asc' } }),
    );

    await target.prisma.structure.create({ data: { name: 'Ajoutée après', kind: 'cci' } });
    await expect(restorePostgres(file, target.url!)).rejects.toThrow(
      /is not empty \(public\..*\): restore into a new, empty database.*--force/,
    );
    expect(await restorePostgres(file, target.url!, { force: true })).toEqual(sourceCounts);
    expect(await target.prisma.structure.findFirst({ where: { name: 'Ajoutée après' } })).toBeNull();
  });

  it('tells a PostgreSQL backup from an embedded one', async () => {
    // A backup of its own: the tests run in any order (the other one's file may not exist yet).
    const file = join(work, 'to-tell.dump');
    await backupPostgres(source.url!, file);
    await expect(restorePglite(file, join(work, 'pglite'))).rejects.toThrow(/is a PostgreSQL backup \(pg_dump\)/);
    await expect(restorePostgres(join(work, 'missing.dump'), source.url!)).rejects.toThrow(/no such file/);
  });
});
