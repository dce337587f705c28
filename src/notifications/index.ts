import type { Notice } from '../notifier.js';
import type { NOTICES } from '../services/notices.js';
import type { NoticeType } from '../services/outbox.js';
import type { ActionClock } from '../views/messages/action.js';
import { actionNotices } from './action.js';
import { alertNotices } from './alert.js';
import { committeeNotices } from './committee.js';
import type { DefinedNotice, NoticesFor } from './define.js';
import { indicatorsNotices } from './indicators.js';
import { privacyNotices } from './privacy.js';
import { programmeNotices } from './programme.js';
import { visitNotices } from './visit.js';

/** A renderer for every notice type of the catalogue (src/services/notices.ts), by domain and name. */
export type AllNotices = { [D in keyof typeof NOTICES]: NoticesFor<(typeof NOTICES)[D]> };

/** The renderers of some domains, by kind, as the notifier looks them up. */
function byKind(domains: Partial<AllNotices>): Record<string, Notice> {
  const notices: Record<string, Notice> = {};
  for (const domain of Object.values(domains))
    for (const notice of Object.values<DefinedNotice<NoticeType>>(domain)) notices[notice.type.kind] = notice;
  return notices;
}

/** How each kind of owed message (src/services/notices.ts) is rendered when it is sent, by kind. */
export function createNotices(clock: () => ActionClock): Record<string, Notice> {
  const updated: Omit<AllNotices, 'privacy'> = {
    alert: alertNotices(clock),
    action: actionNotices(clock),
    committee: committeeNotices(clock),
    visit: visitNotices(),
    programme: programmeNotices(clock),
    indicators: indicatorsNotices(clock),
  };
  const all: AllNotices = { ...updated, privacy: privacyNotices(byKind(updated)) };
  return byKind(all);
}
