import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { generateOrTakeAnnualReport, latestReport, uploadReport } from '../../services/reports/reports.js';
import { exportPeriod, readPeriod } from '../../services/reports/exports.js';
import { exportCompanyData } from '../../services/privacy/access.js';
import { recordExportFiles, type ExportFileKind } from '../../services/privacy/export-files.js';
import { recordPosted } from '../../services/privacy/posted-messages.js';
import { normaliseSiret } from '../../reference/siret.js';
import { escapeText } from '../../views/blocks.js';
import { eraseConfirmationMessage } from '../../views/messages/privacy.js';
import type { AppContext } from '../../context.js';
import { findCompanyBySiret } from '../../services/companies.js';
import { listMembers } from '../../services/members.js';
import { can, type Actor } from '../../services/permissions.js';
import { UserError } from '../../services/errors.js';
import {
  getIndicatorSets,
  getSnapshotWithPrevious,
  listFrozenQuarters,
  snapshotQuarter,
  type Quarter,
} from '../../services/indicators/steering.js';
import { indicatorsOverviewMessage, indicatorsSnapshotMessage } from '../../views/messages/indicators.js';
import { listStructures } from '../../services/structures.js';
import { errorText, EXPORT_TEXTS, HELP, PRIVACY_TEXTS, REFUSALS, REPORT_TEXTS } from '../../texts/fr.js';
import { searchKey } from '../../reference/text.js';
import { programmeProgress } from '../../services/programmes/progress.js';
import { frenchDate, localDate } from '../../time.js';
import { programmesMessage, type ProgrammesOverview } from '../../views/messages/programme.js';
import { administrationMessage, memberModal, structureModal } from '../../views/modals/administration.js';
import { ackFirst } from '../guard.js';
import { commandPayload, ephemeral, openModalForCommand } from '../shared.js';

/**
 * `/plateforme`: help for everyone, then one verb per duty, each checking its own role:
 * `programmes` (coordination), `indicateurs` and `rapport` (steering committee, coordination),
 * `export` and `rgpd export` (coordination), `rgpd effacer` (administrators); for administrators,
 * the structures and members with buttons to change them, `structure` and `membre` opening the
 * forms directly.
 */
export function plateformeCommand(ctx: AppContext) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const { user_id, text, trigger_id } = commandPayload.parse(command);
    const [verb = '', ...rest] = text.trim().split(/\s+/);
    const word = verb.toLowerCase();
    const actor = await ctx.actors.find(user_id);
    if (!actor) return void (await respond(ephemeral(`${REFUSALS.unknownMember}\n\n${HELP.plateforme}`)));
    if (word === 'programmes' || word === 'programme') {
      if (!can(actor, 'managePrograms')) return void (await respond(ephemeral(REFUSALS.managePrograms)));
      return void (await respond({
        response_type: 'ephemeral',
        ...programmesMessage(await programmesOverview(ctx, rest.join(' '))),
      }));
    }
    if (word === 'rgpd') {
      return void (await rgpdCommand(ctx, actor, rest, respond));
    }
    if (word === 'export') {
      if (!can(actor, 'exportData')) return void (await respond(ephemeral(REFUSALS.exportData)));
      return void (await exportCommand(ctx, actor, rest.join(' '), respond));
    }
    if (word === 'rapport') {
      if (!can(actor, 'readIndicators')) return void (await respond(ephemeral(REFUSALS.readIndicators)));
      return void (await annualReportCommand(ctx, actor, rest, respond));
    }
    if (word === 'indicateurs') {
      if (!can(actor, 'readIndicators')) return void (await respond(ephemeral(REFUSALS.readIndicators)));
      return void (await respond({
        response_type: 'ephemeral',
        ...(await indicatorsReply(ctx, actor, rest.join(' '))),
      }));
    }
    if (word === 'aide' || word === 'help' || !can(actor, 'administer')) {
      const refusal = word && word !== 'aide' && word !== 'help' ? `${REFUSALS.administer}\n\n` : '';
      return void (await respond(ephemeral(`${refusal}${HELP.plateforme}`)));
    }
    const opener = { client, respond, logger: ctx.logger };
    if (word === 'structure') return openModalForCommand(opener, trigger_id, structureModal());
    if (word === 'membre') {
      return openModalForCommand(
        opener,
        trigger_id,
        memberModal({ structures: await listStructures(ctx.db, { activeOnly: true }) }),
      );
    }
    const [structures, members] = await Promise.all([listStructures(ctx.db), listMembers(ctx.db)]);
    await respond({ response_type: 'ephemeral', ...administrationMessage(structures, members) });
  };
}

/**
 * `/plateforme indicateurs`: the year's chosen indicators and their versions; with `2026-T3`, that
 * quarter's frozen values (frozen now if it is over and was not yet, and posted to the steering channel).
 */
async function indicatorsReply(ctx: AppContext, actor: Actor, argument: string) {
  const now = ctx.now();
  const today = localDate(ctx.timeZone, now);
  const asked = /^(\d{4})\s*-?\s*T([1-4])$/i.exec(argument.trim());
  if (asked) {
    const year = Number(asked[1]);
    const quarter = Number(asked[2]) as Quarter;
    try {
      // Frozen now (if it was not) with its post owed in the same transaction.
      const { created } = await snapshotQuarter(ctx.db, year, quarter, now, ctx.timeZone, ctx.steering.channelId);
      if (created && ctx.steering.channelId) void ctx.notifier.kick();
    } catch (error) {
      if (error instanceof UserError) return ephemeral(errorText(error.code, error.params));
      throw error;
    }
    return indicatorsSnapshotMessage((await getSnapshotWithPrevious(ctx.db, year, quarter))!, ctx.timeZone);
  }
  if (argument.trim()) return ephemeral(errorText('quarter_format'));
  const year = Number(today.slice(0, 4));
  const [sets, frozen] = await Promise.all([getIndicatorSets(ctx.db, year), listFrozenQuarters(ctx.db, 8)]);
  return indicatorsOverviewMessage({
    year,
    sets,
    frozen,
    canChoose: can(actor, 'manageIndicators'),
    years: Number(today.slice(5, 7)) >= 10 ? [year, year + 1] : [year],
    timeZone: ctx.timeZone,
  });
}

/**
 * `/plateforme rapport [année] [nouveau]`: the year's report posted to the steering channel — the
 * kept one sent again, or produced when there is none (or when `nouveau` asks for a new version).
 * Producing takes seconds on a large territory: said at once, done after the ack.
 */
async function annualReportCommand(ctx: AppContext, actor: Actor, args: string[], respond: RespondFn) {
  const today = localDate(ctx.timeZone, ctx.now());
  const yearArg = args.find((a) => /^\d{4}$/.test(a));
  const fresh = args.some((a) => /^(nouveau|nouvelle|regenerer|régénérer)$/i.test(a));
  // Before April, the last complete year; then the year under way.
  const year = yearArg ? Number(yearArg) : Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) <= 3 ? 1 : 0);
  const channel = ctx.steering.channelId;
  if (!channel) return void (await respond(ephemeral(errorText('steering_channel_missing'))));
  if (year < 2000 || year > Number(today.slice(0, 4))) return void (await respond(ephemeral(errorText('report_year'))));
  const kept = fresh ? null : await latestReport(ctx.db, year);
  await respond(
    ephemeral(
      kept ? REPORT_TEXTS.command.resent(year, kept.version, channel) : REPORT_TEXTS.command.preparing(year, channel),
    ),
  );
  const report =
    kept ??
    (await generateOrTakeAnnualReport(ctx.db, year, {
      now: ctx.now(),
      timeZone: ctx.timeZone,
      channelId: channel,
      actorSlackId: actor.slackUserId,
      memberId: actor.memberId,
    }));
  // The kept report sent again is a new upload asked for; one just made (here or by the January
  // job at the same moment) goes once. Either way, never beside another upload of that version.
  const outcome = await uploadReport(ctx.db, ctx.delivery, report.id, ctx.now(), {
    channelId: channel,
    again: Boolean(kept),
  });
  if (outcome === 'busy')
    return void (await respond(ephemeral(REPORT_TEXTS.command.busy(year, report.version, channel))));
  const posted = outcome === 'posted' || outcome === 'already_posted';
  await respond(ephemeral(posted ? REPORT_TEXTS.command.posted(year, channel) : errorText('report_not_posted')));
}

/**
 * `/plateforme export <période>`: a spreadsheet of the period's visits, companies, actions and
 * alerts, sent to the coordinator alone — in their conversation with the app, never in the
 * channel where the command was typed (it holds personal data).
 */
async function exportCommand(ctx: AppContext, actor: Actor, argument: string, respond: RespondFn) {
  const period = readPeriod(argument);
  if (!period) return void (await respond(ephemeral(errorText('export_period'))));
  const from = frenchDate(period.from);
  const to = frenchDate(period.to);
  await respond(ephemeral(EXPORT_TEXTS.preparing(from, to)));
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
  if (!sent) return void (await respond(ephemeral(errorText('export_not_sent'))));
  await respond(ephemeral(EXPORT_TEXTS.sent));
}

/**
 * A file for one person only: in their conversation with the app (a message opens or finds it,
 * the file goes under it), never in the channel where the command was typed. It holds personal
 * data: recorded with the companies it holds, to be deleted from Slack after its retention period
 * (or when one of them is erased); its note too, when it names the company.
 */
async function sendFileToPerson(
  ctx: AppContext,
  slackUserId: string,
  text: string,
  upload: { file: Buffer; filename: string; title: string },
  holds: { kind: ExportFileKind; companyIds: string[]; noteNamesCompany?: boolean },
): Promise<boolean> {
  try {
    const note = await ctx.delivery.chat.postMessage({ channel: slackUserId, text });
    if (holds.noteNamesCompany)
      await recordPosted(
        ctx.db,
        { channel: note.channel!, ts: note.ts! },
        { kind: holds.kind, data: {}, companyIds: holds.companyIds },
      );
    const uploaded = await ctx.delivery.filesUploadV2({
      channel_id: note.channel!,
      thread_ts: note.ts!,
      file_uploads: [upload],
    });
    const fileIds = uploaded.files.flatMap((completed) =>
      (completed.files ?? []).map((f) => f.id).filter((id): id is string => typeof id === 'string'),
    );
    await recordExportFiles(
      ctx.db,
      { fileIds, kind: holds.kind, slackUserId, companyIds: holds.companyIds },
      ctx.now(),
      ctx.privacy.exportFileDays,
    );
    return true;
  } catch (error) {
    ctx.logger.warn({ err: { message: (error as Error).message } }, 'file not sent');
    return false;
  }
}

/**
 * `/plateforme rgpd export <SIRET>` (coordination): everything held about a company, sent to the
 * person alone; `/plateforme rgpd effacer <SIRET>` (administrators): its data erased, after a
 * confirmation.
 */
async function rgpdCommand(ctx: AppContext, actor: Actor, args: string[], respond: RespondFn) {
  const [verb = '', ...rest] = args;
  const siret = normaliseSiret(rest.join(''));
  if (!['export', 'effacer'].includes(verb.toLowerCase()) || !/^\d{14}$/.test(siret))
    return void (await respond(ephemeral(errorText('rgpd_usage'))));
  const permission = verb.toLowerCase() === 'export' ? 'exportData' : 'eraseCompanyData';
  if (!can(actor, permission)) return void (await respond(ephemeral(REFUSALS[permission])));
  const company = await findCompanyBySiret(ctx.db, siret);
  if (!company) return void (await respond(ephemeral(errorText('company_unknown'))));
  if (permission === 'exportData') {
    const { file, filename } = await exportCompanyData(ctx.db, actor, company.id);
    const sent = await sendFileToPerson(
      ctx,
      actor.slackUserId,
      PRIVACY_TEXTS.access.note(escapeText(company.name), ctx.privacy.exportFileDays),
      { file, filename, title: PRIVACY_TEXTS.access.fileTitle(company.name) },
      { kind: 'export_rgpd', companyIds: [company.id], noteNamesCompany: true },
    );
    return void (await respond(ephemeral(sent ? EXPORT_TEXTS.sent : errorText('export_not_sent'))));
  }
  await respond({ response_type: 'ephemeral', ...eraseConfirmationMessage(company) });
}

/** Every active structure's programme this year (or those whose name holds `filter`), and the years that can be set. */
async function programmesOverview(ctx: AppContext, filter: string): Promise<ProgrammesOverview> {
  const today = localDate(ctx.timeZone, ctx.now());
  const year = Number(today.slice(0, 4));
  const key = searchKey(filter);
  const matches = (name: string) => !key || searchKey(name).includes(key);
  const [progress, structures] = await Promise.all([
    programmeProgress(ctx.db, today),
    listStructures(ctx.db, { activeOnly: true }),
  ]);
  const shown = progress.filter((p) => matches(p.structure.name));
  const withProgramme = new Set(progress.map((p) => p.structure.id));
  const without = structures
    .filter((s) => !withProgramme.has(s.id) && matches(s.name))
    .map((s) => ({ id: s.id, name: s.name }));
  // From October, next year's programme can be prepared.
  return { year, today, progress: shown, without, years: Number(today.slice(5, 7)) >= 10 ? [year, year + 1] : [year] };
}
