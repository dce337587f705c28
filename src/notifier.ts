import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Db } from './services/db.js';
import { claimDue, markFailed, markSent, postpone, renewLease, type ClaimedMessage } from './services/outbox.js';
import { isRedacted, POSTED_MESSAGE_REFRESH, recordPosted, type Shows } from './services/privacy/posted-messages.js';

/**
 * A message as it goes to Slack, and what it shows: the companies it names and whether it shows a
 * person's contact, so that it is located once posted and found again when those data are erased
 * or their retention period ends (services/privacy/posted-messages.ts).
 */
export interface RenderedMessage extends Shows {
  text: string;
  blocks?: unknown[];
}

export interface MessageRef {
  channel: string;
  ts: string;
  /** The message's link, asked of Slack when the notice wants one (to point people to it). */
  permalink?: string | undefined;
}

/**
 * One kind of owed message. `render` gives its content at send time (null when its record no
 * longer exists). Messages shown in place (an alert's page) also say where they are: `locate`
 * returns the message to update, 'new' to post one, or 'wait' while an earlier owed post of it
 * has not gone yet; `posted` records where a new one landed (with its link when `wantsPermalink`).
 */
export interface Notice {
  render(db: Db, data: unknown, recipient: string): Promise<RenderedMessage | null>;
  locate?(db: Db, data: unknown, recipient: string): Promise<MessageRef | 'new' | 'wait'>;
  posted?(db: Db, data: unknown, recipient: string, where: MessageRef): Promise<void>;
  wantsPermalink?: boolean;
  /**
   * When a company it shows is erased: `replace` (the default) puts « Données effacées… » in its
   * place; `rerender` renders it again (a message about several companies keeps the others).
   */
  onErasure?: 'replace' | 'rerender';
}

export interface Notifier {
  /** Delivers every due message now; concurrent calls share one run (and trigger one more pass). */
  kick(): Promise<void>;
}

/** Slack errors no retry will fix: the message itself is wrong. */
const PERMANENT_ERRORS = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'invalid_arguments',
  'message_not_found',
  'cant_update_message',
  // The recipient does not exist (any more): a person deactivated in Slack, a deleted channel.
  'channel_not_found',
  'user_not_found',
  'account_inactive',
  'is_archived',
]);

/** Messages sent at once. Slack's limit is per channel (about one message a second, with bursts). */
const PARALLEL_LANES = 8;

/** What an owed message is about (an alert, a visit): its messages must keep their order. */
function subjectOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { alertId, visitId } = data as { alertId?: unknown; visitId?: unknown };
  return typeof alertId === 'string' ? alertId : typeof visitId === 'string' ? visitId : undefined;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** How long an update waits for the first post of its message to go. */
const WAIT_FOR_FIRST_POST_MS = 5_000;

export function createNotifier(deps: {
  db: Db;
  client: WebClient;
  logger: Logger;
  now: () => Date;
  notices: Record<string, Notice>;
}): Notifier {
  const { db, client, logger, now, notices } = deps;
  let running: Promise<void> | null = null;
  let again = false;

  /** The link of a message just posted; without it (Slack refused), the message still counts as sent. */
  async function permalinkOf(where: MessageRef): Promise<string | undefined> {
    try {
      return (await client.chat.getPermalink({ channel: where.channel, message_ts: where.ts })).permalink;
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message }, channel: where.channel }, 'permalink not available');
      return undefined;
    }
  }

  /** Records where a message showing companies or contacts is (never fails the delivery: Slack took it). */
  async function recordLocation(message: ClaimedMessage, where: { channel: string; ts: string }, content: RenderedMessage): Promise<void> {
    if (message.kind === POSTED_MESSAGE_REFRESH) return;
    try {
      await recordPosted(db, { channel: where.channel, ts: where.ts }, { kind: message.kind, data: message.data, companyIds: content.companyIds, showsContacts: content.showsContacts });
    } catch (error) {
      logger.error({ outboxId: message.id, kind: message.kind, err: { message: (error as Error).message } }, 'posted message not located');
    }
  }

  /** Sends one owed message, or puts it back for later. Never throws. */
  async function deliver(message: ClaimedMessage): Promise<void> {
    const attempts = message.attempts + 1;
    try {
      const notice = notices[message.kind];
      if (!notice) throw new PermanentError(`no renderer for kind ${message.kind}`);
      const content = await notice.render(db, message.data, message.recipient);
      if (!content) throw new PermanentError('record not found');
      const where = notice.locate ? await notice.locate(db, message.data, message.recipient) : 'new';
      if (where === 'wait') {
        await postpone(db, message, new Date(now().getTime() + WAIT_FOR_FIRST_POST_MS));
        return;
      }
      // Our claim may have expired while earlier messages of the batch were sent.
      if (!(await renewLease(db, message, now()))) {
        logger.warn({ outboxId: message.id, kind: message.kind }, 'owed message lease lost; left to the sender that took it over');
        return;
      }
      const blocks = content.blocks as never;
      if (where === 'new') {
        const sent = await client.chat.postMessage({ channel: message.recipient, text: content.text, blocks });
        if (sent.channel && sent.ts) {
          const at: MessageRef = { channel: sent.channel, ts: sent.ts };
          if (notice.posted) {
            if (notice.wantsPermalink) at.permalink = await permalinkOf(at);
            await notice.posted(db, message.data, message.recipient, at);
          }
          await recordLocation(message, at, content);
        }
      } else {
        // Erased since this update was owed: the message keeps « Données effacées… ».
        if (message.kind !== POSTED_MESSAGE_REFRESH && (await isRedacted(db, where))) {
          await markSent(db, message.id, now());
          return;
        }
        await client.chat.update({ channel: where.channel, ts: where.ts, text: content.text, blocks });
        await recordLocation(message, where, content);
      }
      await markSent(db, message.id, now());
    } catch (error) {
      const retryAfter = (error as { code?: string; retryAfter?: number }).code === 'slack_webapi_rate_limited_error' ? (error as { retryAfter: number }).retryAfter : undefined;
      if (retryAfter !== undefined) {
        // Slack said when to come back: not a failure of ours, no attempt counted.
        logger.warn({ outboxId: message.id, kind: message.kind, retryAfter }, 'owed message rate-limited');
        await postpone(db, message, new Date(now().getTime() + retryAfter * 1000));
        return;
      }
      const code = (error as { data?: { error?: string } }).data?.error;
      const permanent = error instanceof PermanentError || (code !== undefined && PERMANENT_ERRORS.has(code));
      const reason = code ?? (error as Error).message;
      // Ids and error codes only: message content may hold personal data.
      logger[permanent ? 'error' : 'warn']({ outboxId: message.id, kind: message.kind, attempts, reason }, 'owed message not delivered');
      await markFailed(db, message.id, attempts, reason, now(), permanent, message.lockedUntil);
    }
  }

  async function deliverDue(): Promise<void> {
    for (;;) {
      const batch = await claimDue(db, now());
      if (batch.length === 0) return;
      // Messages about one thing to one person go in order (an alert's page before its update);
      // the others side by side.
      const lanes = new Map<string, ClaimedMessage[]>();
      for (const message of batch) {
        const lane = `${message.recipient}:${subjectOf(message.data) ?? message.id}`;
        lanes.set(lane, [...(lanes.get(lane) ?? []), message]);
      }
      await inParallel([...lanes.values()], PARALLEL_LANES, async (messages) => {
        for (const message of messages) await deliver(message);
      });
    }
  }

  return {
    kick() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await deliverDue();
        } while (again);
      })()
        .catch((error: unknown) => logger.error({ err: error }, 'outbox delivery failed'))
        .finally(() => {
          running = null;
        });
      return running;
    },
  };
}

class PermanentError extends Error {}
