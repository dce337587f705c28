import { Prisma } from '../../src/generated/prisma/client.js';
import type { Db } from '../../src/services/db.js';

/**
 * Empties every table of the schema (the models Prisma knows, so a new one is never forgotten)
 * in one statement: each test that calls it starts from an empty database. `keep` names the
 * tables a file sets up once (its members, its structures) and every test reads.
 */
export async function resetTables(db: Db, options: { keep?: Prisma.ModelName[] } = {}): Promise<void> {
  const keep = new Set<string>(options.keep ?? []);
  const tables = Object.values(Prisma.ModelName).filter((model) => !keep.has(model));
  // CASCADE would also empty a kept table that references an emptied one: refuse rather than surprise.
  const truncate = `TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY`;
  // On PostgreSQL, work the app still finishes from the previous test (a delivery, the rest of a
  // handler after its ack) holds row locks on some tables while TRUNCATE takes all of them: the
  // server may break the deadlock by cancelling the TRUNCATE, which then simply goes again.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.$executeRawUnsafe(truncate);
      return;
    } catch (error) {
      const deadlock = (error as { meta?: { code?: string } }).meta?.code === '40P01' || /40P01/.test(String(error));
      if (!deadlock || attempt >= 5) throw error;
    }
  }
}
