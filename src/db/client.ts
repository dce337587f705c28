import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { createPglite } from './pglite.js';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyMigrations, type SqlSession } from './migrate.js';
import { pgliteAdapter } from './pglite-adapter.js';

export type Prisma = PrismaClient;
export type DatabaseEngine = 'pglite' | 'postgresql';

export interface Database {
  engine: DatabaseEngine;
  prisma: PrismaClient;
  /** Applies pending migrations; safe when several instances start at once. */
  migrate(): Promise<string[]>;
  /** Connects and runs `SELECT 1` on a connection of its own: throws while the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgresql://…` → PostgreSQL; absent → embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory; `memory://` keeps it in memory. */
  pgliteDataDir?: string;
  /** An already open PGlite (tests share its raw connection). */
  pglite?: PGlite;
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.pglite) return openPglite(options.pglite);
  const dataDir = options.pgliteDataDir ?? './data/pglite';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return openPglite(createPglite(dataDir));
}

function openPglite(pglite: PGlite): Database {
  const prisma = new PrismaClient({ adapter: pgliteAdapter(pglite) });
  const session: SqlSession = {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  };
  return {
    engine: 'pglite',
    prisma,
    migrate: () => applyMigrations(session),
    ping: async () => {
      await pglite.query('SELECT 1');
    },
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function openPostgres(connectionString: string): Database {
  // A connection that cannot be had quickly fails the request rather than outliving Slack's 3 s.
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString, connectionTimeoutMillis: 2_000 }) });
  return {
    engine: 'postgresql',
    prisma,
    // A dedicated connection: the advisory lock and the transactions must stay on one session.
    migrate: async () => {
      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        return await applyMigrations({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
        });
      } finally {
        await client.end();
      }
    },
    ping: async () => {
      const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
      // A failed connect may still emit 'error' later: never an unhandled event.
      client.on('error', () => {});
      try {
        await client.connect();
        await client.query('SELECT 1');
      } finally {
        await client.end().catch(() => {});
      }
    },
    close: () => prisma.$disconnect(),
  };
}
