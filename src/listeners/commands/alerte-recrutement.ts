import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { listOpenAlerts } from '../../services/alerts/alerts.js';
import { HELP } from '../../texts/fr.js';
import { openAlertsMessage } from '../../views/messages/alert.js';
import { alertReportModal } from '../../views/modals/alert.js';
import { commandListener } from '../guard.js';
import { asksForHelp, companyPrefill } from '../shared.js';

/**
 * `/alerte-recrutement [SIRET or name]`: a capteur raises an urgent recruitment need.
 * `/alerte-recrutement liste`: the open alerts, for the coordination.
 */
export const alerteRecrutementCommand = (ctx: AppContext) =>
  commandListener(ctx, async ({ text, reply, authorise, openModal }) => {
    if (asksForHelp(text)) return reply(HELP.alerte(ctx.alerts.deadlineHours));
    if (text.toLowerCase() === 'liste') {
      if (!(await authorise('handleAlerts'))) return;
      const alerts = await listOpenAlerts(ctx.db);
      return reply(openAlertsMessage(alerts, { now: ctx.now(), timeZone: ctx.timeZone }));
    }
    if (!(await authorise('raiseAlert'))) return;
    const prefill = await companyPrefill(ctx.db, text);
    await openModal(
      alertReportModal({ submissionKey: randomUUID(), deadlineHours: ctx.alerts.deadlineHours, ...prefill }),
    );
  });
