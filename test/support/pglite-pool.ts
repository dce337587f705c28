import { readFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Migrated embedded databases kept by a test worker between its files. Starting a PGlite from the
 * run's migrated snapshot costs about 1.5–2 s of CPU (PostgreSQL booting inside WebAssembly) and
 * some sixty files each want one; emptying a used one takes a few milliseconds. A file's database
 * is emptied when the file closes it (every table truncated, identities restarted, the session's
 * state discarded) and handed to the worker's next file, unless its schema no longer matches the
 * migrated one (a test that added a trigger and failed before dropping it): then it is closed and
 * the next file gets a new one. vitest runs a worker's files one after another and, with
 * `isolate: false` (vitest.config.ts), in one module graph, so this module's pool lives as long as
 * the worker; in an isolated run it simply never holds anything.
 */
const idle: PGlite[] = [];
let migratedFingerprint: string | undefined;

export interface PgliteLease {
  /** The database, refusing every use once released: a query left running by a file cannot reach the next one's data. */
  pglite: PGlite;
  release(): Promise<void>;
}

export async function leaseMigratedPglite(snapshot: string): Promise<PgliteLease> {
  let pglite = idle.pop();
  if (!pglite) {
    const { createPglite } = await import('../../src/db/pglite.js');
    pglite = createPglite(undefined, { loadDataDir: new Blob([readFileSync(snapshot)]) });
    migratedFingerprint ??= await fingerprint(pglite);
  }
  const target = pglite;
  let released = false;
  const leased = new Proxy(target, {
    get(object, key) {
      if (released) throw new Error('test database used after its file closed it');
      const value: unknown = Reflect.get(object, key, object);
      // Bound to the real instance: PGlite's methods read its private fields.
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
  return {
    pglite: leased,
    async release() {
      if (released) return;
      released = true;
      if (await emptiedForReuse(target)) idle.push(target);
      else await target.close().catch(() => {});
    },
  };
}

/** Empties `pglite` back to the migrated state; false when it cannot be (schema changed, closed). */
async function emptiedForReuse(pglite: PGlite): Promise<boolean> {
  try {
    if (pglite.closed) return false;
    // A transaction a test left open, session settings, advisory locks, prepared statements.
    // (ROLLBACK outside a transaction is only a warning.)
    await pglite.exec('ROLLBACK');
    await pglite.exec('DISCARD ALL');
    const tables = await pglite.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    await pglite.exec(`TRUNCATE ${tables.rows.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
    return (await fingerprint(pglite)) === migratedFingerprint;
  } catch {
    return false;
  }
}

/** What the migrations built: relations and their column counts, triggers, functions, enums, migrations applied. */
async function fingerprint(pglite: PGlite): Promise<string> {
  const result = await pglite.query<{ f: string }>(`SELECT md5(string_agg(x, ',' ORDER BY x)) AS f FROM (
      SELECT 'r:' || relname || ':' || relkind::text || ':' || relnatts AS x FROM pg_class WHERE relnamespace = 'public'::regnamespace
      UNION ALL SELECT 't:' || tgname FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL SELECT 'p:' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
      UNION ALL SELECT 'e:' || enumtypid::regtype::text || ':' || enumlabel FROM pg_enum
      UNION ALL SELECT 'm:' || migration_name || ':' || checksum FROM "_prisma_migrations"
    ) s`);
  return result.rows[0]!.f;
}
