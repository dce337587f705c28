import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { recordPosted } from '../../services/privacy/posted-messages.js';
import { buttonListener } from '../guard.js';
import { companyCardFor } from '../shared.js';

/**
 * « Voir la fiche » / « Fiche » buttons (company choices, confirmations, App Home). From a
 * message the card replaces nothing and goes to the clicker only; from the App Home, which has
 * no place to answer, it opens as a DM.
 */
export const showCompanyCard = (ctx: AppContext) =>
  buttonListener(
    ctx,
    'readCompanies',
    z.string().min(1),
    async ({ actor, value: companyId, args: { body, respond, client } }) => {
      const card = await companyCardFor(ctx, actor, companyId);
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
    },
    { refuseIn: 'modal' },
  );
