import { z } from 'zod';
import type { Notice } from './notifier.js';
import { getVisitSummary, VISIT_CONFIRMATION } from './services/visits/file-visit.js';
import { visitConfirmationMessage } from './views/messages/visit.js';

/** How each kind of owed message (services/outbox.ts) is rendered when it is sent. */
export const NOTICES: Record<string, Notice> = {
  [VISIT_CONFIRMATION]: {
    async render(db, data) {
      const { visitId } = z.object({ visitId: z.string() }).parse(data);
      const visit = await getVisitSummary(db, visitId);
      return visit ? visitConfirmationMessage(visit) : null;
    },
  },
};
