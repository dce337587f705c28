import { randomUUID } from 'node:crypto';
import { schedule, type ScheduledTask } from 'node-cron';
import type { AppContext } from '../context.js';
import { checkAlertDeadlines } from '../services/alerts/deadlines.js';
import { runWithLease } from '../services/job-lease.js';
import { DIGEST_SETTINGS, oweActionDigests } from '../services/actions/digest.js';
import { holdDueSessions, oweCommitteeReminders, publishDueAgendas } from '../services/committees/committees.js';
import { oweInformReminders } from '../services/committees/informing.js';
import { proposeNextSession } from '../services/committees/rhythm.js';
import { oweProgrammeNudges } from '../services/programmes/progress.js';
import { oweQuarterlyIndicators } from '../services/indicators/steering.js';
import { deliverOwedReports, oweYearlyReport } from '../services/reports/reports.js';
import { anonymiseExpiredContacts, expireFreeTexts } from '../services/privacy/retention.js';
import { deleteDueExportFiles } from '../services/privacy/export-files.js';
import { localDate, localTime } from '../time.js';

/** One job's run, on demand: what the schedule calls, and what tests and operators can call. */
export function jobRunners(ctx: AppContext, holder: string = randomUUID()) {
  return {
    /** Owed messages that could not be sent at once (Slack down, rate limit): retried with backoff. */
    outbox: () => ctx.notifier.kick(),
    /** The recruitment alerts' 48 h clock: reminders, then the breach; then their messages go. */
    alertDeadlines: async () => {
      const done = await runWithLease(ctx.db, 'alert-deadlines', holder, ctx.now(), 5 * 60_000, () =>
        checkAlertDeadlines(ctx.db, ctx.now(), ctx.alerts),
      );
      if (done && done.reminders + done.breaches > 0) ctx.logger.info(done, 'alert deadlines checked');
      await ctx.notifier.kick();
    },
    /**
     * The committee's cycle: the next session proposed by the rhythm, agendas due (J-7) and not
     * yet published by hand, the reminders (J-2), sessions whose time has come held, and capteurs
     * reminded of the companies still to inform.
     */
    committeeAgendas: async () => {
      const now = ctx.now();
      const proposed = await proposeNextSession(ctx.db, now, {
        ...ctx.committees,
        leadDays: ctx.committees.agendaDaysBefore,
      });
      const published = await publishDueAgendas(ctx.db, now, ctx.committees);
      const reminded = await oweCommitteeReminders(ctx.db, now, ctx.committees);
      const held = await holdDueSessions(ctx.db, now);
      const toInform = await oweInformReminders(ctx.db, now, ctx.committees.inform);
      if (proposed || published + reminded + held + toInform > 0)
        ctx.logger.info({ proposed: proposed?.occurrence, published, reminded, held, toInform }, 'committee cycle');
      await ctx.notifier.kick();
    },
    /** From the nudge day, the structures behind their visit programme's pace: once a month each. */
    programmeNudges: async () => {
      const now = ctx.now();
      if (!ctx.workingDays.isWorkingDay(now)) return;
      const nudged = await oweProgrammeNudges(ctx.db, now, {
        nudgeDay: ctx.programmes.nudgeDay,
        timeZone: ctx.timeZone,
      });
      if (nudged > 0) ctx.logger.info({ nudged }, 'programme nudges');
      await ctx.notifier.kick();
    },
    /** The past quarter's indicators, frozen on the first working day of a quarter and posted to the steering channel (once). */
    quarterlyIndicators: async () => {
      const now = ctx.now();
      if (!ctx.workingDays.isWorkingDay(now)) return;
      const frozen = await runWithLease(ctx.db, 'quarterly-indicators', holder, now, 10 * 60_000, () =>
        oweQuarterlyIndicators(ctx.db, now, { timeZone: ctx.timeZone, ...ctx.steering }),
      );
      if (frozen) ctx.logger.info(frozen, 'quarterly indicators frozen');
      await ctx.notifier.kick();
    },
    /**
     * Reports: in January the past year's, once (under a lease: it takes seconds on a large
     * territory); then any report not yet taken by Slack is uploaded again, each version claimed
     * first (services/reports/reports.ts uploadReport): never twice at once, whatever runs.
     */
    reports: async () => {
      const now = ctx.now();
      if (ctx.workingDays.isWorkingDay(now) && localTime(now, ctx.timeZone) >= '09:00') {
        const made = await runWithLease(ctx.db, 'yearly-report', holder, now, 15 * 60_000, () =>
          oweYearlyReport(ctx.db, now, { timeZone: ctx.timeZone, ...ctx.steering }),
        );
        if (made) ctx.logger.info({ reportId: made.id }, 'yearly report generated');
      }
      const posted = await deliverOwedReports(ctx.db, ctx.delivery, now);
      if (posted > 0) ctx.logger.info({ posted }, 'reports posted');
    },
    /**
     * RGPD, daily and at start-up (so what fell due while the app was down is done): the contacts
     * of alerts past their period, the free texts of companies not visited for theirs, the export
     * files sent in Slack past theirs (or holding an erased company). Each removal is claimed, so
     * two instances never do it twice; the messages that showed what was removed are updated.
     */
    privacy: async () => {
      const now = ctx.now();
      const done = await runWithLease(ctx.db, 'privacy', holder, now, 15 * 60_000, async () => {
        let anonymised = 0;
        let texts = 0;
        // Batches of 500: a first run on an old territory goes through all of it.
        let batch: number;
        do {
          batch = await anonymiseExpiredContacts(ctx.db, now, ctx.privacy);
          anonymised += batch;
        } while (batch > 0);
        do {
          batch = await expireFreeTexts(ctx.db, now, ctx.privacy);
          texts += batch;
        } while (batch > 0);
        const files = await deleteDueExportFiles(ctx.db, ctx.delivery, now, ctx.logger);
        return { anonymised, texts, files };
      });
      if (done && done.anonymised + done.texts + done.files > 0)
        ctx.logger.info(done, 'personal data past retention removed');
      await ctx.notifier.kick();
    },
    /** The morning digest of due and overdue actions, on working days (public holidays off). */
    actionDigests: async () => {
      const now = ctx.now();
      if (!ctx.workingDays.isWorkingDay(now)) return;
      await oweActionDigests(ctx.db, localDate(ctx.timeZone, now), DIGEST_SETTINGS);
      await ctx.notifier.kick();
    },
  };
}

/**
 * Scheduled work, in the platform's time zone. Each job is idempotent and also runs at start-up,
 * so what fell due while the app was down is done at once. With several instances, owed messages
 * are claimed one by one (services/outbox.ts) and the deadline check runs under a lease; either
 * way, a reminder is recorded once (services/alerts/deadlines.ts).
 */
export function startJobs(ctx: AppContext): { stop(): Promise<void> } {
  const run = jobRunners(ctx);
  // One run of a job at a time on this instance (the start-up run and the first tick included).
  const safely = (name: string, job: () => Promise<void>) => {
    let running: Promise<void> | null = null;
    return () =>
      (running ??= job()
        .catch((error: unknown) =>
          ctx.logger.error({ job: name, err: { message: (error as Error).message } }, 'scheduled job failed'),
        )
        .finally(() => {
          running = null;
        }));
  };
  const outbox = safely('outbox', run.outbox);
  const alertDeadlines = safely('alert-deadlines', run.alertDeadlines);
  const actionDigests = safely('action-digests', run.actionDigests);
  const committeeAgendas = safely('committee-agendas', run.committeeAgendas);
  const programmeNudges = safely('programme-nudges', run.programmeNudges);
  const quarterlyIndicators = safely('quarterly-indicators', run.quarterlyIndicators);
  const reports = safely('reports', run.reports);
  const privacy = safely('privacy', run.privacy);
  const options = (name: string) => ({ timezone: ctx.timeZone, name, noOverlap: true });
  const tasks: ScheduledTask[] = [
    schedule('* * * * *', outbox, options('outbox')),
    schedule('* * * * *', alertDeadlines, options('alert-deadlines')),
    // 8:30 local time; a start-up later in the morning sends what is owed today (once per person).
    schedule('30 8 * * 1-5', actionDigests, options('action-digests')),
    // Each quarter of an hour: an agenda goes out within 15 minutes of its J-7 instant.
    schedule('*/15 * * * *', committeeAgendas, options('committee-agendas')),
    // 9:00 local time on working days, from the nudge day on (a later start-up catches up).
    schedule('0 9 * * 1-5', programmeNudges, options('programme-nudges')),
    // 9:10 local time on working days: a quarter not yet frozen is (the first working day, or a catch-up).
    schedule('10 9 * * 1-5', quarterlyIndicators, options('quarterly-indicators')),
    // Every quarter of an hour from 9:20: January's yearly report, and uploads to retry.
    schedule('20,35,50,5 * * * *', reports, options('reports')),
    // 3:00 local time, every day.
    schedule('0 3 * * *', privacy, options('privacy')),
  ];
  void alertDeadlines();
  void committeeAgendas();
  if (localTime(ctx.now(), ctx.timeZone) >= '08:30') void actionDigests();
  if (localTime(ctx.now(), ctx.timeZone) >= '09:00') void programmeNudges();
  if (localTime(ctx.now(), ctx.timeZone) >= '09:10') void quarterlyIndicators();
  void reports();
  void privacy();
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
