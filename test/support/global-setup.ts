import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { withClient } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a data directory already migrated, as `dumpDataDir` writes it (a tar file). */
    pgliteSnapshot: string | null;
    /** PGlite: an empty data directory (initdb done, nothing migrated), for the migration tests. */
    pgliteEmptySnapshot: string | null;
    /** PostgreSQL: a database already migrated, that each test file's database is copied from. */
    postgresTemplate: string | null;
  }
}

/**
 * Migrates one database for the whole run; each test file's database starts as a copy of it.
 * Creating an embedded database runs initdb (≈ 2.5 s on a 2-core machine), loading a migrated
 * one ≈ 1 s; on PostgreSQL, a copy of a template skips the seventeen migrations.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `pem_template_${randomBytes(6).toString('hex')}`;
    await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = openDatabase({ databaseUrl: url.toString() });
    await database.migrate();
    await database.close();
    project.provide('postgresTemplate', name);
    project.provide('pgliteSnapshot', null);
    project.provide('pgliteEmptySnapshot', null);
    return async () => {
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    };
  }
  const { createPglite } = await import('../../src/db/pglite.js');
  const pglite = createPglite('memory://');
  // A dump taken before the database is ready never settles.
  await pglite.waitReady;
  const dir = mkdtempSync(join(tmpdir(), 'pem-test-'));
  const save = async (name: string) => {
    const file = join(dir, name);
    writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    return file;
  };
  project.provide('pgliteEmptySnapshot', await save('empty.tar'));
  const database = openDatabase({ pglite });
  await database.migrate();
  project.provide('pgliteSnapshot', await save('migrated.tar'));
  await database.close();
  project.provide('postgresTemplate', null);
  return async () => rmSync(dir, { recursive: true, force: true });
}
