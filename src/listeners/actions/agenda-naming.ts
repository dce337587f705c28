import type { AppContext } from '../../context.js';
import { nameAgendaCompany } from '../../services/committees/consent.js';
import { buttonListener, idValue } from '../guard.js';

/**
 * « Nommer l'entreprise » (confirmed in Slack) on the agenda item of a company shown without its
 * name: the coordination, which has its agreement, names it in the committee channel.
 */
export const nameAgendaCompanyButton = (ctx: AppContext) =>
  buttonListener(ctx, 'runCommittees', idValue, async ({ actor, value: agendaItemId, tell }) => {
    const named = await nameAgendaCompany(ctx.db, actor, agendaItemId, ctx.now());
    await tell(
      named
        ? ":white_check_mark: L'entreprise est désormais nommée dans le canal du comité."
        : "L'entreprise était déjà nommée.",
    );
    await ctx.notifier.kick();
  });
