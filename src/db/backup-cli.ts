import { existsSync } from 'node:fs';
import {
  backupPglite,
  backupPostgres,
  BackupError,
  defaultBackupFile,
  moveToPostgres,
  restorePglite,
  restorePostgres,
} from './backup.js';

/**
 * npm run db:backup [-- <file>], npm run db:restore -- <file> [--force],
 * npm run db:move-to-postgres -- <DATABASE_URL>. The database is the app's: DATABASE_URL when
 * set (PostgreSQL), else PGLITE_DATA_DIR (default ./data/pglite), read from the environment or
 * .env like the app does. Returns the exit code; a refusal is one clear line, never a stack.
 */
export type Command = 'backup' | 'restore' | 'move-to-postgres';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE: Record<Command, string> = {
  backup: 'usage: npm run db:backup [-- <file>] [--force]',
  restore: 'usage: npm run db:restore -- <file> [--force]',
  'move-to-postgres': 'usage: npm run db:move-to-postgres -- <postgresql://…>',
};

export async function runDbCommand(command: Command, argv: string[], io: CliIo): Promise<number> {
  const force = argv.includes('--force');
  const positional = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--force');
  if (unknown.length || positional.length > 1 || (command !== 'backup' && positional.length !== 1)) {
    io.err(USAGE[command]);
    return 2;
  }
  const databaseUrl = io.env.DATABASE_URL?.trim() || undefined;
  const dataDir = io.env.PGLITE_DATA_DIR?.trim() || './data/pglite';
  const log = io.out;
  try {
    switch (command) {
      case 'backup': {
        const file = positional[0] ?? defaultBackupFile(databaseUrl ? 'postgresql' : 'pglite');
        if (databaseUrl) await backupPostgres(databaseUrl, file, { log });
        else await backupPglite(dataDir, file, { log, force });
        return 0;
      }
      case 'restore': {
        const file = positional[0]!;
        if (databaseUrl) await restorePostgres(file, databaseUrl, { log, force });
        else await restorePglite(file, dataDir, { log, force });
        return 0;
      }
      case 'move-to-postgres': {
        const url = positional[0]!;
        if (!/^postgres(ql)?:\/\//.test(url)) {
          io.err(`${USAGE[command]}\nThe target must be a PostgreSQL URL.`);
          return 2;
        }
        if (!existsSync(dataDir))
          throw new BackupError(`No embedded database in ${dataDir} (PGLITE_DATA_DIR): nothing to move.`);
        await moveToPostgres(dataDir, url, { log });
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof BackupError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

/** The scripts' entry: .env read when present (variables already set win), then the command. */
export async function main(command: Command): Promise<never> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const code = await runDbCommand(command, process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exit(code);
}
