// Kept apart from client.ts: prisma.config.ts imports it before the client is generated.
import type { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/**
 * pglite-prisma-adapter 0.6 is typed against @prisma/driver-adapter-utils 6.10, whose ArgType
 * lacks fields 6.19 added; the runtime contract is the same (exercised by every test).
 */
export function pgliteAdapter(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
}
