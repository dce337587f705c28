import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { refusalModal } from '../../views/modals/administration.js';
import { visitReportModal } from '../../views/modals/visit-report.js';
import { openingFor } from '../commands/visite.js';
import { ackFirst, authorise } from '../guard.js';

/** « Nouvelle visite » (App Home, company card): the same modal as /visite, with the card's company. */
export function openVisitReport(ctx: AppContext) {
  return async ({
    ack,
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const auth = await authorise(ctx.actors, body.user.id, 'fileVisit');
    if (!auth.ok)
      return void (await client.views.open({ trigger_id: body.trigger_id, view: refusalModal(auth.refusal) }));
    const view = visitReportModal(await openingFor(ctx, '', action.value || undefined));
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
