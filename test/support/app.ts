import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, LogLevel } from '@slack/bolt';
import { createPlatformApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/services/db.js';
import type { Role, StructureKind } from '../../src/generated/prisma/enums.js';
import type { Actor } from '../../src/services/permissions.js';
import { anotherClient, createTestDatabase, type TestDatabase } from './database.js';
import { makeMember, makeStructure } from './factories.js';
import { lateBound, lateFields } from './late-bound.js';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/fake-slack.js';
import { blockActions, type SlackUser, slackSender, type SlackSender } from '../../src/simulator/slack-requests.js';

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
 * `user` clicks a button of a message the app posted (`action_id`, in its block `block_id`, with its
 * `value`); the app answers through the response_url named `responseName` (a new one unless named).
 * Returns the HTTP answer to the click.
 */
export function clickButton(
  t: TestApp,
  user: SlackUser,
  button: { action_id: string; block_id: string; value?: string },
  responseName?: string,
) {
  return t.slack.interaction(blockActions({ user, actions: [button], response_url: t.fake.responseUrl(responseName) }));
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

/** A member of the test workspace: a Slack user (or its id), their roles, their structure's name. */
export interface TestMember {
  user: string | { id: string };
  roles: Role[];
  structure?: string;
}

export interface TestAppSetup {
  /** Structures by name, created in this order before the members. */
  structures?: Record<string, StructureKind>;
  members?: TestMember[];
  /** Configuration, as environment variables (the rest is loadConfig's defaults). */
  config?: Record<string, string>;
  /** The app's clock; the real one by default. */
  now?: () => Date;
  /** The database handle the app is given (a test that makes its database fail wraps it here). */
  appDb?: (db: Db) => Db;
  /** The file's own data, written once the members exist. */
  seed?: (app: StartedTestApp) => Promise<void>;
}

export interface StartedTestApp {
  db: TestDatabase;
  t: TestApp;
  /** Each member's actor, by Slack id. */
  actors: Record<string, Actor>;
  /** Each structure, by name. */
  structures: Record<string, { id: string; name: string }>;
}

/** startTestApp's options for a set-up: its clock and its configuration. */
const startOptions = (setup: Pick<TestAppSetup, 'now' | 'config'>) => ({
  ...(setup.now ? { now: setup.now } : {}),
  ...(setup.config ? { env: setup.config } : {}),
});

/**
 * The app started for a test file, with its members: a database of its own, the app on loopback
 * against a fake Slack, stopped and closed after the file; the fake's record is cleared before
 * each test, ahead of the file's own beforeEach hooks (a test reads what they and it posted). The
 * handle's fields are usable inside tests and hooks (they exist from beforeAll).
 *
 *   const { t, db } = withTestApp({ structures: { 'CCI du Cher': 'cci' },
 *     members: [{ user: capteur, roles: ['capteur'], structure: 'CCI du Cher' }] });
 */
export function withTestApp(setup: TestAppSetup = {}): StartedTestApp {
  let started: StartedTestApp | undefined;
  beforeAll(async () => {
    const db = await createTestDatabase();
    const t = await startTestApp(setup.appDb ? setup.appDb(db.prisma) : db.prisma, startOptions(setup));
    const structures: StartedTestApp['structures'] = {};
    for (const [name, kind] of Object.entries(setup.structures ?? {})) {
      structures[name] = await makeStructure(db.prisma, name, kind);
    }
    const actors: StartedTestApp['actors'] = {};
    for (const member of setup.members ?? []) {
      const id = typeof member.user === 'string' ? member.user : member.user.id;
      const structure = member.structure ? structures[member.structure] : undefined;
      if (member.structure && !structure) throw new Error(`withTestApp: no structure named ${member.structure}`);
      actors[id] = await makeMember(db.prisma, id, member.roles, structure?.id ?? null);
    }
    started = { db, t, actors, structures };
    await setup.seed?.(started);
  });
  afterAll(async () => {
    await started?.t.stop();
    await started?.db.close();
  });
  beforeEach(() => {
    started?.t.fake.reset();
  });
  return lateFields('withTestApp', ['db', 't', 'actors', 'structures'], () => started);
}

/**
 * Another instance of the app beside `app`, on its database, with a fake Slack of its own: two
 * processes behind one database (on PostgreSQL each has its own client; see anotherClient).
 * Started after `app` (declare it after withTestApp), stopped before `app`'s database closes;
 * its fake's record is cleared before each test.
 */
export function withAnotherInstance(app: StartedTestApp, setup: Pick<TestAppSetup, 'now' | 'config'> = {}): TestApp {
  let instance: { t: TestApp; client: ReturnType<typeof anotherClient> } | undefined;
  beforeAll(async () => {
    const client = anotherClient(app.db);
    const t = await startTestApp(client.prisma, startOptions(setup));
    instance = { t, client };
  });
  afterAll(async () => {
    await instance?.t.stop();
    await instance?.client.close();
  });
  beforeEach(() => instance?.t.fake.reset());
  return lateBound(() => {
    if (!instance) throw new Error('withAnotherInstance: the app starts in beforeAll; use it inside a test or a hook');
    return instance.t;
  });
}

/**
 * Delivers what is owed through `t`'s notifier: kicks it until no message is pending, pausing
 * between kicks (a message waiting for its first post is put back a little), `tries` times at the
 * most. Returns how many are still pending.
 */
export async function deliverOwed(t: TestApp, db: Db, { tries = 50, pauseMs = 50 } = {}): Promise<number> {
  const pending = () => db.outboxMessage.count({ where: { status: 'pending' } });
  for (let i = 0; i < tries && (await pending()) > 0; i++) {
    await t.ctx.notifier.kick();
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return pending();
}

/**
 * A clock that reads `from` when first read, then runs `speed` times as fast as the real one: a
 * message put back a few seconds is due again a moment later.
 */
export function fastClock(from: Date, speed = 20): () => Date {
  let firstRead: number | undefined;
  return () => {
    firstRead ??= Date.now();
    return new Date(from.getTime() + (Date.now() - firstRead) * speed);
  };
}
