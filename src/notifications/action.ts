import {
  actionMessageFirstPostKey,
  actionMessageLocation,
  getAction,
  recordActionMessagePosted,
} from '../services/actions/actions.js';
import { actionsToMention, DIGEST_SETTINGS } from '../services/actions/digest.js';
import { hideUnnamed } from '../services/committees/consent.js';
import { ACTION_NOTICES } from '../services/notices.js';
import { type ActionClock, actionDigestMessage, actionMessage, actionNewsMessage } from '../views/messages/action.js';
import { defineNotice, inPlace, type NoticesFor, showing } from './define.js';

/** How each message an action owes is rendered (src/services/notices.ts, ACTION_NOTICES). */
export function actionNotices(clock: () => ActionClock): NoticesFor<typeof ACTION_NOTICES> {
  return {
    // The action's message in the committee channel: posted once, then updated in place.
    message: defineNotice(ACTION_NOTICES.message, {
      async render(db, { actionId }) {
        const action = await getAction(db, actionId);
        if (!action) return null;
        // In the committee channel: a company that did not consent is not named there.
        const [shown] = await hideUnnamed(db, [action]);
        return showing(actionMessage(shown!, clock()), [action.companyId]);
      },
      async locate(db, { actionId, update }) {
        return inPlace(db, await actionMessageLocation(db, actionId), update, actionMessageFirstPostKey(actionId));
      },
      async posted(db, { actionId }, _recipient, where) {
        await recordActionMessagePosted(db, actionId, where);
      },
    }),
    news: defineNotice(ACTION_NOTICES.news, {
      async render(db, { actionId }) {
        const action = await getAction(db, actionId);
        return action ? showing(actionNewsMessage(action, clock()), [action.companyId]) : null;
      },
    }),
    digest: defineNotice(ACTION_NOTICES.digest, {
      async render(db, { slackUserId, day }) {
        const items = await actionsToMention(db, slackUserId, day, DIGEST_SETTINGS);
        // Done since the digest was owed: nothing left to say, nothing is sent.
        return items.length
          ? showing(
              actionDigestMessage(items, clock()),
              items.map((a) => a.companyId),
            )
          : null;
      },
      onErasure: 'rerender',
    }),
  };
}
