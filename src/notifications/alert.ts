import {
  type AlertDetails,
  getAlert,
  recordAlertMessagePosted,
  shownMessageFirstPostKey,
  shownMessageLocation,
} from '../services/alerts/alerts.js';
import { ALERT_NOTICES } from '../services/notices.js';
import {
  alertBreachMessage,
  alertDiffusionMessage,
  alertNewsMessage,
  alertPageMessage,
  alertReminderMessage,
  type Clock,
  franceTravailRequestMessage,
} from '../views/messages/alert.js';
import { type DefinedNotice, defineNotice, inPlace, type NoticesFor, showing } from './define.js';

type ShownInPlace = typeof ALERT_NOTICES.page | typeof ALERT_NOTICES.franceTravailRequest;

/**
 * A message that shows an alert in place (a page, a France Travail request): posted once, then
 * updated. An update waits while the first post is still owed, so it never posts a duplicate.
 */
function shownInPlace<T extends ShownInPlace>(
  type: T,
  render: (alert: AlertDetails, clock: Clock) => { text: string; blocks: unknown[] },
  clock: () => Clock,
): DefinedNotice<T> {
  const shown = (alertId: string, recipient: string) => ({ alertId, kind: type.kind, recipient });
  return defineNotice<ShownInPlace>(type, {
    async render(db, { alertId }) {
      const alert = await getAlert(db, alertId);
      // It shows the company contact's name, phone and e-mail.
      return alert ? showing(render(alert, clock()), [alert.companyId], true) : null;
    },
    async locate(db, { alertId, update }, recipient) {
      const message = shown(alertId, recipient);
      return inPlace(db, await shownMessageLocation(db, message), update, shownMessageFirstPostKey(message));
    },
    async posted(db, { alertId }, recipient, where) {
      // The message shows the company contact's name, phone and e-mail: who got them is audited.
      await recordAlertMessagePosted(db, shown(alertId, recipient), where);
    },
  }) as DefinedNotice<T>;
}

/** How each message an alert owes is rendered (src/services/notices.ts, ALERT_NOTICES). */
export function alertNotices(clock: () => Clock): NoticesFor<typeof ALERT_NOTICES> {
  return {
    page: shownInPlace(ALERT_NOTICES.page, alertPageMessage, clock),
    franceTravailRequest: shownInPlace(ALERT_NOTICES.franceTravailRequest, franceTravailRequestMessage, clock),
    // Both may show France Travail's contact for the offer.
    news: defineNotice(ALERT_NOTICES.news, {
      async render(db, { alertId, transitionId }) {
        const alert = await getAlert(db, alertId);
        return alert ? showing(alertNewsMessage(alert, transitionId, clock()), [alert.companyId], true) : null;
      },
    }),
    diffusion: defineNotice(ALERT_NOTICES.diffusion, {
      async render(db, { alertId }) {
        const alert = await getAlert(db, alertId);
        return alert ? showing(alertDiffusionMessage(alert), [alert.companyId], true) : null;
      },
    }),
    reminder: defineNotice(ALERT_NOTICES.reminder, {
      // The elapsed time is said from the alert's raising and the clock, not from the reminder's nominal hour.
      async render(db, { alertId }) {
        const alert = await getAlert(db, alertId);
        return alert ? showing(alertReminderMessage(alert, clock()), [alert.companyId]) : null;
      },
    }),
    breach: defineNotice(ALERT_NOTICES.breach, {
      async render(db, { alertId }) {
        const alert = await getAlert(db, alertId);
        return alert ? showing(alertBreachMessage(alert, clock()), [alert.companyId]) : null;
      },
    }),
  };
}
