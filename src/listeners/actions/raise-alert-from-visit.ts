import { randomUUID } from 'node:crypto';
import type { View } from '@slack/types';
import type { AppContext } from '../../context.js';
import { alertFromVisit } from '../../services/alerts/alert-from-visit.js';
import { alertReportModal } from '../../views/modals/alert.js';
import { buttonListener, idValue } from '../guard.js';
import { companyPrefill } from '../shared.js';

/**
 * « Signaler une alerte recrutement » on a visit's confirmation (the DM, or the modal the report
 * turned into): the alert form, pre-filled with the visit's company and its hiring needs, the
 * visit kept in the form's metadata. From a modal, the form is pushed onto it.
 */
export const raiseAlertFromVisit = (ctx: AppContext) =>
  buttonListener(ctx, 'raiseAlert', idValue, async ({ actor, value: visitId, openModal, args }) => {
    const visit = await alertFromVisit(ctx.db, actor, visitId);
    const open = args.body.view
      ? async (view: View) => void (await args.client.views.push({ trigger_id: args.body.trigger_id, view }))
      : openModal;
    await open(
      alertReportModal({
        submissionKey: randomUUID(),
        deadlineHours: ctx.alerts.deadlineHours,
        ...(await companyPrefill(ctx.db, '', visit.companyId)),
        fromVisit: visit,
      }),
    );
  });
