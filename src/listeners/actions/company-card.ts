import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { refusalModal } from '../../views/modals/administration.js';
import { recordPosted } from '../../services/privacy/posted-messages.js';
import { cardMessage } from '../commands/entreprise.js';
import { ackFirst, authorise } from '../guard.js';

const buttonValue = z.object({ value: z.string().min(1) });

/**
 * « Voir la fiche » / « Fiche » buttons (company choices, confirmations, App Home). From a
 * message the card replaces nothing and goes to the clicker only; from the App Home, which has
 * no place to answer, it opens as a DM.
 */
export function showCompanyCard(ctx: AppContext) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const { value: companyId } = buttonValue.parse(action);
    const auth = await authorise(ctx.actors, body.user.id, 'readCompanies');
    if (!auth.ok)
      return void (await client.views.open({ trigger_id: body.trigger_id, view: refusalModal(auth.refusal) }));
    const card = await cardMessage(ctx, auth.actor, companyId);
    if (!card) return;
    if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, ...card });
    else {
      // A DM stays: located, to be replaced if the company's data are erased.
      const posted = await client.chat.postMessage({ channel: body.user.id, ...card });
      if (posted.channel && posted.ts)
        await recordPosted(
          ctx.db,
          { channel: posted.channel, ts: posted.ts },
          { kind: 'company_card', data: { companyId }, companyIds: [companyId] },
        );
    }
  };
}
