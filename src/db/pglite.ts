import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * Every embedded database is opened here, with the extensions the migrations create: the same
 * schema as on PostgreSQL (pg_trgm indexes the SIRENE type-ahead), whatever opens it — the app,
 * backups and restores, the tests. `dataDir` absent: in memory.
 */
export function createPglite(dataDir?: string, options: PGliteOptions = {}): PGlite {
  // One options object: PGlite ignores its second argument when the first is not a path.
  return new PGlite({ ...options, ...(dataDir ? { dataDir } : {}), extensions: { ...options.extensions, pg_trgm } });
}
