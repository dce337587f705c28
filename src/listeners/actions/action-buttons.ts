import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { canChangeAction, changeAction, getAction } from '../../services/actions/actions.js';
import { UserError } from '../../services/errors.js';
import { listStructures } from '../../services/structures.js';
import { errorText } from '../../texts/fr.js';
import { localDate } from '../../time.js';
import { actionCreateModal, actionDueModal, actionNoteModal, actionStatusModal } from '../../views/modals/action.js';
import { ackFirst, authorise, tellClicker } from '../guard.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
const idValue = z.object({ value: z.string().uuid() });

/** « Créer une action » on a company card (the company's id as value) or an alert's page (the alert's). */
export function openActionCreate(ctx: AppContext, from: 'company' | 'alert') {
  return async (args: ButtonArgs) => {
    await ackFirst(args.ack);
    const tell = tellClicker(args);
    const auth = await authorise(ctx.actors, args.body.user.id, 'manageActions');
    if (!auth.ok) return void (await tell(auth.refusal));
    const { value: id } = idValue.parse(args.action);
    const alert =
      from === 'alert'
        ? await ctx.db.recruitmentAlert.findUnique({ where: { id }, select: { id: true, companyId: true } })
        : null;
    const companyId = from === 'alert' ? alert?.companyId : id;
    const company = companyId
      ? await ctx.db.company.findUnique({ where: { id: companyId }, select: { id: true, name: true } })
      : null;
    if (!company) return void (await tell(errorText(from === 'alert' ? 'alert_unknown' : 'company_unknown')));
    const structures = await listStructures(ctx.db, { activeOnly: true });
    const view = actionCreateModal({
      submissionKey: randomUUID(),
      company,
      structures,
      today: localDate(ctx.timeZone, ctx.now()),
      alertId: alert?.id,
    });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  };
}

/**
 * The buttons of an action (its message, /actions): « En cours » changes it at once; the others
 * open their form. Only the committee members of the owner structure and the coordination may.
 */
export function actionButton(ctx: AppContext, kind: 'start' | 'status' | 'note' | 'due') {
  return async (args: ButtonArgs) => {
    await ackFirst(args.ack);
    const tell = tellClicker(args);
    const auth = await authorise(ctx.actors, args.body.user.id, 'manageActions');
    if (!auth.ok) return void (await tell(auth.refusal));
    const { value: actionId } = idValue.parse(args.action);
    const action = await getAction(ctx.db, actionId);
    if (!action) return void (await tell(errorText('action_unknown')));
    if (!canChangeAction(auth.actor, action)) return void (await tell(errorText('action_not_yours')));
    if (kind === 'start') {
      try {
        await changeAction(
          ctx.db,
          auth.actor,
          actionId,
          { kind: 'statut', status: 'en_cours' },
          ctx.now(),
          ctx.actions,
        );
      } catch (error) {
        if (error instanceof UserError) return void (await tell(errorText(error.code, error.params)));
        throw error;
      }
      return void (await ctx.notifier.kick());
    }
    // The form's submission key: Slack's retries and a double submission record one change.
    const key = randomUUID();
    const view =
      kind === 'status'
        ? actionStatusModal(action, key)
        : kind === 'note'
          ? actionNoteModal(action, key)
          : actionDueModal(action, localDate(ctx.timeZone, ctx.now()), key);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  };
}
