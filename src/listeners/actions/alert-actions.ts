import type { AppContext } from '../../context.js';
import { franceTravailAdvisers, getAlert, moveAlert, type MovePayload } from '../../services/alerts/alerts.js';
import { ALERT_ACTIONS, type AlertAction } from '../../domain/alert-state-machine.js';
import { audit } from '../../services/audit.js';
import { errorText } from '../../texts/fr.js';
import { closeModal, offerModal, transmitByEmailModal } from '../../views/modals/alert.js';
import { buttonListener, idValue } from '../guard.js';

/**
 * A button on an alert (page, France Travail request, reminder). Steps that need nothing more
 * move the alert at once; the others open their form. A refusal (no right, already done) is said
 * to the clicker only, and changes nothing.
 */
export const alertButtonAction = (ctx: AppContext, action: AlertAction) =>
  buttonListener(ctx, ALERT_ACTIONS[action].permission, idValue, async ({ actor, value: alertId, tell, openModal }) => {
    const openForm = async (form: 'offer' | 'close' | 'email') => {
      const alert = await getAlert(ctx.db, alertId);
      if (!alert) return void (await tell(errorText('alert_unknown')));
      await openModal(
        form === 'offer'
          ? offerModal(alert)
          : form === 'close'
            ? closeModal(alert)
            : transmitByEmailModal(alert, ctx.alerts.franceTravailEmail),
      );
      if (form === 'email') {
        // The e-mail holds the company contact's details.
        await audit(ctx.db, {
          actorSlackId: actor.slackUserId,
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
    await moveAlert(ctx.db, actor, alertId, { action } as MovePayload, ctx.now(), ctx.alerts);
    await ctx.notifier.kick();
  });
