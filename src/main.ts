import { existsSync } from 'node:fs';
import { createPlatformApp } from './app.js';
import { keepServingOnStrayRejections } from './safety-net.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { startJobs } from './jobs/index.js';
import { createLogger } from './logger.js';
import { bootstrapAdmins } from './services/members.js';

/** Start-up: configuration, database and its migrations, first administrators, Slack, jobs. */
async function main() {
  // A .env beside the app is read when present; variables already set win over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const args = process.argv.slice(2);
  const hasCredentials = Boolean(process.env.SLACK_BOT_TOKEN?.trim() || process.env.SLACK_SIGNING_SECRET?.trim() || process.env.SLACK_APP_TOKEN?.trim());
  // Nothing configured at all (a fresh clone): the simulated workspace, so a first `npm start` shows
  // the platform at work. A deployment (a database, production mode) missing its Slack settings is
  // a configuration error, never a simulation; asked for while Slack is configured, it is refused
  // unless explicitly allowed.
  const deployed = Boolean(process.env.DATABASE_URL?.trim()) || process.env.NODE_ENV === 'production';
  if ((!hasCredentials && !deployed) || args.includes('--simulation')) {
    if (hasCredentials && !args.includes('--allow-credentials')) {
      process.stderr.write('Slack credentials are configured: the simulated workspace does not start beside a real Slack. Unset SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET, or add --allow-credentials if you really mean it.\n');
      process.exit(1);
    }
    const { runSimulation } = await import('./simulator/main.js');
    await runSimulation({ reset: args.includes('--reset'), port: Number(process.env.SIMULATION_PORT ?? 3000), logLevel: process.env.LOG_LEVEL?.trim() || 'warn' });
    return;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee README.md, « Configuration ».\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDataDir: config.PGLITE_DATA_DIR });
  const applied = await database.migrate();
  logger.info({ engine: database.engine, applied }, 'database ready');
  await bootstrapAdmins(database.prisma, config.PLATFORM_ADMIN_SLACK_IDS ?? []);

  const { app, ctx, start } = createPlatformApp({ config, db: database.prisma, logger });
  try {
    await start(config.PORT);
  } catch (error) {
    logger.fatal({ err: { message: (error as Error).message, code: (error as { code?: string }).code } }, 'cannot connect to Slack: check SLACK_BOT_TOKEN and the network');
    await database.close();
    process.exit(1);
  }
  const jobs = startJobs(ctx);
  // Started: from here a stray rejection is logged, never fatal (a start-up fault above still stops it).
  keepServingOnStrayRejections(logger);
  logger.info({ mode: config.SLACK_APP_TOKEN ? 'socket' : 'http', port: config.SLACK_APP_TOKEN ? undefined : config.PORT }, 'Slack app started');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await jobs.stop();
    await app.stop();
    // Owed messages being delivered finish first (bounded: Slack may be the reason we stop).
    await Promise.race([ctx.notifier.kick(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    ctx.notifier.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

await main();
