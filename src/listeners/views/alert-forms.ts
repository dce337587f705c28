import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { moveAlert, type MovePayload } from '../../services/alerts/alerts.js';
import { ALERT_ACTIONS } from '../../domain/alert-state-machine.js';
import { parseClosing, parseOffer } from '../../services/alerts/alert-report.js';
import { CLOSE_BLOCKS, OFFER_BLOCKS } from '../../slack/ids.js';
import { ALERT_TEXTS } from '../../texts/fr.js';
import { savedModal } from '../../views/modals/administration.js';
import { submissionListener } from '../guard.js';
import { type errorsResponse, fieldErrorsResponse, readFields, readMetadata, readViewState } from '../view-state.js';

const metadataSchema = z.object({ alertId: z.string().uuid() });

type FormAction = 'transmettre' | 'enregistrer_offre' | 'clore';

/**
 * The three forms that move an alert: transmission by e-mail confirmed, France Travail's offer,
 * and the closing. Each form is one action, so its role is checked before the form is read; then
 * it validates, moves the alert (refused if it moved meanwhile), and shows what happened in the
 * modal; the messages that follow are owed and sent after the ack.
 */
function alertFormSubmission<Action extends FormAction>(
  ctx: AppContext,
  action: Action,
  errorBlockId: string | null,
  read: (
    state: ReturnType<typeof readViewState>,
  ) =>
    | { ok: true; payload: Extract<MovePayload, { action: Action }> }
    | { ok: false; errors: ReturnType<typeof errorsResponse> },
  done: string,
) {
  return submissionListener(ctx, ALERT_ACTIONS[action].permission, errorBlockId, async ({ actor, ack, view }) => {
    const { alertId } = readMetadata(view, metadataSchema);
    const form = read(readViewState(view.state.values));
    if (!form.ok) return void (await ack(form.errors));
    await moveAlert(ctx.db, actor, alertId, form.payload, ctx.now(), ctx.alerts);
    await ack({ response_action: 'update', view: savedModal(ALERT_TEXTS.savedTitle, done) });
    await ctx.notifier.kick();
  });
}

export const transmitByEmailSubmission = (ctx: AppContext) =>
  alertFormSubmission(
    ctx,
    'transmettre',
    null,
    () => ({ ok: true, payload: { action: 'transmettre' } }),
    ALERT_TEXTS.transmitByEmailModal.saved,
  );

export const offerSubmission = (ctx: AppContext) =>
  alertFormSubmission(
    ctx,
    'enregistrer_offre',
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
    'clore',
    CLOSE_BLOCKS.note,
    (state) => {
      const parsed = parseClosing(readFields(state, CLOSE_BLOCKS));
      if (!parsed.ok) return { ok: false, errors: fieldErrorsResponse(parsed.errors, CLOSE_BLOCKS, CLOSE_BLOCKS.note) };
      return { ok: true, payload: { action: 'clore', ...parsed.closing } };
    },
    ALERT_TEXTS.closeModal.saved,
  );
