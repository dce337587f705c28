import { expect } from 'vitest';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, LogLevel } from '@slack/bolt';
import { createPlatformApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/services/db.js';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/fake-slack.js';
import { slackSender, type SlackSender } from '../../src/simulator/slack-requests.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface TestApp {
  fake: FakeSlack;
  slack: SlackSender;
  ctx: ReturnType<typeof createPlatformApp>['ctx'];
  commands: string[];
  logs: string[];
  stop(): Promise<void>;
}

/**
 * The real app on loopback behind its HTTP receiver, talking to a fake Slack Web API: requests
 * go in signed like Slack's, the app's Web API calls are recorded by the fake.
 */
export async function startTestApp(
  db: Db,
  options: { now?: () => Date; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const fake = await startFakeSlack();
  const logs: string[] = [];
  const logger = createLogger('debug', {
    write: (line: string) => void logs.push(line),
  } as unknown as NodeJS.WritableStream);
  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    unhandledRequestTimeoutMillis: 1_000,
    logLevel: LogLevel.ERROR,
  });
  const { app, ctx, commands, start } = createPlatformApp({
    // No pacing by default: most tests run the app's clock still; the pacing has tests of its own.
    config: loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_PACE_MS: '0',
      ...options.env,
    }),
    db,
    logger,
    receiver,
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    botIdentity: { botId: 'BBOT', botUserId: 'UBOT' },
    ...(options.now ? { now: options.now } : {}),
  });
  const server = await start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  return {
    fake,
    slack: slackSender({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET }),
    ctx,
    commands,
    logs,
    async stop() {
      await app.stop();
      // Messages still being delivered finish before the database closes.
      await ctx.notifier.kick();
      ctx.notifier.stop();
      await fake.close();
    },
  };
}

/**
 * The texts posted to the response_url named `name`, once `count` of them have arrived (a command
 * that answers at once, then again when its slow work is done).
 */
export async function responseTexts(t: TestApp, name: string, count: number): Promise<string[]> {
  const posted = () => t.fake.responses.filter((r) => r.path.endsWith(`/${name}`));
  await expect.poll(() => posted().length, { timeout: 15_000 }).toBe(count);
  return posted().map((r) => String(r.body.text));
}
