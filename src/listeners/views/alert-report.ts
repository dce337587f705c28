import type { ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { type AlertField, type AlertForm, parseAlertReport } from '../../services/alerts/alert-report.js';
import { raiseAlert } from '../../services/alerts/alerts.js';
import { ValidationFailed, type FieldError } from '../../services/errors.js';
import { ALERT_BLOCKS } from '../../slack/ids.js';
import { localDate } from '../../time.js';
import { alertRaisedModal } from '../../views/modals/alert.js';
import { submissionListener } from '../guard.js';
import { fieldErrorsResponse, readFields, readMetadata, readViewState } from '../view-state.js';

/** The form's metadata (views/modals/alert.ts AlertReportMetadata): the visit when raised from one. */
const metadataSchema = z.object({ submissionKey: z.string().min(1), visitId: z.string().min(1).optional() });

export function alertFormFromView(view: ViewSubmitAction['view']): AlertForm {
  const { submissionKey, visitId } = readMetadata(view, metadataSchema);
  return {
    submissionKey,
    ...(visitId ? { visitId } : {}),
    ...readFields(readViewState(view.state.values), ALERT_BLOCKS),
  };
}

const toSlackErrors = (errors: FieldError<string>[]) =>
  fieldErrorsResponse(errors as FieldError<AlertField>[], ALERT_BLOCKS, ALERT_BLOCKS.companyId);

/**
 * Submission of the alert modal: the alert and the pages it owes are saved before the ack, so
 * the capteur's confirmation means it is in the database, whatever Slack does next.
 */
export const alertReportSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'raiseAlert', ALERT_BLOCKS.companyId, async ({ actor, ack, view }) => {
    const now = ctx.now();
    const parsed = parseAlertReport(alertFormFromView(view), localDate(ctx.timeZone, now));
    if (!parsed.ok) return void (await ack(toSlackErrors(parsed.errors)));
    let raised: Awaited<ReturnType<typeof raiseAlert>>;
    try {
      raised = await raiseAlert(ctx.db, actor, parsed.report, now, ctx.alerts);
    } catch (error) {
      if (error instanceof ValidationFailed) return void (await ack(toSlackErrors(error.errors)));
      throw error;
    }
    await ack({ response_action: 'update', view: alertRaisedModal(raised, ctx.timeZone) });
    // After the ack: the pages to the coordinators and the capteur's confirmation.
    await ctx.notifier.kick();
  });
