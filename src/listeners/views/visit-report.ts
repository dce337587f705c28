import { randomUUID } from 'node:crypto';
import type { ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ValidationFailed, type FieldError } from '../../services/errors.js';
import { type FiledVisit, fileVisit } from '../../services/visits/file-visit.js';
import { alertDueAfterVisit } from '../../services/alerts/alert-from-visit.js';
import { alertReportModal } from '../../views/modals/alert.js';
import { parseVisitReport, type VisitField, type VisitForm } from '../../services/visits/visit-report.js';
import { VISIT_BLOCKS as B, VISIT_FOLLOW_UP } from '../../slack/ids.js';
import { localDate } from '../../time.js';
import { submissionListener } from '../guard.js';
import { companyPrefill, publishHome } from '../shared.js';
import { errorText } from '../../texts/fr.js';
import { VISIT_TEXTS } from '../../texts/visit.js';
import { SITUATION_QUESTIONS } from '../../views/modals/visit-report.js';
import { asList, asString, errorsResponse, fieldErrorsResponse, readMetadata, readViewState } from '../view-state.js';

const metadataSchema = z.object({ submissionKey: z.string().min(1) });

/** Where each field of the service's form is entered: the three priorities share the stakes list. */
export const VISIT_FIELD_BLOCKS: Record<VisitField, string> = {
  companyId: B.companyId,
  newSiret: B.newSiret,
  newName: B.newName,
  newNaf: B.newNaf,
  newHeadcountBand: B.newHeadcountBand,
  newCommune: B.newCommune,
  newPostalCode: B.newPostalCode,
  visitDate: B.visitDate,
  channel: B.channel,
  headcount: B.headcount,
  headcountTrend: B.situation,
  revenueTrend: B.situation,
  siteOutlook: B.situation,
  hiringNeeds: B.hiringNeeds,
  hiringHorizon: B.situation,
  jobsAtRisk: B.jobsAtRisk,
  investmentPlanned: B.situation,
  exportSharePct: B.exportSharePct,
  stakesHigh: B.stakes,
  stakesMedium: B.stakes,
  stakesLow: B.stakes,
  transmissionBuyer: B.situation,
  needs: B.needs,
  diagnostic: B.diagnostic,
  consentToShare: B.followUp,
  toCommitteeAgenda: B.followUp,
};

const PRIORITY_FIELDS = { haute: 'stakesHigh', moyenne: 'stakesMedium', basse: 'stakesLow' } as const;
type SituationField = keyof typeof SITUATION_QUESTIONS;
const isSituationField = (f: string): f is SituationField => Object.hasOwn(SITUATION_QUESTIONS, f);

/**
 * The modal's state as the service's form: block_ids back to field names. A field whose input is
 * not shown (the figures skipped, the new company not asked for) is simply absent.
 */
export function visitFormFromView(view: ViewSubmitAction['view']): VisitForm {
  const { submissionKey } = readMetadata(view, metadataSchema);
  const state = readViewState(view.state.values);
  const form: VisitForm = { submissionKey, stakesHigh: [], stakesMedium: [], stakesLow: [] };
  for (const [field, blockId] of Object.entries(VISIT_FIELD_BLOCKS) as [VisitField, string][]) {
    if (field === 'stakesHigh' || field === 'stakesMedium' || field === 'stakesLow') continue;
    if (isSituationField(field)) continue;
    const value = state[blockId];
    if (field === 'consentToShare' || field === 'toCommitteeAgenda') continue;
    form[field] = asString(value);
  }
  // Consent is a box ticked: unticked, the company did not agree (the service still hears « non »).
  const followUp = asList(state[B.followUp]);
  form.consentToShare = followUp.includes(VISIT_FOLLOW_UP.consentToShare) ? 'oui' : 'non';
  form.toCommitteeAgenda = followUp.includes(VISIT_FOLLOW_UP.toCommitteeAgenda);
  // « haute:recrutement »: the option group gives the priority. Anything else goes to the service as
  // typed, which refuses it as an unknown stake.
  for (const chosen of asList(state[B.stakes])) {
    const [priority, stake] = chosen.split(':');
    const field = PRIORITY_FIELDS[priority as keyof typeof PRIORITY_FIELDS];
    if (field && stake) form[field]!.push(stake);
    else form.stakesHigh!.push(chosen);
  }
  // « headcountTrend:hausse »: the option group gives the field. Two answers to one question reach
  // the service joined, which refuses them as an unknown choice (the listener says which first).
  for (const chosen of asList(state[B.situation])) {
    const [field, answer] = chosen.split(':');
    if (field && answer && isSituationField(field)) form[field] = form[field] ? `${form[field]},${answer}` : answer;
  }
  return form;
}

/** The questions of the situation list given more than one answer (the hint asks for one each). */
function situationAnsweredTwice(view: ViewSubmitAction['view']): string[] {
  const seen = new Map<string, number>();
  for (const chosen of asList(readViewState(view.state.values)[B.situation])) {
    const field = chosen.split(':')[0] ?? '';
    seen.set(field, (seen.get(field) ?? 0) + 1);
  }
  return [...seen].filter(([field, n]) => n > 1 && isSituationField(field)).map(([field]) => field);
}

/** Each error next to its input; one about an input the form does not show goes on its first input (Slack refuses errors on absent blocks). */
function toSlackErrors(errors: FieldError<string>[], view: ViewSubmitAction['view']) {
  const response = fieldErrorsResponse(errors as FieldError<VisitField>[], VISIT_FIELD_BLOCKS, B.companyId);
  const shown = Object.keys(view.state.values);
  const placed: Record<string, string> = {};
  for (const [blockId, text] of Object.entries(response.errors)) {
    const at = shown.includes(blockId) ? blockId : (shown[0] ?? blockId);
    placed[at] = placed[at] ? `${placed[at]} ${text}` : text;
  }
  return errorsResponse(placed);
}

/**
 * Submission of the visit-report modal: validate, save once, close the modal; the summary and
 * its buttons come in the direct message the visit owes (src/notifications/visit.ts). A visit that
 * records an urgent hiring need does not close: the alert form, pre-filled, takes its place.
 */
export const visitReportSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'fileVisit', B.companyId, async ({ actor, ack, body, view, client }) => {
    const twice = situationAnsweredTwice(view);
    if (twice.length) {
      const group = VISIT_TEXTS.modal.situationGroups[twice[0] as SituationField];
      return void (await ack(errorsResponse({ [B.situation]: errorText('one_per_group', { group }) })));
    }
    const parsed = parseVisitReport(visitFormFromView(view), localDate(ctx.timeZone, ctx.now()));
    if (!parsed.ok) return void (await ack(toSlackErrors(parsed.errors, view)));
    let filed: FiledVisit;
    try {
      filed = await fileVisit(ctx.db, actor, parsed.report, ctx.visits);
    } catch (error) {
      if (error instanceof ValidationFailed) return void (await ack(toSlackErrors(error.errors, view)));
      throw error;
    }
    // Something to do next: an urgent hiring need gives way to the alert form, pre-filled.
    const alert = await alertDueAfterVisit(ctx.db, actor, filed.visitId);
    if (alert) {
      const opening = await companyPrefill(ctx.db, '', alert.companyId);
      const next = alertReportModal({
        submissionKey: randomUUID(),
        deadlineHours: ctx.alerts.deadlineHours,
        ...opening,
        fromVisit: alert,
        afterVisitSaved: true,
      });
      await ack({ response_action: 'update', view: next });
    } else await ack({ response_action: 'clear' });
    // After the ack: the owed confirmation (summary and buttons), and the capteur's refreshed App Home.
    await ctx.notifier.kick();
    await publishHome(ctx, client, body.user.id);
  });
