import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { alertFromVisit } from '../../services/alerts/alert-from-visit.js';
import { alertReportModal } from '../../views/modals/alert.js';
import { buttonListener, idValue } from '../guard.js';
import { companyPrefill } from '../shared.js';

/**
 * « Signaler une alerte recrutement » on a visit's direct-message confirmation: the alert form,
 * pre-filled with the visit's company and its hiring needs, the visit kept in the form's metadata.
 */
export const raiseAlertFromVisit = (ctx: AppContext) =>
  buttonListener(ctx, 'raiseAlert', idValue, async ({ actor, value: visitId, openModal }) => {
    const visit = await alertFromVisit(ctx.db, actor, visitId);
    await openModal(
      alertReportModal({
        submissionKey: randomUUID(),
        deadlineHours: ctx.alerts.deadlineHours,
        ...(await companyPrefill(ctx.db, '', visit.companyId)),
        fromVisit: visit,
      }),
    );
  });
