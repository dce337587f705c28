import { Prisma, type Prisma as P } from '../generated/prisma/client.js';
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

export interface ClaimOptions {
  /** Conversations served at once. */
  limit?: number;
  leaseMs?: number;
  /** The least time between two messages to one conversation (Slack: about one a second). */
  paceMs?: number;
}

/**
 * Takes, for this sender and `leaseMs`, the next message of up to `limit` conversations: each
 * conversation (a channel, or a person's DM) is a queue in the order its messages were written
 * (`seq`). Its oldest pending message goes first, and only when it is due (a message Slack asked
 * to come back later holds its conversation, and that one only), no other sender holds it, and
 * the conversation's last message left at least `paceMs` ago. Of two senders, one claims it
 * (the row's lease is checked again as it is taken): several instances deliver side by side
 * without sending one message twice or two messages of a conversation out of order.
 */
export async function claimDue(db: Db, now: Date, options: ClaimOptions = {}): Promise<ClaimedMessage[]> {
  const { limit = 20, leaseMs = LEASE_MS, paceMs = 0 } = options;
  const until = new Date(now.getTime() + leaseMs);
  const pacedSince = new Date(now.getTime() - paceMs);
  const rows = await db.$queryRaw<Omit<ClaimedMessage, 'lockedUntil'>[]>`
    UPDATE "OutboxMessage" o SET "lockedUntil" = ${until}
      FROM (
        SELECT head.id FROM (
          SELECT DISTINCT ON (recipient) id, recipient, "nextAttemptAt", "createdAt", "lockedUntil"
            FROM "OutboxMessage" WHERE status = 'pending'
           ORDER BY recipient, seq) head
         -- Owed at once until put back for later (a retry, a rate limit): the database's clock and
         -- the app's may differ (tests run the app at another date), its first send must not wait.
         WHERE (head."nextAttemptAt" <= ${now} OR head."nextAttemptAt" = head."createdAt")
           AND (head."lockedUntil" IS NULL OR head."lockedUntil" < ${now})
           ${paceMs > 0 ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" s WHERE s.recipient = head.recipient AND s."sentAt" > ${pacedSince})` : Prisma.empty}
         ORDER BY head."nextAttemptAt"
         LIMIT ${limit}) due
     WHERE o.id = due.id AND o.status = 'pending' AND (o."lockedUntil" IS NULL OR o."lockedUntil" < ${now})
    RETURNING o.id, o.kind, o.recipient, o.data, o.attempts`;
  return rows.map((row) => ({ ...row, lockedUntil: until }));
}

/**
 * When the next message could go, of any conversation with one pending (its time to be due, its
 * conversation's pace, another sender's lease): null when nothing is pending.
 */
export async function nextDueAt(db: Db, now: Date, paceMs = 0): Promise<Date | null> {
  const heads = await db.$queryRaw<
    { nextAttemptAt: Date; createdAt: Date; lockedUntil: Date | null; lastSentAt: Date | null }[]
  >`
    SELECT head."nextAttemptAt", head."createdAt", head."lockedUntil",
           (SELECT max(s."sentAt") FROM "OutboxMessage" s WHERE s.recipient = head.recipient) AS "lastSentAt"
      FROM (SELECT DISTINCT ON (recipient) recipient, "nextAttemptAt", "createdAt", "lockedUntil"
              FROM "OutboxMessage" WHERE status = 'pending' ORDER BY recipient, seq) head`;
  let next: number | null = null;
  for (const head of heads) {
    const due =
      head.nextAttemptAt.getTime() === head.createdAt.getTime() ? now.getTime() : head.nextAttemptAt.getTime();
    const paced = head.lastSentAt && paceMs > 0 ? head.lastSentAt.getTime() + paceMs : 0;
    const free = head.lockedUntil ? head.lockedUntil.getTime() : 0;
    const at = Math.max(due, paced, free);
    if (next === null || at < next) next = at;
  }
  return next === null ? null : new Date(next);
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
