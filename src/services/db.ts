import type { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** A Prisma client inside an interactive transaction. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Transaction-level advisory locks: kinds of work done one at a time across instances, released
 * when the transaction ends. One registry, so two kinds never share a key by accident.
 */
const LOCKS = {
  /** Saving a structure (its name is unique case-insensitively, which the database does not enforce). */
  structureSave: 720_001,
  /** Changing members and their roles. */
  membership: 720_002,
  /** Drafting or editing a committee agenda (two sessions must not take the same visits). */
  agendaDrafting: 740_221,
  /** A SIRENE import (session-level, on a connection of its own: it lasts minutes). */
  sireneImport: 760_001,
} as const;

/** The key of `lock`, for a session-level lock held on a connection of its own. */
export function advisoryLockKey(lock: keyof typeof LOCKS): number {
  return LOCKS[lock];
}

export async function lockFor(tx: Tx, lock: keyof typeof LOCKS): Promise<void> {
  // The keys are constants of this file, never input: inlined as they are.
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCKS[lock]})`);
}
