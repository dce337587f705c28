import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { HELP } from '../../texts/fr.js';
import { visitReportModal } from '../../views/modals/visit-report.js';
import { ackFirst, authorise } from '../guard.js';
import { asksForHelp, commandPayload, ephemeral, openModalForCommand, visitReportOpening } from '../shared.js';

/** `/visite [SIRET or name]`: opens the visit-report modal, pre-filled with the company when known. */
export function visiteCommand(ctx: AppContext) {
  return async ({ command, ack, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    // Ack first: the trigger_id is valid 3 s and Slack shows an error if we are late.
    await ackFirst(ack);
    const { user_id, text, trigger_id } = commandPayload.parse(command);
    if (asksForHelp(text)) return void (await respond(ephemeral(HELP.visite)));
    const auth = await authorise(ctx.actors, user_id, 'fileVisit');
    if (!auth.ok) return void (await respond(ephemeral(auth.refusal)));
    await openModalForCommand(
      { client, respond, logger: ctx.logger },
      trigger_id,
      visitReportModal(await visitReportOpening(ctx, text)),
    );
  };
}
