import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { canChangeAction, changeAction, getAction } from '../../services/actions/actions.js';
import { getAlertCompanyId } from '../../services/alerts/alerts.js';
import { getCompanySummary } from '../../services/companies.js';
import { listStructures } from '../../services/structures.js';
import { errorText } from '../../texts/fr.js';
import { localDate } from '../../time.js';
import { actionCreateModal, actionDueModal, actionNoteModal, actionStatusModal } from '../../views/modals/action.js';
import { buttonListener, idValue } from '../guard.js';

/** « Créer une action » on a company card (the company's id as value) or an alert's page (the alert's). */
export const openActionCreate = (ctx: AppContext, from: 'company' | 'alert') =>
  buttonListener(ctx, 'manageActions', idValue, async ({ value: id, tell, openModal }) => {
    const companyId = from === 'alert' ? await getAlertCompanyId(ctx.db, id) : id;
    const company = companyId ? await getCompanySummary(ctx.db, companyId) : null;
    if (!company) return void (await tell(errorText(from === 'alert' ? 'alert_unknown' : 'company_unknown')));
    const structures = await listStructures(ctx.db, { activeOnly: true });
    await openModal(
      actionCreateModal({
        submissionKey: randomUUID(),
        company,
        structures,
        today: localDate(ctx.timeZone, ctx.now()),
        alertId: from === 'alert' ? id : undefined,
      }),
    );
  });

/**
 * The buttons of an action (its message, /actions): « En cours » changes it at once; the others
 * open their form. Only the committee members of the owner structure and the coordination may.
 */
export const actionButton = (ctx: AppContext, kind: 'start' | 'status' | 'note' | 'due') =>
  buttonListener(ctx, 'manageActions', idValue, async ({ actor, value: actionId, tell, openModal }) => {
    const action = await getAction(ctx.db, actionId);
    if (!action) return void (await tell(errorText('action_unknown')));
    if (!canChangeAction(actor, action)) return void (await tell(errorText('action_not_yours'), 'permission'));
    if (kind === 'start') {
      await changeAction(ctx.db, actor, actionId, { kind: 'statut', status: 'en_cours' }, ctx.now(), ctx.actions);
      return void (await ctx.notifier.kick());
    }
    // The form's submission key: Slack's retries and a double submission record one change.
    const key = randomUUID();
    await openModal(
      kind === 'status'
        ? actionStatusModal(action, key)
        : kind === 'note'
          ? actionNoteModal(action, key)
          : actionDueModal(action, localDate(ctx.timeZone, ctx.now()), key),
    );
  });
