import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { franceTravailAdvisers, getAlert, moveAlert, type MovePayload } from '../../services/alerts/alerts.js';
import { ALERT_ACTIONS, type AlertAction } from '../../services/alerts/state-machine.js';
import { audit } from '../../services/audit.js';
import { UserError } from '../../services/errors.js';
import { errorText } from '../../texts/fr.js';
import { closeModal, offerModal, transmitByEmailModal } from '../../views/modals/alert.js';
import { ackFirst, authorise, tellClicker } from '../guard.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
const alertButton = z.object({ value: z.string().uuid() });

/**
 * A button on an alert (page, France Travail request, reminder). Steps that need nothing more
 * move the alert at once; the others open their form. A refusal (no right, already done) is said
 * to the clicker only, and changes nothing.
 */
export function alertButtonAction(ctx: AppContext, action: AlertAction) {
  return async (args: ButtonArgs) => {
    const { ack, body, action: button, client } = args;
    await ackFirst(ack);
    const { value: alertId } = alertButton.parse(button);
    const tell = tellClicker(args);
    const auth = await authorise(ctx.actors, body.user.id, ALERT_ACTIONS[action].permission);
    if (!auth.ok) return void (await tell(auth.refusal));

    const openForm = async (form: 'offer' | 'close' | 'email') => {
      const alert = await getAlert(ctx.db, alertId);
      if (!alert) return void (await tell(errorText('alert_unknown')));
      const view =
        form === 'offer'
          ? offerModal(alert)
          : form === 'close'
            ? closeModal(alert)
            : transmitByEmailModal(alert, ctx.alerts.franceTravailEmail);
      await client.views.open({ trigger_id: body.trigger_id, view });
      if (form === 'email') {
        // The e-mail holds the company contact's details.
        await audit(ctx.db, {
          actorSlackId: body.user.id,
          action: 'alert.contact_shown',
          entity: 'RecruitmentAlert',
          entityId: alert.id,
          details: { kind: 'email' },
        });
      }
    };
    if (action === 'enregistrer_offre') return openForm('offer');
    if (action === 'clore') return openForm('close');
    // Without France Travail advisers in Slack, transmission is an e-mail the coordinator sends.
    if (action === 'transmettre' && (await franceTravailAdvisers(ctx.db)).length === 0) return openForm('email');

    try {
      await moveAlert(ctx.db, auth.actor, alertId, { action } as MovePayload, ctx.now(), ctx.alerts);
    } catch (error) {
      if (error instanceof UserError) return void (await tell(errorText(error.code, error.params)));
      throw error;
    }
    await ctx.notifier.kick();
  };
}
