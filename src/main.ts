import { existsSync } from 'node:fs';
import { createPlatformApp } from './app.js';
import { keepServingOnStrayRejections } from './safety-net.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { startJobs } from './jobs/index.js';
import { readinessCheck, startHealthServer } from './health.js';
import { createLogger } from './logger.js';
import { bootstrapAdmins } from './services/members.js';
import { asPortError, assertPortFree, DatabaseUnreachableError, PortInUseError, waitForDatabase } from './startup.js';

/** Until the configuration is read: start-up failures are still one JSON line. */
let logger = createLogger('info');

/** Start-up: configuration, database and its migrations, first administrators, Slack, jobs. */
async function main() {
  // A .env beside the app is read when present; variables already set win over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const args = process.argv.slice(2);
  const hasCredentials = Boolean(
    process.env.SLACK_BOT_TOKEN?.trim() ||
      process.env.SLACK_SIGNING_SECRET?.trim() ||
      process.env.SLACK_APP_TOKEN?.trim(),
  );
  // Nothing configured at all (a fresh clone): the simulated workspace, so a first `npm start` shows
  // the platform at work. A deployment (a database, production mode) missing its Slack settings is
  // a configuration error, never a simulation; asked for while Slack is configured, it is refused
  // unless explicitly allowed.
  const deployed = Boolean(process.env.DATABASE_URL?.trim()) || process.env.NODE_ENV === 'production';
  if ((!hasCredentials && !deployed) || args.includes('--simulation')) {
    if (hasCredentials && !args.includes('--allow-credentials')) {
      process.stderr.write(
        'Slack credentials are configured: the simulated workspace does not start beside a real Slack. Unset SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET, or add --allow-credentials if you really mean it.\n',
      );
      process.exit(1);
    }
    const { runSimulation } = await import('./simulator/main.js');
    await runSimulation({
      reset: args.includes('--reset'),
      port: Number(process.env.SIMULATION_PORT ?? 3000),
      logLevel: process.env.LOG_LEVEL?.trim() || 'warn',
    });
    return;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee README.md, « Configuration ».\n`);
      process.exit(1);
    }
    throw error;
  }
  logger = createLogger(config.LOG_LEVEL);
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  // A port already taken is said at once, before waiting on the database or Slack.
  if (!socketMode) await assertPortFree(config.PORT, 'PORT');
  if (socketMode && config.HEALTH_PORT !== undefined) await assertPortFree(config.HEALTH_PORT, 'HEALTH_PORT');

  const database = openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDataDir: config.PGLITE_DATA_DIR });
  // PostgreSQL may come up after the app (a server booting, compose, a PaaS add-on): wait, bounded.
  if (database.engine === 'postgresql') {
    const attempts = await waitForDatabase(() => database.ping(), {
      retries: config.DATABASE_CONNECT_RETRIES,
      maxDelayMs: config.DATABASE_RETRY_MAX_DELAY_SECONDS * 1_000,
      logger,
    });
    if (attempts > 1) logger.info({ attempts }, 'database reached');
  }
  const applied = await database.migrate();
  logger.info({ engine: database.engine, applied }, 'database ready');
  await bootstrapAdmins(database.prisma, config.PLATFORM_ADMIN_SLACK_IDS ?? []);

  // Socket Mode has no HTTP server: /healthz and /readyz on HEALTH_PORT (HTTP mode serves them on PORT).
  const health =
    socketMode && config.HEALTH_PORT !== undefined
      ? await startHealthServer(
          config.HEALTH_PORT,
          readinessCheck(database.prisma, { maxOutboxDelayMs: config.READY_OUTBOX_MAX_DELAY_SECONDS * 1_000 }),
        ).catch((error: unknown) => {
          throw asPortError(error, config.HEALTH_PORT!, 'HEALTH_PORT');
        })
      : undefined;

  const { app, ctx, start } = createPlatformApp({
    config,
    db: database.prisma,
    logger,
    ...(config.SLACK_API_URL ? { clientOptions: { slackApiUrl: config.SLACK_API_URL } } : {}),
  });
  try {
    await start(config.PORT);
  } catch (error) {
    const refused = asPortError(error, config.PORT, 'PORT');
    if (refused instanceof PortInUseError) throw refused;
    logger.fatal(
      { err: { message: (error as Error).message, code: (error as { code?: string }).code } },
      'cannot connect to Slack: check SLACK_BOT_TOKEN and the network',
    );
    await database.close();
    process.exit(1);
  }
  const jobs = startJobs(ctx);
  // Started: from here a stray rejection is logged, never fatal (a start-up fault above still stops it).
  keepServingOnStrayRejections(logger);
  logger.info(
    { mode: config.SLACK_APP_TOKEN ? 'socket' : 'http', port: config.SLACK_APP_TOKEN ? undefined : config.PORT },
    'Slack app started',
  );

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await jobs.stop();
    await app.stop();
    health?.close();
    // Owed messages being delivered finish first (bounded: Slack may be the reason we stop).
    await Promise.race([ctx.notifier.kick(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    ctx.notifier.stop();
    // A job's transaction cut short can keep the pool's disconnect waiting: never hang the stop on it.
    await Promise.race([database.close(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

try {
  await main();
} catch (error) {
  // One JSON line saying why, never a raw stack on the console, and exit code 1.
  if (error instanceof PortInUseError) {
    logger.fatal({ port: error.port, variable: error.what }, error.message);
  } else if (error instanceof DatabaseUnreachableError) {
    logger.fatal(
      { attempts: error.attempts, err: { code: error.code, message: error.message } },
      'database unreachable: giving up (check DATABASE_URL and that PostgreSQL runs; DATABASE_CONNECT_RETRIES and DATABASE_RETRY_MAX_DELAY_SECONDS set how long start-up waits)',
    );
  } else {
    const e = error as { message?: string; code?: string; stack?: string };
    logger.fatal({ err: { message: e?.message ?? String(error), code: e?.code, stack: e?.stack } }, 'start-up failed');
  }
  process.exit(1);
}
