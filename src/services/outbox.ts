import type { Prisma as P } from '../generated/prisma/client.js';
import type { Db, Tx } from './db.js';

/**
 * The outbox: messages the platform owes, written in the transaction of the record they are
 * about, then delivered by the notifier (src/notifier.ts) and retried until Slack accepts them.
 */
export interface OwedMessage {
  /** Same key, same message: enqueuing twice owes it once. */
  dedupeKey: string;
  kind: string;
  /** A Slack user or channel id. */
  recipient: string;
  data: P.InputJsonValue;
}

export async function enqueue(tx: Tx | Db, message: OwedMessage): Promise<void> {
  await tx.outboxMessage.createMany({ data: [message], skipDuplicates: true });
}

/** How long a claim keeps other senders off a message. */
export const LEASE_MS = 60_000;

export interface ClaimedMessage {
  id: string;
  kind: string;
  recipient: string;
  data: unknown;
  attempts: number;
  /** The lease this claim holds: a message whose lease changed since was taken over by another sender. */
  lockedUntil: Date;
}

/**
 * Takes up to `limit` due messages for this sender for `leaseMs`. SKIP LOCKED and the lease let
 * several instances deliver side by side without sending one message twice.
 */
export async function claimDue(db: Db, now: Date, limit = 20, leaseMs = LEASE_MS): Promise<ClaimedMessage[]> {
  const until = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<Omit<ClaimedMessage, 'lockedUntil'>[]>`
    UPDATE "OutboxMessage" SET "lockedUntil" = ${until}
     WHERE id IN (
       SELECT id FROM "OutboxMessage"
        -- Owed at once until put back for later (a retry, a rate limit): the database's clock and
        -- the app's may differ (tests run the app at another date), its first send must not wait.
        WHERE status = 'pending' AND ("nextAttemptAt" <= ${now} OR "nextAttemptAt" = "createdAt")
          AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, recipient, data, attempts`;
  return rows.map((row) => ({ ...row, lockedUntil: until }));
}

/**
 * Renews the lease of a claimed message just before it is sent, if it is still this sender's:
 * a batch is claimed at once, and a sender that stalled past the lease (Slack hanging, a long
 * pause) must not send what another sender has since claimed or delivered. Returns false then.
 */
export async function renewLease(db: Db, message: ClaimedMessage, now: Date, leaseMs = LEASE_MS): Promise<boolean> {
  const until = new Date(now.getTime() + leaseMs);
  const { count } = await db.outboxMessage.updateMany({
    where: { id: message.id, status: 'pending', lockedUntil: message.lockedUntil },
    data: { lockedUntil: until },
  });
  if (count === 1) message.lockedUntil = until;
  return count === 1;
}

/** Puts a claimed message back for later without counting an attempt (it was not tried). */
export async function postpone(db: Db, message: ClaimedMessage, until: Date): Promise<void> {
  await db.outboxMessage.updateMany({
    where: { id: message.id, status: 'pending', lockedUntil: message.lockedUntil },
    data: { lockedUntil: null, nextAttemptAt: until },
  });
}

export async function markSent(db: Db, id: string, now: Date): Promise<void> {
  await db.outboxMessage.update({
    where: { id },
    data: { status: 'sent', sentAt: now, lockedUntil: null, attempts: { increment: 1 }, lastError: null },
  });
}

/** Backoff: 10 s, 20 s, 40 s… capped at 30 min; a message is never given up on its own. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/**
 * Records a failed attempt. With `heldLease`, only while the message is still pending under that
 * lease: a sender whose lease ran out must not put back to pending a message another one sent.
 */
export async function markFailed(
  db: Db,
  id: string,
  attempts: number,
  error: string,
  now: Date,
  permanent = false,
  heldLease?: Date,
): Promise<void> {
  await db.outboxMessage.updateMany({
    where: heldLease ? { id, status: 'pending', lockedUntil: heldLease } : { id },
    data: {
      status: permanent ? 'failed' : 'pending',
      attempts,
      lastError: error.slice(0, 500),
      lockedUntil: null,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
    },
  });
}
