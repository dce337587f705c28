import type { AppContext } from '../../context.js';
import { nameAgendaCompany } from '../../services/committees/consent.js';
import { COMMITTEE_TEXTS } from '../../texts/fr.js';
import { buttonListener, idValue } from '../guard.js';

/**
 * « Nommer l'entreprise » (confirmed in Slack) on the agenda item of a company shown without its
 * name: the coordination, which has its agreement, names it in the committee channel.
 */
export const nameAgendaCompanyButton = (ctx: AppContext) =>
  buttonListener(ctx, 'runCommittees', idValue, async ({ actor, value: agendaItemId, tell }) => {
    const named = await nameAgendaCompany(ctx.db, actor, agendaItemId, ctx.now());
    await tell(named ? COMMITTEE_TEXTS.agendaItem.named : COMMITTEE_TEXTS.agendaItem.alreadyNamed, 'notice');
    await ctx.notifier.kick();
  });
