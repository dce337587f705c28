import { PROGRAMME_NOTICES } from '../services/notices.js';
import { programmeProgress } from '../services/programmes/progress.js';
import type { ActionClock } from '../views/messages/action.js';
import { programmeNudgeMessage } from '../views/messages/programme.js';
import { defineNotice, type NoticesFor, showing } from './define.js';

/** How each message the visit programmes owe is rendered (src/services/notices.ts, PROGRAMME_NOTICES). */
export function programmeNotices(clock: () => ActionClock): NoticesFor<typeof PROGRAMME_NOTICES> {
  return {
    nudge: defineNotice(PROGRAMME_NOTICES.nudge, {
      async render(db, { structureId }) {
        const { today } = clock();
        const [progress] = await programmeProgress(db, today, { structureId });
        // Caught up since the nudge was owed: nothing to say.
        return progress?.behindPace
          ? showing(
              programmeNudgeMessage(progress, today),
              progress.targets.notVisited.map((t) => t.companyId),
            )
          : null;
      },
      onErasure: 'rerender',
    }),
  };
}
