import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Db } from './services/db.js';
import { claimDue, markFailed, markSent, renewLease } from './services/outbox.js';

export interface RenderedMessage {
  text: string;
  blocks?: unknown[];
}

/** Turns an owed message's data into its Slack content; null when its record no longer exists. */
export type Renderer = (db: Db, data: unknown) => Promise<RenderedMessage | null>;

export interface Notifier {
  /** Delivers every due message now; concurrent calls share one run (and trigger one more pass). */
  kick(): Promise<void>;
}

/** Slack errors no retry will fix: the message itself is wrong. */
const PERMANENT_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'no_text', 'invalid_arguments']);

export function createNotifier(deps: {
  db: Db;
  client: WebClient;
  logger: Logger;
  now: () => Date;
  renderers: Record<string, Renderer>;
}): Notifier {
  const { db, client, logger, now, renderers } = deps;
  let running: Promise<void> | null = null;
  let again = false;

  async function deliverDue(): Promise<void> {
    for (;;) {
      const batch = await claimDue(db, now());
      if (batch.length === 0) return;
      for (const message of batch) {
        const attempts = message.attempts + 1;
        try {
          const render = renderers[message.kind];
          if (!render) throw new PermanentError(`no renderer for kind ${message.kind}`);
          const content = await render(db, message.data);
          if (!content) throw new PermanentError('record not found');
          // Our claim may have expired while earlier messages of the batch were sent.
          if (!(await renewLease(db, message, now()))) {
            logger.warn({ outboxId: message.id, kind: message.kind }, 'owed message lease lost; left to the sender that took it over');
            continue;
          }
          await client.chat.postMessage({ channel: message.recipient, text: content.text, blocks: content.blocks as never });
          await markSent(db, message.id, now());
        } catch (error) {
          const code = (error as { data?: { error?: string } }).data?.error;
          const permanent = error instanceof PermanentError || (code !== undefined && PERMANENT_ERRORS.has(code));
          const reason = code ?? (error as Error).message;
          // Ids and error codes only: message content may hold personal data.
          logger[permanent ? 'error' : 'warn']({ outboxId: message.id, kind: message.kind, attempts, reason }, 'owed message not delivered');
          await markFailed(db, message.id, attempts, reason, now(), permanent, message.lockedUntil);
        }
      }
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
