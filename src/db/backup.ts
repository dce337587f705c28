import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createPglite } from './pglite.js';
import pg from 'pg';
import { applyMigrations, readMigrations, type SqlSession } from './migrate.js';

/**
 * Backups and the move to production (README, « Backups and the move to production »).
 *
 * - PostgreSQL: pg_dump in its custom format, pg_restore into an empty database.
 * - Embedded PGlite: its own dump of the data directory (a gzipped tarball, `dumpDataDir()`),
 *   restored by loading it into a new, empty data directory (`createPglite(undefined, { loadDataDir })`).
 * - The move of a pilot's embedded database into an empty PostgreSQL database: the app's
 *   migrations applied there (its own `_prisma_migrations` records), then every table's rows
 *   copied in foreign-key order in one transaction, each table's count and content digest
 *   checked before the commit.
 *
 * Every refusal is a BackupError: one clear message for the operator, no stack.
 */
export class BackupError extends Error {}

export type Log = (line: string) => void;

/** A PostgreSQL URL fit to print: its password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Where a backup goes when no file is named: ./backups/<engine>-YYYYMMDD-HHMMSS.<ext>. */
export function defaultBackupFile(engine: 'pglite' | 'postgresql', now = new Date()): string {
  return join('backups', `${engine}-${timestamp(now)}.${engine === 'pglite' ? 'tar.gz' : 'dump'}`);
}

// ───────────────────────────── PGlite ─────────────────────────────

/**
 * The processes holding files open inside a PGlite data directory, read from /proc: a running app
 * keeps its relation files open. `undefined` where /proc is not there. Asked before this process
 * opens the directory itself.
 */
export function pgliteHolders(dataDir: string): number[] | undefined {
  if (!existsSync('/proc/self/fd')) return undefined;
  const root = `${realpathSync(dataDir)}/`;
  const holders: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target.startsWith(root)) {
        holders.push(Number(entry));
        break;
      }
    }
  }
  return holders;
}

/**
 * PGlite is one process's database: opening a data directory the app has open would corrupt it.
 * Refused when another process holds its files; where that cannot be seen, when PGlite's
 * postmaster.pid says it is open (or was not closed), unless forced.
 */
export function assertPgliteNotInUse(dataDir: string, options: { force?: boolean } = {}): void {
  const holders = pgliteHolders(dataDir);
  if (holders?.length) {
    throw new BackupError(
      `The embedded database ${dataDir} is open in a running process (pid ${holders.join(', ')}): stop the app first (PGlite is a single-process database; opening it twice would corrupt it).`,
    );
  }
  if (holders === undefined && existsSync(join(dataDir, 'postmaster.pid')) && !options.force) {
    throw new BackupError(
      `The embedded database ${dataDir} looks open (postmaster.pid is there): stop the app first. If it is stopped (the last run did not close it), run again with --force.`,
    );
  }
}

function isNonEmptyDir(path: string): boolean {
  return existsSync(path) && readdirSync(path).length > 0;
}

function assertPgliteDataDir(dataDir: string): void {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new BackupError(`No embedded database in ${dataDir} (PGLITE_DATA_DIR): nothing to read.`);
  }
}

export interface TableCount {
  table: string;
  rows: number;
}

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** The app's tables (schema public, Prisma's bookkeeping table left out), by name. */
async function appTables(query: Query): Promise<string[]> {
  const rows = await query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
      ORDER BY c.relname COLLATE "C"`,
  );
  return rows.map((r) => r.name);
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every app table with its number of rows. */
export async function tableCounts(query: Query): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const table of await appTables(query)) {
    const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(table)}`);
    counts.push({ table, rows: row!.n });
  }
  return counts;
}

const pgliteQuery =
  (db: PGlite): Query =>
  async <T>(sql: string, params?: unknown[]) =>
    (await db.query<T>(sql, params)).rows;

/** The tables holding rows, one a line, then how many are empty. */
export function formatCounts(counts: TableCount[]): string {
  const filled = counts.filter((c) => c.rows > 0);
  const width = Math.max(...filled.map((c) => c.table.length), 5);
  const total = filled.reduce((sum, c) => sum + c.rows, 0);
  return [
    ...filled.map((c) => `  ${c.table.padEnd(width)}  ${c.rows}`),
    `  ${total} rows in ${filled.length} tables; ${counts.length - filled.length} other tables empty.`,
  ].join('\n');
}

/** Writes `data` to `file` through a temporary neighbour, so a failed backup never leaves half a file. */
async function writeAtomically(file: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(resolve(file)), { recursive: true });
  const tmp = `${file}.partial-${process.pid}`;
  await writeFile(tmp, data);
  const handle = await open(tmp, 'r+');
  await handle.sync();
  await handle.close();
  await rename(tmp, file);
}

export interface BackupOptions {
  log?: Log;
  force?: boolean;
}

/** The embedded database's own dump: a gzipped tarball of its data directory. */
export async function backupPglite(dataDir: string, file: string, options: BackupOptions = {}): Promise<TableCount[]> {
  const log = options.log ?? (() => {});
  assertPgliteDataDir(dataDir);
  assertPgliteNotInUse(dataDir, options);
  if (existsSync(file)) throw new BackupError(`${file} already exists: name another file.`);
  const db = createPglite(dataDir);
  try {
    const counts = await tableCounts(pgliteQuery(db));
    const tarball = await db.dumpDataDir('gzip');
    await writeAtomically(file, new Uint8Array(await tarball.arrayBuffer()));
    log(
      `Backup of the embedded database ${dataDir} written to ${file} (${formatSize(tarball.size)}):\n${formatCounts(counts)}`,
    );
    return counts;
  } finally {
    await db.close();
  }
}

function formatSize(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/**
 * Loads a PGlite backup into `dataDir`, which must be empty or absent; with `force`, an existing
 * directory is kept aside as `<dataDir>.replaced-<time>` (never deleted). The load happens in a
 * temporary neighbour first, so a failed restore leaves `dataDir` as it was.
 */
export async function restorePglite(file: string, dataDir: string, options: BackupOptions = {}): Promise<TableCount[]> {
  const log = options.log ?? (() => {});
  const kind = await backupKind(file);
  if (kind !== 'pglite') {
    throw new BackupError(
      kind === 'postgresql'
        ? `${file} is a PostgreSQL backup (pg_dump): restore it with DATABASE_URL set to an empty PostgreSQL database.`
        : `${file} is not a backup made by npm run db:backup.`,
    );
  }
  const occupied = isNonEmptyDir(dataDir);
  if (occupied && !options.force) {
    throw new BackupError(
      `${dataDir} is not empty: restoring there would replace a database. Restore into a new PGLITE_DATA_DIR, or run again with --force to keep the current one aside as ${basename(dataDir)}.replaced-<time> and restore in its place.`,
    );
  }
  if (occupied) assertPgliteNotInUse(dataDir, { force: false });
  const staging = `${dataDir.replace(/\/+$/, '')}.restoring-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(dirname(resolve(staging)), { recursive: true });
  let counts: TableCount[];
  try {
    const db = createPglite(staging, { loadDataDir: new Blob([await readFile(file)]) });
    try {
      counts = await tableCounts(pgliteQuery(db));
    } finally {
      await db.close();
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} could not be loaded: ${(error as Error).message}`);
  }
  let aside: string | undefined;
  if (occupied) {
    aside = `${dataDir.replace(/\/+$/, '')}.replaced-${timestamp(new Date())}`;
    await rename(dataDir, aside);
  } else if (existsSync(dataDir)) {
    await rm(dataDir, { recursive: true });
  }
  await rename(staging, dataDir);
  log(
    `Embedded database restored from ${file} into ${dataDir}${aside ? ` (the previous one kept as ${aside})` : ''}:\n${formatCounts(counts)}`,
  );
  return counts;
}

/** What a backup file holds, from its first bytes. */
export async function backupKind(file: string): Promise<'pglite' | 'postgresql' | 'unknown'> {
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    await handle.close();
  } catch {
    throw new BackupError(`${file}: no such file.`);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  if (head.toString('latin1') === 'PGDMP') return 'postgresql';
  return 'unknown';
}

// ───────────────────────────── PostgreSQL ─────────────────────────────

/** The URL without its password, which goes to the child through PGPASSWORD (never on a command line). */
function pgToolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${command} is not installed: install PostgreSQL's client tools (Debian: apt-get install postgresql-client), of the server's major version or newer.`
            : `${command} could not start: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolvePromise() : reject(new BackupError(`${command} failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`Cannot connect to ${redactUrl(url)}: ${(error as Error).message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const clientQuery =
  (client: pg.Client): Query =>
  async <T>(sql: string, params?: unknown[]) =>
    (await client.query(sql, params)).rows as T[];

/** pg_dump in its custom format (compressed, restored selectively by pg_restore). */
export async function backupPostgres(url: string, file: string, options: BackupOptions = {}): Promise<TableCount[]> {
  const log = options.log ?? (() => {});
  if (existsSync(file)) throw new BackupError(`${file} already exists: name another file.`);
  const counts = await withClient(url, (client) => tableCounts(clientQuery(client)));
  await mkdir(dirname(resolve(file)), { recursive: true });
  const tmp = `${file}.partial-${process.pid}`;
  const { url: bare, env } = pgToolConnection(url);
  try {
    await run('pg_dump', ['--format=custom', `--file=${tmp}`, `--dbname=${bare}`], env);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  log(
    `Backup of ${redactUrl(url)} written to ${file} (${formatSize((await stat(file)).size)}):\n${formatCounts(counts)}`,
  );
  return counts;
}

/** What a PostgreSQL database already holds outside the system schemas: relations and types. */
async function existingObjects(query: Query): Promise<string[]> {
  const rows = await query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
     UNION ALL
     SELECT n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype IN ('e', 'd', 'c') AND (t.typtype <> 'c' OR t.typrelid = 0)
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
     ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

function listSome(names: string[]): string {
  return names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
}

/**
 * pg_restore into an empty database, in one transaction (a failure leaves it as it was), without
 * the original owner and grants (the target's user owns what it restores). With `force`, a
 * non-empty database has the backup's objects dropped and recreated (--clean).
 */
export async function restorePostgres(file: string, url: string, options: BackupOptions = {}): Promise<TableCount[]> {
  const log = options.log ?? (() => {});
  const kind = await backupKind(file);
  if (kind !== 'postgresql') {
    throw new BackupError(
      kind === 'pglite'
        ? `${file} is a backup of the embedded database: restore it without DATABASE_URL (into an empty PGLITE_DATA_DIR), then move it with npm run db:move-to-postgres.`
        : `${file} is not a backup made by npm run db:backup.`,
    );
  }
  const existing = await withClient(url, (client) => existingObjects(clientQuery(client)));
  if (existing.length && !options.force) {
    throw new BackupError(
      `${redactUrl(url)} is not empty (${listSome(existing)}): restore into a new, empty database (createdb), or run again with --force to drop and replace what the backup holds.`,
    );
  }
  const { url: bare, env } = pgToolConnection(url);
  await run(
    'pg_restore',
    [
      '--no-owner',
      '--no-acl',
      '--exit-on-error',
      '--single-transaction',
      ...(existing.length ? ['--clean', '--if-exists'] : []),
      `--dbname=${bare}`,
      file,
    ],
    env,
  );
  const counts = await withClient(url, (client) => tableCounts(clientQuery(client)));
  log(`${file} restored into ${redactUrl(url)}:\n${formatCounts(counts)}`);
  return counts;
}

// ───────────────────────────── The move to PostgreSQL ─────────────────────────────

/** Tables ordered so that each comes after those its foreign keys point to. */
export async function foreignKeyOrder(query: Query, tables: string[]): Promise<string[]> {
  const edges = await query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p) || !parents.has(p)),
    );
    if (!ready.length) {
      throw new BackupError(
        `Cannot order the tables by their foreign keys (a cycle among ${tables.filter((t) => !done.has(t)).join(', ')}).`,
      );
    }
    for (const t of ready) {
      ordered.push(t);
      done.add(t);
    }
  }
  return ordered;
}

/** The same settings on both sides, so that rows print (and digest) the same. */
const SESSION_SETTINGS = `SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 1; SET bytea_output = 'hex'`;

/** A table's row count and a digest of its content, independent of row order and engine. */
async function tableDigest(query: Query, table: string): Promise<{ rows: number; digest: string }> {
  const [row] = await query<{ rows: number; digest: string }>(
    `SELECT count(*)::int AS rows, coalesce(md5(string_agg(h, '' ORDER BY h)), '') AS digest
       FROM (SELECT md5(t::text) COLLATE "C" AS h FROM ${ident(table)} t) rows`,
  );
  return row!;
}

export interface MoveResult {
  tables: { table: string; source: number; target: number }[];
}

/** Rows of one read from the embedded database; the JSON sent to PostgreSQL is cut at about this size. */
const READ_BATCH_ROWS = 500;
const WRITE_BATCH_CHARS = 8 * 1024 * 1024;

/**
 * Copies a pilot's embedded database into an empty PostgreSQL database: the app's migrations
 * applied there (recorded in its own `_prisma_migrations`), then each table's rows, read from
 * PGlite as JSON and inserted with json_populate_recordset (bytea, JSON, enums, dates kept
 * exactly), in foreign-key order, in one transaction; sequences set as they were; each table's
 * count and content digest compared before the commit. The embedded database is left as it was.
 */
export async function moveToPostgres(dataDir: string, url: string, options: { log?: Log } = {}): Promise<MoveResult> {
  const log = options.log ?? (() => {});
  assertPgliteDataDir(dataDir);
  assertPgliteNotInUse(dataDir);
  const migrations = await readMigrations();
  return withClient(url, async (client) => {
    const target = clientQuery(client);
    // Empty: nothing at all, or the app's schema with no rows (a first attempt that failed in the copy).
    const existing = await existingObjects(target);
    if (existing.length) {
      const reason = await notResumable(
        target,
        migrations.map((m) => m.name),
      );
      if (reason) {
        throw new BackupError(
          `${redactUrl(url)} is not empty (${reason}): the move goes into a new, empty PostgreSQL database only (createdb, then run again with its URL).`,
        );
      }
    }
    const source = createPglite(dataDir);
    try {
      const from = pgliteQuery(source);
      const applied = await from<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      ).catch(() => [] as { migration_name: string; checksum: string }[]);
      const expected = migrations.map((m) => `${m.name}:${m.checksum}`).join('\n');
      if (applied.map((m) => `${m.migration_name}:${m.checksum}`).join('\n') !== expected) {
        const known = new Set(migrations.map((m) => m.name));
        const newer = applied.some((m) => !known.has(m.migration_name));
        throw new BackupError(
          newer
            ? `The embedded database ${dataDir} was used by a newer version of the app: move it with that version.`
            : `The embedded database ${dataDir} is not at this version's schema: start the app once on it with this version (it applies its migrations), stop it, then run the move again.`,
        );
      }
      await applyMigrations(sessionOf(client), migrations);
      await source.exec(SESSION_SETTINGS);
      await client.query(SESSION_SETTINGS);
      const tables = await foreignKeyOrder(from, await appTables(from));
      const targetTables = new Set(await appTables(target));
      const missing = tables.filter((t) => !targetTables.has(t));
      if (missing.length)
        throw new BackupError(`The target lacks tables the embedded database has: ${missing.join(', ')}.`);

      const result: MoveResult = { tables: [] };
      await client.query('BEGIN');
      try {
        for (const table of tables) {
          await copyTable(from, client, table);
          const [a, b] = [await tableDigest(from, table), await tableDigest(target, table)];
          result.tables.push({ table, source: a.rows, target: b.rows });
          if (a.rows !== b.rows)
            throw new BackupError(
              `${table}: ${a.rows} rows in the embedded database, ${b.rows} copied. Nothing was kept.`,
            );
          if (a.digest !== b.digest)
            throw new BackupError(`${table}: the rows copied differ from the embedded database's. Nothing was kept.`);
        }
        // Sequences (the outbox's order) continue where they were.
        const sequences = await from<{ name: string; last_value: string | null }>(
          `SELECT sequencename AS name, last_value::text FROM pg_sequences WHERE schemaname = 'public'`,
        );
        for (const s of sequences) {
          if (s.last_value !== null)
            await client.query(`SELECT setval($1::regclass, $2::bigint, true)`, [
              `public.${ident(s.name)}`,
              s.last_value,
            ]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      const width = Math.max(...result.tables.map((t) => t.table.length));
      log(
        `Moved ${dataDir} into ${redactUrl(url)} — rows per table (embedded → PostgreSQL):\n` +
          result.tables.map((t) => `  ${t.table.padEnd(width)}  ${t.source} → ${t.target}`).join('\n') +
          `\nEvery table checked: same rows, same content.\n\nNext step: set DATABASE_URL=${redactUrl(url)} (with its password) in .env or the service's environment, then start the app (npm start). ` +
          `Keep ${dataDir} as it is until you are satisfied; the app no longer reads it once DATABASE_URL is set.`,
      );
      return result;
    } finally {
      await source.close();
    }
  });
}

function sessionOf(client: pg.Client): SqlSession {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: clientQuery(client),
  };
}

/** Why a non-empty target cannot take the move, or undefined when it holds the app's schema and no rows. */
async function notResumable(target: Query, migrationNames: string[]): Promise<string | undefined> {
  const applied = await target<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  ).catch(() => undefined);
  if (!applied) return listSome(await existingObjects(target));
  if (applied.map((m) => m.migration_name).join('\n') !== migrationNames.join('\n')) return 'another schema';
  const filled = (await tableCounts(target)).filter((c) => c.rows > 0);
  if (filled.length) return `rows in ${listSome(filled.map((c) => c.table))}`;
  return undefined;
}

async function copyTable(from: Query, client: pg.Client, table: string): Promise<void> {
  const insert = `INSERT INTO ${ident(table)} SELECT * FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`;
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!batch.length) return;
    await client.query(insert, [`[${batch.join(',')}]`]);
    batch = [];
    size = 0;
  };
  for (let offset = 0; ; offset += READ_BATCH_ROWS) {
    const rows = await from<{ j: string }>(
      `SELECT row_to_json(t)::text AS j FROM ${ident(table)} t ORDER BY t.ctid LIMIT ${READ_BATCH_ROWS} OFFSET ${offset}`,
    );
    for (const { j } of rows) {
      if (size + j.length > WRITE_BATCH_CHARS) await flush();
      batch.push(j);
      size += j.length;
    }
    if (rows.length < READ_BATCH_ROWS) break;
  }
  await flush();
}
