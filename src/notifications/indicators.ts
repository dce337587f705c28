import { getSnapshotWithPrevious } from '../services/indicators/steering.js';
import { INDICATORS_NOTICES } from '../services/notices.js';
import type { Clock } from '../views/messages/alert.js';
import { indicatorsSnapshotMessage } from '../views/messages/indicators.js';
import { defineNotice, type NoticesFor } from './define.js';

/** How each message the steering indicators owe is rendered (src/services/notices.ts, INDICATORS_NOTICES). */
export function indicatorsNotices(clock: () => Clock): NoticesFor<typeof INDICATORS_NOTICES> {
  return {
    snapshot: defineNotice(INDICATORS_NOTICES.snapshot, {
      async render(db, { year, quarter }) {
        const snapshot = await getSnapshotWithPrevious(db, year, quarter);
        return snapshot ? indicatorsSnapshotMessage(snapshot, clock().timeZone) : null;
      },
    }),
  };
}
