import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pgliteHolders } from '../../db/backup.js';
import { openDatabase } from '../../db/client.js';
import { advisoryLockKey } from '../db.js';
import { checkInputFile, importSirene, parseCommunes, SireneImportError } from './import.js';

/**
 * npm run sirene:import -- --etablissements <file> [--unites-legales <file>] --communes <list|dept|file>
 * [--dry-run]. The database is the app's: DATABASE_URL when set (PostgreSQL, rows COPYed), else
 * PGLITE_DATA_DIR (default ./data/pglite; the app must be stopped, one process holds it). Returns the
 * exit code; a refusal is one clear line, never a stack.
 */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

export const USAGE =
  'usage: npm run sirene:import -- --etablissements <file.csv|.csv.gz|.zip> [--unites-legales <file>] --communes <18033,18279 | 18 | communes.txt> [--dry-run]';

export interface SireneCliArgs {
  etablissements: string;
  unitesLegales?: string | undefined;
  communes: string;
  dryRun: boolean;
}

/** The arguments, checked (files there, communes understood); a SireneImportError says what is wrong. */
export function parseSireneArgs(argv: string[]): SireneCliArgs {
  let values: { etablissements?: string; 'unites-legales'?: string; communes?: string; 'dry-run'?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        etablissements: { type: 'string' },
        'unites-legales': { type: 'string' },
        communes: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SireneImportError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.etablissements || !values.communes) throw new SireneImportError(USAGE);
  checkInputFile(values.etablissements);
  if (values['unites-legales']) checkInputFile(values['unites-legales']);
  parseCommunes(values.communes);
  return {
    etablissements: values.etablissements,
    unitesLegales: values['unites-legales'],
    communes: values.communes,
    dryRun: values['dry-run'] === true,
  };
}

export async function runSireneImport(argv: string[], io: CliIo, now = new Date()): Promise<number> {
  let args: SireneCliArgs;
  try {
    args = parseSireneArgs(argv);
  } catch (error) {
    if (!(error instanceof SireneImportError)) throw error;
    io.err(error.message);
    return 1;
  }
  const databaseUrl = io.env.DATABASE_URL?.trim() || undefined;
  const dataDir = io.env.PGLITE_DATA_DIR?.trim() || './data/pglite';
  if (!databaseUrl && existsSync(dataDir) && pgliteHolders(dataDir)?.length) {
    io.err(`The embedded database in ${dataDir} is open in another process (the app?): stop it first.`);
    return 1;
  }
  // On PostgreSQL two imports could run at once (two operators, a cron and a person): one waits
  // for nothing and is refused. The embedded database is held by one process anyway.
  const lock = databaseUrl ? await takeImportLock(databaseUrl) : null;
  if (lock === 'taken') {
    io.err('Another SIRENE import is running on this database: wait for it to finish (see /plateforme sirene).');
    return 1;
  }
  const database = openDatabase({ databaseUrl, pgliteDataDir: dataDir });
  try {
    await database.migrate();
    const r = await importSirene(database.prisma, { ...args, now, postgresUrl: databaseUrl });
    io.out(
      `${r.dryRun ? 'dry run: ' : ''}read ${r.rowsRead}, kept ${r.rowsKept}, inserted ${r.inserted}, updated ${r.updated}, ` +
        `closed ${r.closed}, left territory ${r.leftTerritory}, companies refreshed ${r.companiesRefreshed} (${r.durationMs} ms, run ${r.runId})`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof SireneImportError)) throw error;
    io.err(error.message);
    return 1;
  } finally {
    await database.close();
    await lock?.release();
  }
}

/** The import's advisory lock, held by a connection of its own until released; 'taken' when another holds it. */
async function takeImportLock(databaseUrl: string): Promise<{ release(): Promise<void> } | 'taken'> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const key = advisoryLockKey('sireneImport');
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key]);
  if (!rows[0]?.locked) {
    await client.end();
    return 'taken';
  }
  return {
    release: async () => {
      await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {});
      await client.end();
    },
  };
}

/** The script's entry: .env read when present (variables already set win), then the import. */
export async function main(): Promise<never> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const code = await runSireneImport(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exit(code);
}
