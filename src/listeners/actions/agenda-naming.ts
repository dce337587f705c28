import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { nameAgendaCompany } from '../../services/committees/consent.js';
import { UserError } from '../../services/errors.js';
import { errorText } from '../../texts/fr.js';
import { ackFirst, authorise, tellClicker } from '../guard.js';

/**
 * « Nommer l'entreprise » (confirmed in Slack) on the agenda item of a company shown without its
 * name: the coordination, which has its agreement, names it in the committee channel.
 */
export function nameAgendaCompanyButton(ctx: AppContext) {
  return async (args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ackFirst(args.ack);
    const tell = tellClicker(args);
    const auth = await authorise(ctx.actors, args.body.user.id, 'runCommittees');
    if (!auth.ok) return void (await tell(auth.refusal));
    const { value: agendaItemId } = z.object({ value: z.string().uuid() }).parse(args.action);
    try {
      const named = await nameAgendaCompany(ctx.db, auth.actor, agendaItemId, ctx.now());
      await tell(
        named
          ? ":white_check_mark: L'entreprise est désormais nommée dans le canal du comité."
          : "L'entreprise était déjà nommée.",
      );
    } catch (error) {
      if (error instanceof UserError) return void (await tell(errorText(error.code, error.params)));
      throw error;
    }
    await ctx.notifier.kick();
  };
}
