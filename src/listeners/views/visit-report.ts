import type { ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ValidationFailed, type FieldError } from '../../services/errors.js';
import { can } from '../../services/permissions.js';
import { fileVisit, getVisitSummary } from '../../services/visits/file-visit.js';
import { parseVisitReport, type VisitField, type VisitForm } from '../../services/visits/visit-report.js';
import { VISIT_BLOCKS } from '../../slack/ids.js';
import { localDate } from '../../time.js';
import { visitSavedModal } from '../../views/messages/visit.js';
import { submissionListener } from '../guard.js';
import { publishHome } from '../shared.js';
import { asList, asString, fieldErrorsResponse, readMetadata, readViewState } from '../view-state.js';

const metadataSchema = z.object({ submissionKey: z.string().min(1) });

/** The modal's state as the service's form: block_ids back to field names. */
export function visitFormFromView(view: ViewSubmitAction['view']): VisitForm {
  const { submissionKey } = readMetadata(view, metadataSchema);
  const state = readViewState(view.state.values);
  const form: VisitForm = { submissionKey };
  for (const [field, blockId] of Object.entries(VISIT_BLOCKS) as [VisitField, string][]) {
    const value = state[blockId];
    if (field === 'toCommitteeAgenda') form.toCommitteeAgenda = asList(value).length > 0;
    else if (field === 'stakesHigh' || field === 'stakesMedium' || field === 'stakesLow') form[field] = asList(value);
    else form[field] = asString(value);
  }
  return form;
}

const toSlackErrors = (errors: FieldError<string>[]) =>
  fieldErrorsResponse(errors as FieldError<VisitField>[], VISIT_BLOCKS, VISIT_BLOCKS.companyId);

/** Submission of the visit-report modal: validate, save once, show the summary, then confirm by DM. */
export const visitReportSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'fileVisit', VISIT_BLOCKS.companyId, async ({ actor, ack, body, view, client }) => {
    const parsed = parseVisitReport(visitFormFromView(view), localDate(ctx.timeZone, ctx.now()));
    if (!parsed.ok) return void (await ack(toSlackErrors(parsed.errors)));
    let visitId: string;
    try {
      ({ visitId } = await fileVisit(ctx.db, actor, parsed.report, ctx.visits));
    } catch (error) {
      if (error instanceof ValidationFailed) return void (await ack(toSlackErrors(error.errors)));
      throw error;
    }
    const summary = await getVisitSummary(ctx.db, visitId);
    await ack({
      response_action: 'update',
      view: visitSavedModal(summary!, { canRaiseAlert: can(actor, 'raiseAlert') }),
    });
    // After the ack: the owed confirmation, and the capteur's refreshed App Home.
    await ctx.notifier.kick();
    await publishHome(ctx, client, body.user.id);
  });
