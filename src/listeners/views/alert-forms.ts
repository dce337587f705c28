import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AlertOutcome } from '../../generated/prisma/enums.js';
import { moveAlert, type MovePayload } from '../../services/alerts/alerts.js';
import { ALERT_ACTIONS } from '../../services/alerts/state-machine.js';
import { UserError } from '../../services/errors.js';
import { choice, collectFieldErrors, email, httpUrl, optional, phone, required, text } from '../../services/form-fields.js';
import { CLOSE_BLOCKS, OFFER_BLOCKS } from '../../slack/ids.js';
import { errorText } from '../../texts/fr.js';
import { refusalModal, savedModal } from '../../views/modals/administration.js';
import { authorise, withSubmissionSafetyNet } from '../guard.js';
import { asString, errorsResponse, readViewState } from '../view-state.js';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
const metadataSchema = z.object({ alertId: z.string().uuid() });

const offerForm = z
  .object({
    reference: required(text(40)),
    contactName: required(text(120)),
    contactEmail: optional(email),
    contactPhone: optional(phone),
    url: optional(httpUrl),
  })
  .superRefine(
    (form, ctx) => {
      if (form.contactEmail === undefined && form.contactPhone === undefined && !ctx.issues.some((i) => ['contactEmail', 'contactPhone'].includes(String(i.path?.[0])))) {
        ctx.addIssue({ code: 'custom', path: ['contactEmail'], message: 'contact_reach_missing' });
      }
    },
    { when: () => true },
  );

const closeForm = z.object({ outcome: required(choice(AlertOutcome)), note: required(text(1000)) });

/**
 * The three forms that move an alert: transmission by e-mail confirmed, France Travail's offer,
 * and the closing. Each validates, moves the alert (refused if it moved meanwhile), and shows
 * what happened in the modal; the messages that follow are owed and sent after the ack.
 */
function alertFormSubmission(
  ctx: AppContext,
  errorBlockId: string | null,
  read: (state: ReturnType<typeof readViewState>) => { ok: true; payload: MovePayload } | { ok: false; errors: Record<string, string> },
  done: string,
) {
  return withSubmissionSafetyNet(ctx.logger, errorBlockId, async ({ ack, body, view }: SubmitArgs) => {
    const { alertId } = metadataSchema.parse(JSON.parse(view.private_metadata || '{}'));
    const form = read(readViewState(view.state.values));
    if (!form.ok) return void (await ack(errorsResponse(form.errors)));
    const auth = await authorise(ctx.actors, body.user.id, ALERT_ACTIONS[form.payload.action].permission);
    if (!auth.ok) return void (await ack({ response_action: 'update', view: refusalModal(auth.refusal) }));
    try {
      await moveAlert(ctx.db, auth.actor, alertId, form.payload, ctx.now(), ctx.alerts);
    } catch (error) {
      if (error instanceof UserError) return void (await ack({ response_action: 'update', view: refusalModal(errorText(error.code, error.params)) }));
      throw error;
    }
    await ack({ response_action: 'update', view: savedModal('Alerte mise à jour', done) });
    await ctx.notifier.kick();
  });
}

export const transmitByEmailSubmission = (ctx: AppContext) =>
  alertFormSubmission(ctx, null, () => ({ ok: true, payload: { action: 'transmettre' } }), ':outbox_tray: Alerte transmise à France Travail. Enregistrez la référence de l’offre dès sa réception (bouton « Enregistrer l’offre » du message d’alerte).');

export const offerSubmission = (ctx: AppContext) =>
  alertFormSubmission(
    ctx,
    OFFER_BLOCKS.reference,
    (state) => {
      const parsed = offerForm.safeParse({
        reference: asString(state[OFFER_BLOCKS.reference]),
        contactName: asString(state[OFFER_BLOCKS.contactName]),
        contactEmail: asString(state[OFFER_BLOCKS.contactEmail]),
        contactPhone: asString(state[OFFER_BLOCKS.contactPhone]),
        url: asString(state[OFFER_BLOCKS.url]),
      });
      if (!parsed.success) {
        const errors = collectFieldErrors<keyof typeof OFFER_BLOCKS>(parsed.error.issues);
        return { ok: false, errors: Object.fromEntries(errors.map((e) => [OFFER_BLOCKS[e.field], errorText(e.code, e.params)])) };
      }
      return { ok: true, payload: { action: 'enregistrer_offre', offer: parsed.data } };
    },
    ":memo: Offre enregistrée. La coordination peut maintenant la diffuser aux partenaires.",
  );

export const closeSubmission = (ctx: AppContext) =>
  alertFormSubmission(
    ctx,
    CLOSE_BLOCKS.note,
    (state) => {
      const parsed = closeForm.safeParse({ outcome: asString(state[CLOSE_BLOCKS.outcome]), note: asString(state[CLOSE_BLOCKS.note]) });
      if (!parsed.success) {
        const errors = collectFieldErrors<keyof typeof CLOSE_BLOCKS>(parsed.error.issues);
        return { ok: false, errors: Object.fromEntries(errors.map((e) => [CLOSE_BLOCKS[e.field], errorText(e.code, e.params)])) };
      }
      return { ok: true, payload: { action: 'clore', outcome: parsed.data.outcome, note: parsed.data.note } };
    },
    ':lock: Alerte close. Le capteur est prévenu.',
  );
