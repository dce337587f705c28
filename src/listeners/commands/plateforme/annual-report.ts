import type { AppContext } from '../../../context.js';
import { generateOrTakeAnnualReport, latestReport, uploadReport } from '../../../services/reports/reports.js';
import { errorText, REPORT_TEXTS } from '../../../texts/fr.js';
import { localDate } from '../../../time.js';
import type { CommandCall } from '../../guard.js';

/**
 * `/plateforme rapport [année] [nouveau]` (steering committee, coordination): the year's report
 * posted to the steering channel — the kept one sent again, or produced when there is none (or
 * when `nouveau` asks for a new version). Producing takes seconds on a large territory: said at
 * once, done after the ack.
 */
export async function annualReportVerb(ctx: AppContext, { rest, reply, authorise }: CommandCall) {
  const actor = await authorise('readIndicators');
  if (!actor) return;
  const today = localDate(ctx.timeZone, ctx.now());
  const yearArg = rest.find((a) => /^\d{4}$/.test(a));
  const fresh = rest.some((a) => /^(nouveau|nouvelle|regenerer|régénérer)$/i.test(a));
  // Before April, the last complete year; then the year under way.
  const year = yearArg ? Number(yearArg) : Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) <= 3 ? 1 : 0);
  const channel = ctx.steering.channelId;
  if (!channel) return reply(errorText('steering_channel_missing'));
  if (year < 2000 || year > Number(today.slice(0, 4))) return reply(errorText('report_year'));
  const kept = fresh ? null : await latestReport(ctx.db, year);
  await reply(
    kept ? REPORT_TEXTS.command.resent(year, kept.version, channel) : REPORT_TEXTS.command.preparing(year, channel),
  );
  const report =
    kept ??
    (await generateOrTakeAnnualReport(ctx.db, year, {
      now: ctx.now(),
      timeZone: ctx.timeZone,
      channelId: channel,
      actorSlackId: actor.slackUserId,
      memberId: actor.memberId,
      coverage: ctx.steering.coverage,
    }));
  // The kept report sent again is a new upload asked for; one just made (here or by the January
  // job at the same moment) goes once. Either way, never beside another upload of that version.
  const outcome = await uploadReport(ctx.db, ctx.delivery, report.id, ctx.now(), {
    channelId: channel,
    again: Boolean(kept),
  });
  if (outcome === 'busy') return reply(REPORT_TEXTS.command.busy(year, report.version, channel));
  const posted = outcome === 'posted' || outcome === 'already_posted';
  await reply(posted ? REPORT_TEXTS.command.posted(year, channel) : errorText('report_not_posted'));
}
