import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { listOpenAlerts } from '../../services/alerts/alerts.js';
import { HELP } from '../../texts/fr.js';
import { openAlertsMessage } from '../../views/messages/alert.js';
import { alertReportModal } from '../../views/modals/alert.js';
import { ackFirst, authorise } from '../guard.js';
import { asksForHelp, commandPayload, companyPrefill, ephemeral, openModalForCommand } from '../shared.js';

/**
 * `/alerte-recrutement [SIRET or name]`: a capteur raises an urgent recruitment need.
 * `/alerte-recrutement liste`: the open alerts, for the coordination.
 */
export function alerteRecrutementCommand(ctx: AppContext) {
  return async ({ command, ack, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const { user_id, text, trigger_id } = commandPayload.parse(command);
    const verb = text.trim().toLowerCase();
    if (asksForHelp(verb)) return void (await respond(ephemeral(HELP.alerte(ctx.alerts.deadlineHours))));
    if (verb === 'liste') {
      const auth = await authorise(ctx.actors, user_id, 'handleAlerts');
      if (!auth.ok) return void (await respond(ephemeral(auth.refusal)));
      const alerts = await listOpenAlerts(ctx.db);
      return void (await respond({
        response_type: 'ephemeral',
        ...openAlertsMessage(alerts, { now: ctx.now(), timeZone: ctx.timeZone }),
      }));
    }
    const auth = await authorise(ctx.actors, user_id, 'raiseAlert');
    if (!auth.ok) return void (await respond(ephemeral(auth.refusal)));
    const prefill = await companyPrefill(ctx.db, text);
    const view = alertReportModal({ submissionKey: randomUUID(), deadlineHours: ctx.alerts.deadlineHours, ...prefill });
    await openModalForCommand({ client, respond, logger: ctx.logger }, trigger_id, view);
  };
}
