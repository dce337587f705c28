import { randomUUID } from 'node:crypto';
import { Prisma, type Prisma as P } from '../../generated/prisma/client.js';
import type { Db, Tx } from '../db.js';
import { PRIVACY_NOTICES } from '../notices.js';
import { enqueue, type MessageLocation, type NoticeData } from '../outbox.js';

/**
 * The Slack messages the platform posted that show a company's data or a person's contact are
 * located when they are posted (PostedMessage: channel, ts, the companies they show), so that
 * when a company's data are erased or their retention period ends, each is found again and
 * updated in place through the outbox, with its retries like any owed message.
 */

/** The kind of an owed update of a posted message (PRIVACY_NOTICES.postedMessageRefresh), as stored. */
export const POSTED_MESSAGE_REFRESH = PRIVACY_NOTICES.postedMessageRefresh.kind;

/**
 * `erase`: the message showed an erased company: replaced by « Données effacées… » (a message
 * about several companies is rendered again without it). `refresh`: rendered again from what
 * the platform now holds (contacts or free texts removed past their period).
 */
export type RefreshMode = NoticeData<typeof PRIVACY_NOTICES.postedMessageRefresh>['mode'];

/** What a rendered message shows, for locating it later. */
export interface Shows {
  companyIds?: string[] | undefined;
  showsContacts?: boolean | undefined;
}

/**
 * Records where a message showing companies (or contacts) landed, or what an update of it now
 * shows. A crash between Slack taking the message and this record leaves the message unlocated:
 * the same documented window as the outbox's.
 */
export async function recordPosted(
  db: Db | Tx,
  where: { channel: string; ts: string },
  message: { kind: string; data: unknown } & Shows,
): Promise<void> {
  const companyIds = [...new Set(message.companyIds ?? [])];
  if (companyIds.length === 0 && !message.showsContacts) return;
  const companies = companyIds.length
    ? Prisma.sql`ARRAY[${Prisma.join(companyIds)}]::text[]`
    : Prisma.sql`ARRAY[]::text[]`;
  // One statement (it runs for every message the notifier posts): Prisma's upsert and createMany
  // were seven round trips, two transactions of their own among them.
  await db.$executeRaw`
    WITH posted AS (
      INSERT INTO "PostedMessage" (id, channel, ts, kind, data, "showsContacts")
      VALUES (${randomUUID()}, ${where.channel}, ${where.ts}, ${message.kind},
              ${JSON.stringify(message.data ?? {})}::jsonb, ${message.showsContacts ?? false})
      ON CONFLICT (channel, ts)
        DO UPDATE SET "showsContacts" = "PostedMessage"."showsContacts" OR EXCLUDED."showsContacts"
      RETURNING id)
    INSERT INTO "PostedMessageCompany" ("messageId", "companyId")
    SELECT posted.id, company.id FROM posted, unnest(${companies}) AS company(id)
    ON CONFLICT DO NOTHING`;
}

/**
 * Owes an update of every message still shown that matches `where` (each once per `reason`):
 * returns how many. Called in the transaction that removed the data, so none is forgotten.
 */
export async function owePostedMessageRefresh(
  tx: Tx | Db,
  where: P.PostedMessageWhereInput,
  mode: RefreshMode,
  reason: string,
): Promise<number> {
  const messages = await tx.postedMessage.findMany({
    where: { ...where, redactedAt: null },
    select: { id: true, channel: true },
  });
  for (const m of messages) {
    await enqueue(tx, PRIVACY_NOTICES.postedMessageRefresh, {
      dedupeKey: `${POSTED_MESSAGE_REFRESH}:${m.id}:${reason}`,
      recipient: m.channel,
      data: { postedMessageId: m.id, mode },
    });
  }
  return messages.length;
}

/** A posted message, as recorded (null when unknown). */
export async function getPostedMessage(db: Db, id: string) {
  return db.postedMessage.findUnique({ where: { id } });
}

/** Where a posted message is (null when unknown). */
export async function postedMessageLocation(db: Db, id: string): Promise<MessageLocation | null> {
  return db.postedMessage.findUnique({ where: { id }, select: { channel: true, ts: true } });
}

/**
 * Marks a posted message as never shown again (« Données effacées… » or « Contenu retiré… » in
 * its place): updates of it still owed are dropped (src/notifier.ts).
 */
export async function markPostedMessageRedacted(db: Db, id: string, at = new Date()): Promise<void> {
  await db.postedMessage.update({ where: { id }, data: { redactedAt: at } });
}

/** Whether an update of the message at (channel, ts) must not go: its content was erased. */
export async function isRedacted(db: Db, where: { channel: string; ts: string }): Promise<boolean> {
  const posted = await db.postedMessage.findUnique({ where: { channel_ts: where }, select: { redactedAt: true } });
  return posted?.redactedAt != null;
}
