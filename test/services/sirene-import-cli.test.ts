import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSireneArgs, runSireneImport } from '../../src/services/sirene/cli.js';

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
