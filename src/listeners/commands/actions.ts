import type { AppContext } from '../../context.js';
import { listOpenActions } from '../../services/actions/actions.js';
import { HELP } from '../../texts/fr.js';
import { localDate } from '../../time.js';
import { myActionsMessage } from '../../views/messages/action.js';
import { commandListener } from '../guard.js';
import { asksForHelp } from '../shared.js';

/** `/actions`: the member's open actions, then their structure's, each with its buttons. */
export const actionsCommand = (ctx: AppContext) =>
  commandListener(ctx, async ({ text, reply, authorise }) => {
    if (asksForHelp(text)) return reply(HELP.actions);
    const actor = await authorise('manageActions');
    if (!actor) return;
    const now = ctx.now();
    const list = await listOpenActions(ctx.db, actor);
    await reply(myActionsMessage(list, { now, timeZone: ctx.timeZone, today: localDate(ctx.timeZone, now) }));
  });
