import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { readinessCheck, startHealthServer } from '../src/health.js';
import { createLogger } from '../src/logger.js';
import { startFakeSlack, type FakeSlack } from '../src/simulator/fake-slack.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * GET /healthz and /readyz over HTTP: beside /slack/events in HTTP mode (the receiver the app
 * builds itself, as in production), and on their own port in Socket Mode. Neither calls Slack,
 * neither says more than a status and a reason.
 */
let db: TestDatabase;
let fake: FakeSlack;
let platform: ReturnType<typeof createPlatformApp>;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await startFakeSlack();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-health-test',
    SLACK_SIGNING_SECRET: 'health-signing-secret',
    READY_OUTBOX_MAX_DELAY_SECONDS: '300',
  });
  platform = createPlatformApp({
    config,
    db: db.prisma,
    logger: createLogger('error'),
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    botIdentity: { botId: 'BBOT', botUserId: 'UBOT' },
  });
  const server = (await platform.start({ port: 0, host: '127.0.0.1' })) as HttpServer;
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await platform?.app.stop();
  await fake?.close();
  await db?.close();
});

async function get(url: string) {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as unknown, cache: res.headers.get('cache-control') };
}

const owed = (minutesAgo: number) =>
  db.prisma.outboxMessage.create({
    data: {
      dedupeKey: `health-${minutesAgo}-${Date.now()}`,
      kind: 'test',
      recipient: 'U0HEALTH',
      data: {},
      nextAttemptAt: new Date(Date.now() - minutesAgo * 60_000),
      createdAt: new Date(Date.now() - minutesAgo * 60_000),
    },
  });

describe('in HTTP mode, beside /slack/events', () => {
  it('answers /healthz and /readyz with a bare status, without calling Slack', async () => {
    expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: { status: 'ok' }, cache: 'no-store' });
    expect(await get(`${base}/readyz`)).toEqual({ status: 200, body: { status: 'ok' }, cache: 'no-store' });
    expect(fake.calls).toEqual([]);
  });

  it('is not ready while an owed message has been due for longer than the threshold, ready again once it goes', async () => {
    // Due for a minute: being delivered, nothing wrong.
    const recent = await owed(1);
    expect((await get(`${base}/readyz`)).status).toBe(200);
    // Due for ten minutes (the threshold is five): nobody delivers.
    const stuck = await owed(10);
    expect(await get(`${base}/readyz`)).toEqual({
      status: 503,
      body: { status: 'not_ready', reason: 'outbox' },
      cache: 'no-store',
    });
    await db.prisma.outboxMessage.update({ where: { id: stuck.id }, data: { status: 'sent', sentAt: new Date() } });
    expect((await get(`${base}/readyz`)).status).toBe(200);
    await db.prisma.outboxMessage.deleteMany({ where: { id: { in: [recent.id, stuck.id] } } });
    // Alive all along.
    expect((await get(`${base}/healthz`)).status).toBe(200);
  });

  it('is not ready while a migration this version needs is missing', async () => {
    const [last] = await db.query<{ id: string; migration_name: string }>(
      'SELECT id, migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1',
    );
    await db.query('UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = $1', [last!.id]);
    try {
      expect(await get(`${base}/readyz`)).toEqual({
        status: 503,
        body: { status: 'not_ready', reason: 'migrations' },
        cache: 'no-store',
      });
    } finally {
      await db.query('UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = $1', [last!.id]);
    }
    expect((await get(`${base}/readyz`)).status).toBe(200);
  });

  it('serves GET only, and nothing else than the two routes', async () => {
    expect((await fetch(`${base}/readyz`, { method: 'POST', body: '{}' })).status).not.toBe(200);
    expect(fake.calls).toEqual([]);
  });
});

describe('in Socket Mode, on HEALTH_PORT', () => {
  it('answers the same two routes on a small server of its own, and 404 elsewhere', async () => {
    const server = await startHealthServer(0, readinessCheck(db.prisma, { maxOutboxDelayMs: 300_000 }), '127.0.0.1');
    try {
      const url = `http://127.0.0.1:${server.port}`;
      expect(await get(`${url}/healthz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect(await get(`${url}/readyz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect((await fetch(`${url}/slack/events`)).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('says the database is not answering, and only that', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = openDatabase({ databaseUrl: `postgresql://postgres:some-password@127.0.0.1:${port}/nowhere` });
    const server = await startHealthServer(
      0,
      readinessCheck(unreachable.prisma, { maxOutboxDelayMs: 300_000 }),
      '127.0.0.1',
    );
    try {
      const url = `http://127.0.0.1:${server.port}`;
      expect((await get(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      const text = await ready.text();
      expect([ready.status, JSON.parse(text)]).toEqual([503, { status: 'not_ready', reason: 'database' }]);
      expect(text).not.toMatch(/password|ECONNREFUSED|127\.0\.0\.1/);
    } finally {
      server.close();
      await unreachable.close();
    }
  });
});
