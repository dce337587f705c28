import type { Notice } from '../notifier.js';
import { PRIVACY_NOTICES } from '../services/notices.js';
import { InvalidPayload } from '../services/outbox.js';
import {
  getPostedMessage,
  markPostedMessageRedacted,
  postedMessageLocation,
} from '../services/privacy/posted-messages.js';
import { contentRemovedMessage } from '../views/messages/privacy.js';
import { defineNotice, type NoticesFor } from './define.js';

/**
 * How each message the protection of personal data owes is rendered (src/services/notices.ts,
 * PRIVACY_NOTICES), given the renderers of the messages it updates, by kind.
 */
export function privacyNotices(notices: Readonly<Record<string, Notice>>): NoticesFor<typeof PRIVACY_NOTICES> {
  return {
    /**
     * A message already posted, updated in place once what it showed was removed: an erased
     * company's message replaced by « Données effacées… » (one about several companies rendered
     * again, now without it); after a retention period, rendered again from what remains.
     */
    postedMessageRefresh: defineNotice(PRIVACY_NOTICES.postedMessageRefresh, {
      async render(db, { postedMessageId, mode }) {
        const posted = await getPostedMessage(db, postedMessageId);
        if (!posted) return null;
        const removed = contentRemovedMessage(mode);
        if (posted.redactedAt) return removed;
        const original = notices[posted.kind];
        if (original && (mode === 'refresh' || original.onErasure === 'rerender')) {
          const again = await renderAgain(original, db, posted.data, posted.channel);
          if (again) return again;
        }
        // Never shown again: updates of it still owed are dropped (src/notifier.ts).
        await markPostedMessageRedacted(db, posted.id);
        return removed;
      },
      async locate(db, { postedMessageId }) {
        return (await postedMessageLocation(db, postedMessageId)) ?? 'new';
      },
    }),
  };
}

/**
 * A posted message rendered again from its stored payload; null when it cannot be: its record is
 * gone, or its payload no longer fits its kind (then it is not shown again either: what it
 * showed must go, and « Données effacées… » takes its place).
 */
async function renderAgain(original: Notice, ...[db, data, recipient]: Parameters<Notice['render']>) {
  try {
    return await original.render(db, original.parse ? original.parse(data) : data, recipient);
  } catch (error) {
    if (error instanceof InvalidPayload) return null;
    throw error;
  }
}
