import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { moveAlert, type MovePayload } from '../../services/alerts/alerts.js';
import { ALERT_ACTIONS } from '../../domain/alert-state-machine.js';
import { UserError } from '../../services/errors.js';
import { parseClosing, parseOffer } from '../../services/alerts/alert-report.js';
import { CLOSE_BLOCKS, OFFER_BLOCKS } from '../../slack/ids.js';
import { ALERT_TEXTS, errorText } from '../../texts/fr.js';
import { refusalModal, savedModal } from '../../views/modals/administration.js';
import { authorise, withSubmissionSafetyNet } from '../guard.js';
import { type errorsResponse, fieldErrorsResponse, readFields, readMetadata, readViewState } from '../view-state.js';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
const metadataSchema = z.object({ alertId: z.string().uuid() });

/**
 * The three forms that move an alert: transmission by e-mail confirmed, France Travail's offer,
 * and the closing. Each validates, moves the alert (refused if it moved meanwhile), and shows
 * what happened in the modal; the messages that follow are owed and sent after the ack.
 */
function alertFormSubmission(
  ctx: AppContext,
  errorBlockId: string | null,
  read: (
    state: ReturnType<typeof readViewState>,
  ) => { ok: true; payload: MovePayload } | { ok: false; errors: ReturnType<typeof errorsResponse> },
  done: string,
) {
  return withSubmissionSafetyNet(ctx.logger, errorBlockId, async ({ ack, body, view }: SubmitArgs) => {
    const { alertId } = readMetadata(view, metadataSchema);
    const form = read(readViewState(view.state.values));
    if (!form.ok) return void (await ack(form.errors));
    const auth = await authorise(ctx.actors, body.user.id, ALERT_ACTIONS[form.payload.action].permission);
    if (!auth.ok) return void (await ack({ response_action: 'update', view: refusalModal(auth.refusal) }));
    try {
      await moveAlert(ctx.db, auth.actor, alertId, form.payload, ctx.now(), ctx.alerts);
    } catch (error) {
      if (error instanceof UserError)
        return void (await ack({ response_action: 'update', view: refusalModal(errorText(error.code, error.params)) }));
      throw error;
    }
    await ack({ response_action: 'update', view: savedModal(ALERT_TEXTS.savedTitle, done) });
    await ctx.notifier.kick();
  });
}

export const transmitByEmailSubmission = (ctx: AppContext) =>
  alertFormSubmission(
    ctx,
    null,
    () => ({ ok: true, payload: { action: 'transmettre' } }),
    ALERT_TEXTS.transmitByEmailModal.saved,
  );

export const offerSubmission = (ctx: AppContext) =>
  alertFormSubmission(
    ctx,
    OFFER_BLOCKS.reference,
    (state) => {
      const parsed = parseOffer(readFields(state, OFFER_BLOCKS));
      if (!parsed.ok)
        return { ok: false, errors: fieldErrorsResponse(parsed.errors, OFFER_BLOCKS, OFFER_BLOCKS.reference) };
      return { ok: true, payload: { action: 'enregistrer_offre', offer: parsed.offer } };
    },
    ALERT_TEXTS.offerModal.saved,
  );

export const closeSubmission = (ctx: AppContext) =>
  alertFormSubmission(
    ctx,
    CLOSE_BLOCKS.note,
    (state) => {
      const parsed = parseClosing(readFields(state, CLOSE_BLOCKS));
      if (!parsed.ok) return { ok: false, errors: fieldErrorsResponse(parsed.errors, CLOSE_BLOCKS, CLOSE_BLOCKS.note) };
      return { ok: true, payload: { action: 'clore', ...parsed.closing } };
    },
    ALERT_TEXTS.closeModal.saved,
  );
