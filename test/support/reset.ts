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
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY`);
}
