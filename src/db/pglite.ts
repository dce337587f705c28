import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * PostgreSQL's buffer cache inside the embedded database. PGlite keeps PostgreSQL's default,
 * 128 MB, and fills it at start: with 32 MB the embedded app holds about 90 MB less (issue 15,
 * BENCHMARKS.md « Start-up and memory »), and a territory's data — tens of MB with a département's SIRENE
 * extract — still reads from memory: what the cache misses comes from the data directory
 * through the operating system's own cache.
 */
export const EMBEDDED_SHARED_BUFFERS = '32MB';

/**
 * Every embedded database is opened here, with the extensions the migrations create: the same
 * schema as on PostgreSQL (pg_trgm indexes the SIRENE type-ahead), whatever opens it — the app,
 * backups and restores, the tests. `dataDir` absent: in memory.
 */
export function createPglite(dataDir?: string, options: PGliteOptions = {}): PGlite {
  // One options object: PGlite ignores its second argument when the first is not a path.
  return new PGlite({
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
    ...options,
    ...(dataDir ? { dataDir } : {}),
    extensions: { ...options.extensions, pg_trgm },
  });
}
