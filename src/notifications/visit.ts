import { offersAlertFromVisit } from '../services/alerts/alert-from-visit.js';
import { VISIT_NOTICES } from '../services/notices.js';
import { getVisitSummary } from '../services/visits/file-visit.js';
import { getOverlap } from '../services/visits/overlap.js';
import { visitConfirmationMessage, visitOverlapMessage } from '../views/messages/visit.js';
import { defineNotice, type NoticesFor, showing } from './define.js';

/** How each message a visit owes is rendered (src/services/notices.ts, VISIT_NOTICES). */
export function visitNotices(): NoticesFor<typeof VISIT_NOTICES> {
  return {
    confirmation: defineNotice(VISIT_NOTICES.confirmation, {
      async render(db, { visitId }) {
        const visit = await getVisitSummary(db, visitId);
        if (!visit) return null;
        const canRaiseAlert = await offersAlertFromVisit(db, visitId);
        return showing(visitConfirmationMessage(visit, { canRaiseAlert }), [visit.companyId]);
      },
    }),
    overlap: defineNotice(VISIT_NOTICES.overlap, {
      async render(db, { visitId, otherVisitIds }) {
        const overlap = await getOverlap(db, visitId, otherVisitIds);
        return overlap ? showing(visitOverlapMessage(overlap), [overlap.visit.company.id]) : null;
      },
    }),
  };
}
