import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/services/db.js';
import { anotherClient, createTestDatabase, type TestDatabase } from './database.js';
import { lateBound } from './late-bound.js';

/**
 * The test file's database, created before its tests and closed after them; its handle is usable
 * inside tests and hooks (a beforeAll of the file's, declared after this call, finds it created).
 * With `anotherInstance`, `other` is the client another app instance has on it (see anotherClient).
 */
export function withTestDatabase(options: { anotherInstance?: boolean } = {}): { db: TestDatabase; other: Db } {
  let db: TestDatabase | undefined;
  let other: { prisma: Db; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    if (options.anotherInstance) other = anotherClient(db);
  });
  afterAll(async () => {
    await other?.close();
    await db?.close();
  });
  const created = <T>(what: string, value: T | undefined): T => {
    if (!value) throw new Error(`withTestDatabase: ${what} is created in beforeAll; use it inside a test or a hook`);
    return value;
  };
  return {
    db: lateBound(() => created('the database', db)),
    other: lateBound(() => created('the other instance’s client (anotherInstance)', other).prisma),
  };
}
