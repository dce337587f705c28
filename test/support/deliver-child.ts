/**
 * A delivering instance as a process of its own, for the tests that kill one (SIGKILL) in the
 * middle of a send: the app built as main.ts builds it, on the database at DATABASE_URL, talking
 * to the fake Slack at SLACK_API_URL, delivering owed messages (the notifier) until it is killed.
 * Nothing else runs in it: no HTTP server, no other job. Writes « ready » once it delivers.
 * Usage: node --import tsx test/support/deliver-child.ts
 */
import { HTTPReceiver, LogLevel } from '@slack/bolt';
import { createPlatformApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';

const databaseUrl = process.env.DATABASE_URL;
const slackApiUrl = process.env.SLACK_API_URL;
if (!databaseUrl || !slackApiUrl) throw new Error('DATABASE_URL and SLACK_API_URL are required');
const database = openDatabase({ databaseUrl });
const signingSecret = 'deliver-child-signing-secret';
const { ctx } = createPlatformApp({
  config: loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-deliver-child',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_PACE_MS: '0',
  }),
  db: database.prisma,
  logger: createLogger('warn', process.stderr),
  receiver: new HTTPReceiver({ signingSecret, logLevel: LogLevel.ERROR }),
  clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
  botIdentity: { botId: 'BBOT', botUserId: 'UBOT' },
});
process.stdout.write('ready\n');
for (;;) {
  await ctx.notifier.kick();
  await new Promise((resolve) => setTimeout(resolve, 200));
}
