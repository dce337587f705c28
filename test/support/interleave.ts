import type { Db } from '../../src/services/db.js';

/**
 * `db` as one instance's client whose first `operation` on `model` lets `meanwhile` run right
 * after its read returns: what another instance does between this one's read and its write.
 * `happened()` says whether it did (a test that means something checks it).
 */
export function interleaveAfterRead(
  db: Db,
  model: 'recruitmentAlert',
  operation: 'findMany' | 'findUnique',
  meanwhile: () => Promise<unknown>,
): { client: Db; happened: () => boolean } {
  let happened = false;
  const client = db.$extends({
    query: {
      [model]: {
        async [operation]({ args, query }: { args: unknown; query: (args: unknown) => Promise<unknown> }) {
          const found = await query(args);
          if (!happened) {
            happened = true;
            await meanwhile();
          }
          return found;
        },
      },
    },
  }) as unknown as Db;
  return { client, happened: () => happened };
}
