import type { AppContext } from '../../../context.js';
import { exportPeriod, readPeriod } from '../../../services/reports/exports.js';
import { errorText, EXPORT_TEXTS } from '../../../texts/fr.js';
import { frenchDate } from '../../../time.js';
import type { CommandCall } from '../../guard.js';
import { sendFileToPerson } from '../../send-file.js';

/**
 * `/plateforme export <période>` (coordination): a spreadsheet of the period's visits, companies,
 * actions and alerts, sent to the coordinator alone — in their conversation with the app, never
 * in the channel where the command was typed (it holds personal data).
 */
export async function exportVerb(ctx: AppContext, { rest, reply, authorise }: CommandCall) {
  const actor = await authorise('exportData');
  if (!actor) return;
  const period = readPeriod(rest.join(' '));
  if (!period) return reply(errorText('export_period'));
  const from = frenchDate(period.from);
  const to = frenchDate(period.to);
  await reply(EXPORT_TEXTS.preparing(from, to));
  const { file, filename, counts, companyIds } = await exportPeriod(ctx.db, actor, period, {
    timeZone: ctx.timeZone,
    alertDeadlineHours: ctx.alerts.deadlineHours,
  });
  const sent = await sendFileToPerson(
    ctx,
    actor.slackUserId,
    EXPORT_TEXTS.note(from, to, counts, ctx.privacy.exportFileDays),
    { file, filename, title: EXPORT_TEXTS.fileTitle(period.from, period.to) },
    { kind: 'export_periode', companyIds },
  );
  await reply(sent ? EXPORT_TEXTS.sent : errorText('export_not_sent'));
}
