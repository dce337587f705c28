import type { Prisma as P } from '../../generated/prisma/client.js';
import type { Db, Tx } from '../db.js';
import { enqueue } from '../outbox.js';

/**
 * The Slack messages the platform posted that show a company's data or a person's contact are
 * located when they are posted (PostedMessage: channel, ts, the companies they show), so that
 * when a company's data are erased or their retention period ends, each is found again and
 * updated in place through the outbox, with its retries like any owed message.
 */

/** Owed update of a posted message, rendered by src/notifications.ts. */
export const POSTED_MESSAGE_REFRESH = 'posted_message_refresh';

/**
 * `erase`: the message showed an erased company: replaced by « Données effacées… » (a message
 * about several companies is rendered again without it). `refresh`: rendered again from what
 * the platform now holds (contacts or free texts removed past their period).
 */
export type RefreshMode = 'erase' | 'refresh';

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
  const posted = await db.postedMessage.upsert({
    where: { channel_ts: where },
    create: {
      ...where,
      kind: message.kind,
      data: (message.data ?? {}) as P.InputJsonValue,
      showsContacts: message.showsContacts ?? false,
    },
    update: message.showsContacts ? { showsContacts: true } : {},
    select: { id: true },
  });
  if (companyIds.length)
    await db.postedMessageCompany.createMany({
      data: companyIds.map((companyId) => ({ messageId: posted.id, companyId })),
      skipDuplicates: true,
    });
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
    await enqueue(tx, {
      dedupeKey: `${POSTED_MESSAGE_REFRESH}:${m.id}:${reason}`,
      kind: POSTED_MESSAGE_REFRESH,
      recipient: m.channel,
      data: { postedMessageId: m.id, mode },
    });
  }
  return messages.length;
}

/** Whether an update of the message at (channel, ts) must not go: its content was erased. */
export async function isRedacted(db: Db, where: { channel: string; ts: string }): Promise<boolean> {
  const posted = await db.postedMessage.findUnique({ where: { channel_ts: where }, select: { redactedAt: true } });
  return posted?.redactedAt != null;
}
