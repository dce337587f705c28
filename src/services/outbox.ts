import { Prisma, type Prisma as P } from '../generated/prisma/client.js';
import type { z } from 'zod';
import type { Db, Tx } from './db.js';

/*
 * The outbox: messages the platform owes, written in the transaction of the record they are
 * about, then delivered by the notifier (src/notifier.ts) and retried until Slack accepts them.
 * Each has a kind (a notice type, src/services/notices.ts) whose schema its payload fits.
 */

/** A payload is stored as JSON (ids, numbers, flags: never personal data): its schema reads JSON. */
export type NoticeSchema = z.ZodType<unknown, P.InputJsonValue>;

/**
 * A kind of owed message: its name, stored with each row, and the schema of its payload. The
 * kinds are declared in src/services/notices.ts and rendered in src/notifications/. A kind's name
 * never changes: rows already stored carry it.
 */
export interface NoticeType<K extends string = string, S extends NoticeSchema = NoticeSchema> {
  readonly kind: K;
  readonly schema: S;
}

/** What a service writes as the payload of a notice type. */
export type NoticeInput<T extends NoticeType> = z.input<T['schema']>;
/** What the payload of a notice type reads as, once checked: what its renderer is given. */
export type NoticeData<T extends NoticeType> = z.output<T['schema']>;

export function noticeType<const K extends string, S extends NoticeSchema>(kind: K, schema: S): NoticeType<K, S> {
  return Object.freeze({ kind, schema });
}

/** A message owed of a given kind. */
export interface OwedMessage<T extends NoticeType = NoticeType> {
  /** Same key, same message: enqueuing twice owes it once. */
  dedupeKey: string;
  /** A Slack user or channel id. */
  recipient: string;
  data: NoticeInput<T>;
}

/**
 * Owes a message of kind `type`, in the transaction of the record it is about. Its payload is the
 * kind's: checked by the compiler, and again here (a wrong one throws, and its transaction fails).
 */
export async function enqueue<T extends NoticeType>(
  tx: Tx | Db,
  type: T,
  message: OwedMessage<NoInfer<T>>,
): Promise<void> {
  type.schema.parse(message.data);
  await tx.outboxMessage.createMany({
    data: [{ ...message, kind: type.kind, data: message.data as P.InputJsonValue }],
    skipDuplicates: true,
  });
}

/** A stored payload its kind's schema refuses: no retry will make it render. */
export class InvalidPayload extends Error {
  constructor(
    readonly kind: string,
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(`invalid payload for ${kind}: ${describeIssues(issues)}`);
  }
}

/**
 * The issues of a refused payload, as they may be logged or stored: where and what (the schema's
 * words), never the values, which may hold personal data.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(payload)'}: ${i.code}, ${i.message}`).join('; ');
}

/** Reads a stored payload as its kind says; throws InvalidPayload when it does not fit. */
export function parsePayload<T extends NoticeType>(type: T, data: unknown): NoticeData<T> {
  const parsed = type.schema.safeParse(data);
  if (!parsed.success) throw new InvalidPayload(type.kind, parsed.error.issues);
  return parsed.data as NoticeData<T>;
}

/** Where a message is in Slack; with its link when one was asked for (to point people to it). */
export interface MessageLocation {
  channel: string;
  ts: string;
  permalink?: string | undefined;
}

/**
 * Whether the message owed under `dedupeKey` (the first post of a message shown in place) is
 * still to be sent: an update of it then waits, so it never posts a duplicate.
 */
export async function firstPostPending(db: Db, dedupeKey: string): Promise<boolean> {
  const firstPost = await db.outboxMessage.findUnique({ where: { dedupeKey }, select: { status: true } });
  return firstPost?.status === 'pending';
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
  /**
   * Unpaced, how many of a conversation's next messages one claim takes (they are then sent one
   * after the other, in order): a coordinator paged by 20 alerts at once gets them in one claim,
   * not in 20 passes. Paced, always one: the next waits for the pace anyway.
   */
  runLength?: number;
}

/**
 * Takes, for this sender and `leaseMs`, the next messages of up to `limit` conversations: each
 * conversation (a channel, or a person's DM) is a queue in the order its messages were written
 * (`seq`). Its oldest pending messages go first, and only while they are due (a message Slack asked
 * to come back later holds its conversation, and that one only), no other sender holds them, and
 * the conversation's last message left at least `paceMs` ago. Of two senders, one claims a
 * message (the row's lease is checked again as it is taken), and a sender keeps of a conversation
 * only the run it holds from its first message: several instances deliver side by side without
 * sending one message twice or two messages of a conversation out of order. Returns one run per
 * conversation: its claimed messages, in order.
 */
export async function claimDue(db: Db, now: Date, options: ClaimOptions = {}): Promise<ClaimedMessage[][]> {
  const { limit = 20, leaseMs = LEASE_MS, paceMs = 0 } = options;
  const runLength = paceMs > 0 ? 1 : Math.max(1, options.runLength ?? 1);
  const until = new Date(now.getTime() + leaseMs);
  const pacedSince = new Date(now.getTime() - paceMs);
  const rows = await db.$queryRaw<(Omit<ClaimedMessage, 'lockedUntil'> & { position: bigint })[]>`
    WITH pending AS (
      SELECT id, recipient, "nextAttemptAt",
             -- Owed at once until put back for later (a retry, a rate limit): the database's clock and
             -- the app's may differ (tests run the app at another date), its first send must not wait.
             ("nextAttemptAt" <= ${now} OR "nextAttemptAt" = "createdAt")
               AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now}) AS ready,
             row_number() OVER (PARTITION BY recipient ORDER BY seq) AS position
        FROM "OutboxMessage" WHERE status = 'pending'),
    conversations AS (
      SELECT head.recipient FROM pending head
       WHERE head.position = 1 AND head.ready
         ${paceMs > 0 ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" s WHERE s.recipient = head.recipient AND s."sentAt" > ${pacedSince})` : Prisma.empty}
       ORDER BY head."nextAttemptAt"
       LIMIT ${limit}),
    runs AS (
      -- From the head, while each message may go now.
      SELECT p.id, p.position FROM pending p JOIN conversations c ON c.recipient = p.recipient
       WHERE p.position <= ${runLength}
         AND NOT EXISTS (SELECT 1 FROM pending b
                          WHERE b.recipient = p.recipient AND b.position < p.position AND NOT b.ready))
    UPDATE "OutboxMessage" o SET "lockedUntil" = ${until}
      FROM runs
     WHERE o.id = runs.id AND o.status = 'pending' AND (o."lockedUntil" IS NULL OR o."lockedUntil" < ${now})
    RETURNING o.id, o.kind, o.recipient, o.data, o.attempts, runs.position`;
  // Another sender may have taken some of a run (its rows were locked when this one reached
  // them): only the part from the conversation's first message onwards, unbroken, is this one's.
  const byConversation = new Map<string, typeof rows>();
  for (const row of rows) {
    const run = byConversation.get(row.recipient);
    if (run) run.push(row);
    else byConversation.set(row.recipient, [row]);
  }
  const runs: ClaimedMessage[][] = [];
  const released: ClaimedMessage[] = [];
  for (const rows of byConversation.values()) {
    rows.sort((a, b) => Number(a.position - b.position));
    const run: ClaimedMessage[] = [];
    for (const [i, { position, ...message }] of rows.entries())
      (Number(position) === i + 1 ? run : released).push({ ...message, lockedUntil: until });
    if (run.length) runs.push(run);
  }
  // The messages after a break go back at once, for whichever sender holds the break.
  if (released.length) await releaseClaims(db, released);
  return runs;
}

/**
 * Gives back claimed messages not sent (the rest of a conversation's run once one of its messages
 * could not go): they stay pending, due as they were, for the next pass — still in order.
 */
export async function releaseClaims(db: Db, messages: ClaimedMessage[]): Promise<void> {
  for (const message of messages)
    await db.$executeRaw`
      UPDATE "OutboxMessage" SET "lockedUntil" = NULL
       WHERE id = ${message.id} AND status = 'pending' AND "lockedUntil" = ${message.lockedUntil}`;
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
  // Raw statements on the delivery path: Prisma runs updateMany in a transaction of its own (three
  // round trips for one UPDATE).
  const count = await db.$executeRaw`
    UPDATE "OutboxMessage" SET "lockedUntil" = ${until}
     WHERE id = ${message.id} AND status = 'pending' AND "lockedUntil" = ${message.lockedUntil}`;
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
  await db.$executeRaw`
    UPDATE "OutboxMessage"
       SET status = 'sent', "sentAt" = ${now}, "lockedUntil" = NULL, attempts = attempts + 1, "lastError" = NULL
     WHERE id = ${id}`;
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
