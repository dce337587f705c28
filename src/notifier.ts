import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Db } from './services/db.js';
import {
  claimDue,
  InvalidPayload,
  markFailed,
  markSent,
  nextDueAt,
  postpone,
  releaseClaims,
  renewLease,
  type ClaimedMessage,
  type MessageLocation,
} from './services/outbox.js';
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

/** Where a message is in Slack; its link (`permalink`) is asked of Slack when the notice wants one. */
export type MessageRef = MessageLocation;

/**
 * One kind of owed message (src/notifications/, one per notice type of src/services/notices.ts).
 * `parse` reads the stored payload as the kind's schema says: what it returns is what the others
 * are given, and a payload it refuses (InvalidPayload) fails the message for good. `render` gives
 * its content at send time (null when its record no longer exists). Messages shown in place (an
 * alert's page) also say where they are: `locate` returns the message to update, 'new' to post
 * one, or 'wait' while an earlier owed post of it has not gone yet; `posted` records where a new
 * one landed (with its link when `wantsPermalink`).
 */
export interface Notice<D = unknown> {
  parse?(data: unknown): D;
  render(db: Db, data: D, recipient: string): Promise<RenderedMessage | null>;
  locate?(db: Db, data: D, recipient: string): Promise<MessageRef | 'new' | 'wait'>;
  posted?(db: Db, data: D, recipient: string, where: MessageRef): Promise<void>;
  wantsPermalink?: boolean;
  /**
   * When a company it shows is erased: `replace` (the default) puts « Données effacées… » in its
   * place; `rerender` renders it again (a message about several companies keeps the others).
   */
  onErasure?: 'replace' | 'rerender';
}

export interface Notifier {
  /**
   * Delivers every due message now; concurrent calls share one run (and trigger one more pass).
   * A message that cannot go yet (its conversation's pace, a retry, Slack's Retry-After) is sent
   * when its time comes: the notifier wakes itself then, not at the next run of a job.
   */
  kick(): Promise<void>;
  /** No more waking up (shutdown). */
  stop(): void;
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

/** Conversations served side by side; each conversation gets one message at a time, in order. */
const PARALLEL_CONVERSATIONS = 8;
/** Unpaced, a conversation's next messages taken in one claim (outbox.ts claimDue). */
const RUN_LENGTH = 10;
/** The notifier wakes itself for what falls due within this; the outbox job (every minute) does the rest. */
const MAX_SELF_WAKE_MS = 60_000;
/** Never sooner than this after a pass: what is due now was taken by the pass itself. */
const MIN_SELF_WAKE_MS = 25;

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
  /** The least time between two messages to one conversation (SLACK_PACE_MS; 0: no pacing). */
  paceMs?: number;
}): Notifier {
  const { db, client, logger, now, notices, paceMs = 0 } = deps;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let wake: { timer: NodeJS.Timeout; at: number } | null = null;

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
  async function recordLocation(
    message: ClaimedMessage,
    where: { channel: string; ts: string },
    content: RenderedMessage,
  ): Promise<void> {
    if (message.kind === POSTED_MESSAGE_REFRESH) return;
    try {
      await recordPosted(
        db,
        { channel: where.channel, ts: where.ts },
        {
          kind: message.kind,
          data: message.data,
          companyIds: content.companyIds,
          showsContacts: content.showsContacts,
        },
      );
    } catch (error) {
      logger.error(
        { outboxId: message.id, kind: message.kind, err: { message: (error as Error).message } },
        'posted message not located',
      );
    }
  }

  /**
   * Sends one owed message, or puts it back for later. Never throws. Returns whether the
   * conversation may go on to its next message: false while this one is still owed (a retry, a
   * wait, a lease lost); true once it is sent or has failed for good.
   */
  async function deliver(message: ClaimedMessage): Promise<boolean> {
    const attempts = message.attempts + 1;
    try {
      const notice = notices[message.kind];
      if (!notice) throw new PermanentError(`no renderer for kind ${message.kind}`);
      const data = notice.parse ? notice.parse(message.data) : message.data;
      const content = await notice.render(db, data, message.recipient);
      if (!content) throw new PermanentError('record not found');
      const where = notice.locate ? await notice.locate(db, data, message.recipient) : 'new';
      if (where === 'wait') {
        await postpone(db, message, new Date(now().getTime() + WAIT_FOR_FIRST_POST_MS));
        return false;
      }
      // Our claim may have expired while earlier messages of the batch were sent.
      if (!(await renewLease(db, message, now()))) {
        logger.warn(
          { outboxId: message.id, kind: message.kind },
          'owed message lease lost; left to the sender that took it over',
        );
        return false;
      }
      const blocks = content.blocks as never;
      if (where === 'new') {
        const sent = await client.chat.postMessage({ channel: message.recipient, text: content.text, blocks });
        if (sent.channel && sent.ts) {
          const at: MessageRef = { channel: sent.channel, ts: sent.ts };
          if (notice.posted) {
            if (notice.wantsPermalink) at.permalink = await permalinkOf(at);
            await notice.posted(db, data, message.recipient, at);
          }
          await recordLocation(message, at, content);
        }
      } else {
        // Erased since this update was owed: the message keeps « Données effacées… ».
        if (message.kind !== POSTED_MESSAGE_REFRESH && (await isRedacted(db, where))) {
          await markSent(db, message.id, now());
          return true;
        }
        await client.chat.update({ channel: where.channel, ts: where.ts, text: content.text, blocks });
        await recordLocation(message, where, content);
      }
      await markSent(db, message.id, now());
      return true;
    } catch (error) {
      if (error instanceof InvalidPayload) {
        // Its kind's schema refuses it: no retry will change that. The issues say where and what,
        // never the payload's values (they may hold personal data).
        logger.error(
          {
            outboxId: message.id,
            kind: message.kind,
            ...(error.kind !== message.kind && { payloadKind: error.kind }),
            attempts,
            issues: error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })),
          },
          'owed message payload invalid',
        );
        await markFailed(db, message.id, attempts, error.message, now(), true, message.lockedUntil);
        return true;
      }
      const retryAfter =
        (error as { code?: string; retryAfter?: number }).code === 'slack_webapi_rate_limited_error'
          ? (error as { retryAfter: number }).retryAfter
          : undefined;
      if (retryAfter !== undefined) {
        // Slack said when to come back: not a failure of ours, no attempt counted.
        logger.warn({ outboxId: message.id, kind: message.kind, retryAfter }, 'owed message rate-limited');
        await postpone(db, message, new Date(now().getTime() + retryAfter * 1000));
        return false;
      }
      const code = (error as { data?: { error?: string } }).data?.error;
      const permanent = error instanceof PermanentError || (code !== undefined && PERMANENT_ERRORS.has(code));
      const reason = code ?? (error as Error).message;
      // Ids and error codes only: message content may hold personal data.
      logger[permanent ? 'error' : 'warn'](
        { outboxId: message.id, kind: message.kind, attempts, reason },
        'owed message not delivered',
      );
      await markFailed(db, message.id, attempts, reason, now(), permanent, message.lockedUntil);
      return permanent;
    }
  }

  /** A conversation's claimed messages, in order; after one that is still owed, the rest go back. */
  async function deliverRun(run: ClaimedMessage[]): Promise<void> {
    for (const [i, message] of run.entries()) {
      if (await deliver(message)) continue;
      const rest = run.slice(i + 1);
      if (rest.length)
        await releaseClaims(db, rest).catch((error: unknown) =>
          logger.error({ err: error }, 'owed messages not released'),
        );
      return;
    }
  }

  /**
   * Each pass takes the next messages of every conversation that may have some now and sends the
   * conversations side by side, each one's messages one after the other. Paced, a conversation
   * gets one message per pass (its next comes in a later pass, at its pace).
   */
  async function deliverDue(): Promise<void> {
    for (;;) {
      const runs = await claimDue(db, now(), { limit: PARALLEL_CONVERSATIONS * 2, paceMs, runLength: RUN_LENGTH });
      if (runs.length === 0) return;
      await inParallel(runs, PARALLEL_CONVERSATIONS, deliverRun);
    }
  }

  /** Wakes the notifier when the next message can go, if that is soon (a pace, a retry, a Retry-After). */
  async function scheduleWake(): Promise<void> {
    const next = await nextDueAt(db, now(), paceMs);
    if (stopped || next === null) return;
    const delay = Math.min(Math.max(next.getTime() - now().getTime(), MIN_SELF_WAKE_MS), MAX_SELF_WAKE_MS);
    const at = Date.now() + delay;
    if (wake && wake.at <= at) return;
    if (wake) clearTimeout(wake.timer);
    const timer = setTimeout(() => {
      wake = null;
      void kick();
    }, delay);
    // Never keeps the process alive on its own.
    timer.unref();
    wake = { timer, at };
  }

  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      // A kick during scheduleWake counts too: its query may have read the outbox before the kicked
      // message was committed, and would then set no wake — the message waited for the next job's
      // pass (seen on PostgreSQL: alert pages over 10 s late with 20 alerts in flight).
      do {
        again = false;
        await deliverDue();
        if (!again) await scheduleWake();
      } while (again);
    })()
      .catch((error: unknown) => logger.error({ err: error }, 'outbox delivery failed'))
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    kick,
    stop() {
      stopped = true;
      if (wake) clearTimeout(wake.timer);
      wake = null;
    },
  };
}

class PermanentError extends Error {}
