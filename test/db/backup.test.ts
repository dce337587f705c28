import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPglite } from '../../src/db/pglite.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../prisma/seed.js';
import { backupPglite, moveToPostgres, restorePglite, tableCounts, type TableCount } from '../../src/db/backup.js';
import { runDbCommand } from '../../src/db/backup-cli.js';
import { openDatabase } from '../../src/db/client.js';
import { startTestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeKeptReport } from '../support/factories.js';

/**
 * The embedded database's backup and restore, and the move of a pilot's embedded database to
 * PostgreSQL (with TEST_DATABASE_URL), on the demo territory plus a kept report (bytea, JSON)
 * and an owed message (the outbox's sequence).
 */
const REPORT_DATA = {
  year: 2025,
  total: 31,
  ratio: 0.125,
  big: 12345678901234,
  label: 'Vierzon — « Cher »',
  flags: [true, false, null],
  nested: { empty: {}, list: [] },
};
const PDF = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x5c, 0x78, 0xff, 0xfe, 0x0a, 0x0d]);

let work: string;
let source: string;
let sourceCounts: TableCount[];
let sourceCompanies: unknown[];
let sourceSeq: bigint;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pem-backup-'));
  source = join(work, 'pilot');
  const pglite = createPglite(source);
  const db = openDatabase({ pglite });
  await db.migrate();
  await seedDemoData(db.prisma);
  await makeKeptReport(
    db.prisma,
    { year: 2025, generatedAt: new Date('2026-01-15T09:30:00.123Z'), data: REPORT_DATA },
    { internalPdf: PDF, internalXlsx: Buffer.from('xlsx'), publicPdf: Buffer.alloc(0), publicXlsx: Buffer.from([0]) },
  );
  const owed = await db.prisma.outboxMessage.create({
    data: { dedupeKey: 'backup-test', kind: 'test', recipient: 'C0TEST', data: { text: 'à envoyer' } },
  });
  sourceSeq = owed.seq;
  sourceCounts = await tableCounts(async (sql, params) => (await pglite.query(sql, params)).rows as never[]);
  sourceCompanies = await db.prisma.company.findMany({ orderBy: { id: 'asc' } });
  await db.close();
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function totalRows(counts: TableCount[]) {
  return counts.reduce((sum, c) => sum + c.rows, 0);
}

describe('embedded database (PGlite): backup and restore', () => {
  // The backups and restored directories of each test in a directory of its own: a test finds
  // there only the files it made, whatever ran before it (the pilot itself is only read).
  let testDir: string;
  beforeEach(() => {
    testDir = mkdtempSync(join(work, 'test-'));
  });
  afterEach(() => {
    rmSync(testDir, { recursive: true, force: true });
  });

  /** The pilot backed up into this test's directory, as pilot.tar.gz. */
  async function backUpThePilot(): Promise<string> {
    const file = join(testDir, 'pilot.tar.gz');
    await backupPglite(source, file);
    return file;
  }

  it('restores a backup into a new directory with the same rows and data', async () => {
    const file = join(testDir, 'pilot.tar.gz');
    const lines: string[] = [];
    expect(await backupPglite(source, file, { log: (l) => lines.push(l) })).toEqual(sourceCounts);
    expect(lines.join('\n')).toMatch(/written to .*pilot\.tar\.gz/);

    const restored = join(testDir, 'restored');
    const counts = await restorePglite(file, restored);
    expect(counts).toEqual(sourceCounts);
    expect(totalRows(counts)).toBeGreaterThan(50);
    expect(readdirSync(testDir).filter((f) => f.includes('.restoring-'))).toEqual([]);

    const db = openDatabase({ pgliteDataDir: restored });
    try {
      expect(await db.migrate()).toEqual([]);
      expect(await db.prisma.company.findMany({ orderBy: { id: 'asc' } })).toEqual(sourceCompanies);
      const report = await db.prisma.report.findFirstOrThrow();
      expect(Buffer.from(report.internalPdf)).toEqual(PDF);
      expect(report.data).toEqual(REPORT_DATA);
      expect(report.generatedAt.toISOString()).toBe('2026-01-15T09:30:00.123Z');
    } finally {
      await db.close();
    }
  });

  it('refuses a non-empty target directory unless forced, then keeps the previous one aside', async () => {
    // A backup already restored once: the target directory holds a database.
    const file = await backUpThePilot();
    const restored = join(testDir, 'restored');
    await restorePglite(file, restored);
    const err: string[] = [];
    const io = { env: { PGLITE_DATA_DIR: restored }, out: () => {}, err: (l: string) => err.push(l) };
    expect(await runDbCommand('restore', [file], io)).toBe(1);
    expect(err.join('\n')).toMatch(/restored is not empty: restoring there would replace a database.*--force/);

    expect(await runDbCommand('restore', [file, '--force'], io)).toBe(0);
    expect(readdirSync(testDir).filter((f) => f.startsWith('restored.replaced-'))).toHaveLength(1);
    expect(existsSync(join(restored, 'PG_VERSION'))).toBe(true);
  });

  it('refuses to back up a data directory a running process has open, or to overwrite a file', async () => {
    const file = await backUpThePilot(); // a backup already there, not to be overwritten
    const running = createPglite(source);
    try {
      await running.query('SELECT 1');
      await expect(backupPglite(source, join(testDir, 'while-open.tar.gz'))).rejects.toThrow(
        /is open in a running process \(pid \d+\): stop the app first/,
      );
    } finally {
      await running.close();
    }
    await expect(backupPglite(source, file)).rejects.toThrow(/already exists/);
    const err: string[] = [];
    const io = { env: { PGLITE_DATA_DIR: join(testDir, 'none') }, out: () => {}, err: (l: string) => err.push(l) };
    expect(await runDbCommand('backup', [join(testDir, 'x.tar.gz')], io)).toBe(1);
    expect(await runDbCommand('restore', [], io)).toBe(2);
    expect(err).toEqual([
      expect.stringMatching(/No embedded database in .*none/),
      'usage: npm run db:restore -- <file> [--force]',
    ]);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('the move of an embedded database to PostgreSQL', () => {
  const targets: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of targets) await t.close();
  });
  async function emptyDatabase() {
    const db = await createTestDatabase({ migrate: false });
    targets.push(db);
    return db;
  }

  it('copies every table with the same rows, bytes and JSON; the app starts on it', async () => {
    const target = await emptyDatabase();
    const lines: string[] = [];
    const result = await moveToPostgres(source, target.url!, { log: (l) => lines.push(l) });
    expect(result.tables.map((t) => t.table).sort()).toEqual(sourceCounts.map((c) => c.table).sort());
    for (const t of result.tables) expect(t.target, t.table).toBe(t.source);
    expect(await tableCounts(target.query)).toEqual(sourceCounts);
    expect(lines.join('\n')).toMatch(/Every table checked[\s\S]*Next step: set DATABASE_URL=/);

    // The app's check at start-up: every migration recorded, nothing to apply.
    expect(await target.migrate()).toEqual([]);
    expect(await target.prisma.company.findMany({ orderBy: { id: 'asc' } })).toEqual(sourceCompanies);
    const report = await target.prisma.report.findFirstOrThrow();
    expect(Buffer.from(report.internalPdf)).toEqual(PDF);
    expect(Buffer.from(report.publicXlsx)).toEqual(Buffer.from([0]));
    expect(report.publicPdf.length).toBe(0);
    expect(report.data).toEqual(REPORT_DATA);
    expect(report.generatedAt.toISOString()).toBe('2026-01-15T09:30:00.123Z');
    // The outbox's order continues after the moved messages.
    const next = await target.prisma.outboxMessage.create({
      data: { dedupeKey: 'after-move', kind: 'test', recipient: 'C0TEST', data: {} },
    });
    expect(next.seq).toBeGreaterThan(sourceSeq);

    // The app started on it answers a capteur with the pilot's company.
    const t = await startTestApp(target.prisma);
    try {
      await t.slack.command(
        '/entreprise',
        'Forges de Vierzon',
        { id: 'U0SEEDCCI01' },
        { extra: { response_url: t.fake.responseUrl('card') } },
      );
      const card = await t.fake.waitForResponse((_b, path) => path.endsWith('/card'));
      expect(JSON.stringify(card.body.blocks)).toContain('Forges de Vierzon');
    } finally {
      await t.stop();
    }
  });

  it('refuses a target that is not empty', async () => {
    const target = await emptyDatabase();
    await target.exec('CREATE TABLE "Other" (x int)');
    await expect(moveToPostgres(source, target.url!)).rejects.toThrow(
      /is not empty \(public\.Other\): the move goes into a new, empty PostgreSQL database only/,
    );
    expect(await target.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Company'`)).toEqual([]);

    // The app's schema with rows (the app already ran there) is refused too.
    const used = await emptyDatabase();
    await used.migrate();
    await used.prisma.structure.create({ data: { name: 'CCI', kind: 'cci' } });
    await expect(moveToPostgres(source, used.url!)).rejects.toThrow(/is not empty \(rows in Structure\)/);
  });

  it("refuses an embedded database that is not at this version's schema, and leaves it as it was", async () => {
    const target = await emptyDatabase();
    const pilot = createPglite(source);
    const [last] = (
      await pilot.query<{ id: string; migration_name: string }>(
        'SELECT id, migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1',
      )
    ).rows;
    await pilot.query('UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = $1', [last!.id]);
    await pilot.close();
    try {
      await expect(moveToPostgres(source, target.url!)).rejects.toThrow(
        /is not at this version's schema: start the app once on it/,
      );
      expect(await target.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'`)).toEqual([]);
    } finally {
      const again = createPglite(source);
      await again.query('UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = $1', [last!.id]);
      await again.close();
    }
  });
});
