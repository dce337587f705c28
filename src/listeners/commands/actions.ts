import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { listOpenActions } from '../../services/actions/actions.js';
import { HELP } from '../../texts/fr.js';
import { localDate } from '../../time.js';
import { myActionsMessage } from '../../views/messages/action.js';
import { ackFirst, authorise } from '../guard.js';
import { asksForHelp, commandPayload, ephemeral } from '../shared.js';

/** `/actions`: the member's open actions, then their structure's, each with its buttons. */
export function actionsCommand(ctx: AppContext) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const { user_id, text } = commandPayload.parse(command);
    if (asksForHelp(text)) return void (await respond(ephemeral(HELP.actions)));
    const auth = await authorise(ctx.actors, user_id, 'manageActions');
    if (!auth.ok) return void (await respond(ephemeral(auth.refusal)));
    const now = ctx.now();
    const list = await listOpenActions(ctx.db, auth.actor);
    await respond({
      response_type: 'ephemeral',
      ...myActionsMessage(list, { now, timeZone: ctx.timeZone, today: localDate(ctx.timeZone, now) }),
    });
  };
}
