import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { advisoryLockKey } from '../../src/services/db.js';
import { parseSireneArgs, runSireneImport } from '../../src/services/sirene/cli.js';
import { createTestDatabase, TEST_ENGINE } from '../support/database.js';

const FIXTURES = new URL('../fixtures/sirene/', import.meta.url).pathname;
const ETAB = join(FIXTURES, 'StockEtablissement_extrait.csv');

describe('npm run sirene:import', () => {
  it('parses its arguments and refuses missing files, unknown types and bad communes', () => {
    expect(parseSireneArgs(['--etablissements', ETAB, '--communes', '18', '--dry-run'])).toEqual({
      etablissements: ETAB,
      unitesLegales: undefined,
      communes: '18',
      dryRun: true,
    });
    expect(() => parseSireneArgs(['--communes', '18'])).toThrow(/usage/);
    expect(() => parseSireneArgs(['--etablissements', 'nope.csv', '--communes', '18'])).toThrow(/file not found/);
    expect(() => parseSireneArgs(['--etablissements', 'x.xlsx', '--communes', '18'])).toThrow(/unknown file type/);
    expect(() => parseSireneArgs(['--etablissements', ETAB, '--communes', 'Bourges'])).toThrow(/bad communes/);
    expect(() => parseSireneArgs(['--etablissements', ETAB, '--communes', '18', '--force'])).toThrow(/usage/);
  });

  it('exits 1 with one clear line on a missing file', async () => {
    const lines: string[] = [];
    const code = await runSireneImport(['--etablissements', 'absent.zip', '--communes', '18'], {
      env: {},
      out: () => {},
      err: (line) => lines.push(line),
    });
    expect([code, lines]).toEqual([1, ['file not found: absent.zip']]);
  });

  it.runIf(TEST_ENGINE === 'postgresql')(
    'refuses to start while another import holds the database, then runs once it has finished',
    { timeout: 60_000 },
    async () => {
      const db = await createTestDatabase();
      const other = new pg.Client({ connectionString: db.url });
      await other.connect();
      try {
        await other.query('SELECT pg_advisory_lock($1)', [advisoryLockKey('sireneImport')]);
        const io = () => {
          const lines = { out: [] as string[], err: [] as string[] };
          return {
            lines,
            io: {
              env: { DATABASE_URL: db.url },
              out: (l: string) => lines.out.push(l),
              err: (l: string) => lines.err.push(l),
            },
          };
        };
        const argv = ['--etablissements', ETAB, '--communes', '18033,18279'];
        const refused = io();
        expect(await runSireneImport(argv, refused.io)).toBe(1);
        expect(refused.lines.err).toEqual([
          'Another SIRENE import is running on this database: wait for it to finish (see /plateforme sirene).',
        ]);
        expect(await db.prisma.sireneImportRun.count()).toBe(0);
        await other.query('SELECT pg_advisory_unlock($1)', [advisoryLockKey('sireneImport')]);
        const ran = io();
        expect(await runSireneImport(argv, ran.io)).toBe(0);
        expect(ran.lines.out[0]).toMatch(/^read 50, kept \d+, inserted \d+/);
        // Released at the end: a second run may go (and changes nothing).
        const again = io();
        expect(await runSireneImport(argv, again.io)).toBe(0);
        expect(again.lines.out[0]).toMatch(/inserted 0, updated 0, closed 0/);
      } finally {
        await other.end();
        await db.close();
      }
    },
  );

  it('imports into the embedded database and says the counts', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sirene-cli-'));
    const { stdout } = await promisify(execFile)(
      'npx',
      [
        'tsx',
        'scripts/sirene-import.ts',
        '--etablissements',
        ETAB,
        '--communes',
        '18033,18279,18197,2A004,75101,75115',
      ],
      { env: { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: join(dir, 'pglite') } },
    );
    expect(stdout).toMatch(
      /^read 50, kept 38, inserted 38, updated 0, closed 0, left territory 0, companies refreshed 0 /,
    );
  });
});
