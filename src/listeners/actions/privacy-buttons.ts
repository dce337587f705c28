import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { UserError } from '../../services/errors.js';
import { eraseCompanyData } from '../../services/privacy.js';
import { errorText } from '../../texts/fr.js';
import { ackFirst, authorise, ephemeral, tellClicker } from '../guard.js';

/** « Effacer définitivement » (confirmed in Slack): the company's data erased, the clicker told. */
export function eraseCompanyButton(ctx: AppContext) {
  return async (args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ackFirst(args.ack);
    const tell = tellClicker(args);
    const auth = await authorise(ctx.actors, args.body.user.id, 'eraseCompanyData');
    if (!auth.ok) return void (await tell(auth.refusal));
    const { value: companyId } = z.object({ value: z.string().uuid() }).parse(args.action);
    try {
      await eraseCompanyData(ctx.db, auth.actor, companyId, ctx.now());
    } catch (error) {
      if (error instanceof UserError) return void (await tell(errorText(error.code, error.params)));
      throw error;
    }
    const done = ':white_check_mark: Données de l’entreprise effacées. Les indicateurs et rapports gardent ses comptes.';
    if (args.body.response_url) await args.respond({ ...ephemeral(done), replace_original: true });
    else await tell(done);
  };
}
