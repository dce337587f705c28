import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_SHARED_BUFFERS } from '../../src/db/pglite.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/database.js';

/**
 * The embedded database as every part of the app opens it (src/db/pglite.ts createPglite, issue
 * 15): a buffer cache of 32 MB instead of PostgreSQL's 128 MB, which PGlite fills at start (about
 * 90 MB of memory), with PGlite's own start parameters kept and the trigram extension loaded.
 */
describe.skipIf(TEST_ENGINE !== 'pglite')('the embedded database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('runs with a small buffer cache, its other start parameters kept, and pg_trgm available', async () => {
    const setting = async (name: string) => (await db.query<Record<string, string>>(`SHOW ${name}`))[0]![name];
    expect(EMBEDDED_SHARED_BUFFERS).toBe('32MB');
    expect(await setting('shared_buffers')).toBe('32MB');
    // PGlite's own start parameters are still given (two of them).
    expect(await setting('max_parallel_workers')).toBe('0');
    expect(await setting('search_path')).toBe('public');
    expect((await db.query<{ s: number }>(`SELECT similarity('vierzon', 'vierzon') AS s`))[0]!.s).toBe(1);
  });
});
