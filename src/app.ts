import { App, HTTPReceiver, type LogLevel, type Receiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { INFORM_SETTINGS } from './services/committees/informing.js';
import { WorkingDays } from './working-days.js';
import type { AppContext } from './context.js';
import { registerListeners } from './listeners/index.js';
import { healthRoutes, readinessCheck } from './health.js';
import { guardRequests } from './slack/request-guard.js';
import { serialiseLargeArgumentsOnce } from './slack/web-api-arguments.js';
import { boltLogger } from './logger.js';
import { createNotices } from './notifications/index.js';
import { createNotifier } from './notifier.js';
import type { Db } from './services/db.js';
import { localDate } from './time.js';
import { createActorDirectory } from './services/members.js';

export interface PlatformAppOptions {
  config: Config;
  db: Db;
  logger: Logger;
  /** Tests pass an HTTPReceiver with short timeouts; otherwise Socket Mode or HTTP from the config. */
  receiver?: Receiver;
  clientOptions?: WebClientOptions;
  /** Known bot identity: Bolt then skips its auth.test call (tests, benchmarks). */
  botIdentity?: { botId: string; botUserId: string };
  now?: () => Date;
}

/**
 * Web API calls made while a person waits (views.open…) must fail fast: a trigger_id lives 3 s.
 * Owed messages are retried by the outbox instead, so the client itself retries only briefly.
 */
const CLIENT_RETRIES = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 };

/** Builds the Bolt app with every listener; receives its receiver so tests drive the whole pipeline. */
export function createPlatformApp(options: PlatformAppOptions) {
  const { config, db, logger } = options;
  serialiseLargeArgumentsOnce();
  const boltLog = boltLogger(logger);
  const clientOptions: WebClientOptions = { retryConfig: CLIENT_RETRIES, timeout: 10_000, ...options.clientOptions };
  const receiver =
    options.receiver ??
    (config.SLACK_APP_TOKEN
      ? undefined
      : new HTTPReceiver({
          signingSecret: config.SLACK_SIGNING_SECRET,
          endpoints: '/slack/events',
          logger: boltLog,
          // GET /healthz and /readyz beside /slack/events (src/health.ts): no Slack call, no data.
          customRoutes: healthRoutes(
            readinessCheck(db, {
              maxOutboxDelayMs: config.READY_OUTBOX_MAX_DELAY_SECONDS * 1_000,
              ...(options.now ? { now: options.now } : {}),
            }),
          ),
        }));
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    ...(receiver
      ? { receiver }
      : { socketMode: true, appToken: config.SLACK_APP_TOKEN!, signingSecret: config.SLACK_SIGNING_SECRET }),
    logger: boltLog,
    // Bolt sets its logger to this level: keep it the one LOG_LEVEL gave pino.
    logLevel: logger.level as LogLevel,
    // A hung call must not outlast an outbox lease (services/outbox.ts) or a person's patience.
    clientOptions,
    // Socket Mode opens its connection (apps.connections.open) through the same Web API settings.
    installerOptions: { clientOptions },
    ...(options.botIdentity ? { ...options.botIdentity, tokenVerificationEnabled: false } : {}),
    // Bolt checks the token (auth.test) while initialising; deferred, a failure is an error
    // start() reports instead of an unhandled rejection that kills the process.
    deferInitialization: true,
    // No conversation state is kept between requests: skip Bolt's store middleware.
    convoStore: false,
  });
  const now = options.now ?? (() => new Date());
  // Owed messages go through a client of their own: it does not retry (the outbox does, with
  // backoff) and does not wait out a rate limit, which would hold every call of a shared client,
  // modal openings included; a rate-limited message is put back until Slack's Retry-After.
  const deliveryClient = new WebClient(config.SLACK_BOT_TOKEN, {
    ...clientOptions,
    logger: boltLog,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const ctx: AppContext = {
    db,
    actors: createActorDirectory(db),
    timeZone: config.PLATFORM_TIMEZONE,
    alerts: {
      timeZone: config.PLATFORM_TIMEZONE,
      deadlineHours: config.ALERT_DEADLINE_HOURS,
      reminderHours: config.ALERT_REMINDER_HOURS,
      partnersChannelId: config.PARTNERS_CHANNEL_ID,
      franceTravailEmail: config.FRANCE_TRAVAIL_EMAIL,
    },
    actions: { committeeChannelId: config.COMMITTEE_CHANNEL_ID },
    committees: {
      agendaDaysBefore: config.COMMITTEE_AGENDA_DAYS,
      reminderDaysBefore: config.COMMITTEE_REMINDER_DAYS,
      timeZone: config.PLATFORM_TIMEZONE,
      rhythm: config.COMMITTEE_RHYTHM ?? null,
      channelId: config.COMMITTEE_CHANNEL_ID,
      inform: INFORM_SETTINGS,
    },
    visits: { overlapDays: config.VISIT_OVERLAP_DAYS },
    programmes: {
      nudgeDay: config.PROGRAMME_NUDGE_DAY,
      targets: {
        serviceNafCodes: config.TARGET_SERVICE_NAF_CODES,
        tradeRegisterKind: config.TARGET_TRADE_REGISTER_STRUCTURE,
        otherKind: config.TARGET_OTHER_STRUCTURE,
      },
    },
    steering: {
      channelId: config.STEERING_CHANNEL_ID,
      coverage: { sections: config.COVERAGE_NAF_SECTIONS, minBand: config.COVERAGE_MIN_BAND },
    },
    privacy: {
      retentionMonths: config.PERSONAL_DATA_RETENTION_MONTHS,
      freeTextMonths: config.FREE_TEXT_RETENTION_MONTHS,
      exportFileDays: config.EXPORT_FILE_RETENTION_DAYS,
    },
    workingDays: new WorkingDays(config.PLATFORM_HOLIDAYS, config.PLATFORM_TIMEZONE),
    now,
    logger,
    delivery: deliveryClient,
    notifier: createNotifier({
      db,
      client: deliveryClient,
      logger,
      now,
      paceMs: config.SLACK_PACE_MS,
      notices: createNotices(() => ({
        now: now(),
        timeZone: config.PLATFORM_TIMEZONE,
        today: localDate(config.PLATFORM_TIMEZONE, now()),
      })),
    }),
  };
  const { commands } = registerListeners(app, ctx);
  // Malformed requests answered 400, unacknowledged or failed ones in French; failures logged.
  guardRequests(app, receiver, logger);
  async function start(...args: Parameters<App['start']>) {
    await app.init();
    return app.start(...args);
  }
  return { app, ctx, commands, start };
}
