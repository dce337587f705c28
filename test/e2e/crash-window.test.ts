import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS_NOTICE, snapshotQuarter } from '../../src/services/indicators/steering.js';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/fake-slack.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/database.js';

/**
 * The guarantee towards Slack (README, « Delivery to Slack »): at least once, and a duplicate only
 * in one window — Slack accepted a message and the process died before the outbox recorded it
 * sent. Proved with real processes: a delivering instance (test/support/deliver-child.ts) is
 * killed (SIGKILL) after the fake Slack received chat.postMessage and before it answered; Slack
 * then takes the message; another instance, once the dead one's lease has run out, sends it again
 * — once more, and the outbox records it sent. Nothing is lost, one duplicate at most.
 * PostgreSQL only: two processes cannot share an in-memory PGlite.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHANNEL = 'CCRASHWIN1';
const NOW = new Date('2026-10-05T08:00:00Z');

let db: TestDatabase;
let fake: FakeSlack;
const children: ChildProcess[] = [];

function deliverer(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/deliver-child.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url!, SLACK_API_URL: fake.url, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
const posts = () => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
const owed = () => db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: INDICATORS_NOTICE, recipient: CHANNEL } });

describe.skipIf(TEST_ENGINE !== 'postgresql')(
  'a process killed between Slack’s acceptance and the outbox’s record',
  () => {
    beforeAll(async () => {
      db = await createTestDatabase();
      fake = await startFakeSlack();
    });
    afterAll(async () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.all(children.map(exited));
      await fake?.close();
      await db?.close();
    });

    it('has its message sent again once by another instance after the lease: one duplicate at most, nothing lost', async () => {
      // The quarter frozen with its post owed to the steering channel (one transaction).
      await snapshotQuarter(db.prisma, 2026, 3, NOW, 'Europe/Paris', CHANNEL);
      // Slack takes its time to answer the first post: the instance dies while it waits.
      fake.delayNext('chat.postMessage', 1, 5_000);
      const first = deliverer();
      await expect.poll(() => posts().length, { timeout: 60_000, interval: 20 }).toBe(1);
      first.kill('SIGKILL');
      await exited(first);
      expect(first.signalCode).toBe('SIGKILL');

      // Slack accepted the message after all; the outbox never heard of it: still owed, still leased.
      await expect
        .poll(() => fake.succeeded('chat.postMessage').filter((c) => c.args.channel === CHANNEL).length, {
          timeout: 15_000,
        })
        .toBe(1);
      const stranded = await owed();
      expect(stranded).toMatchObject({ status: 'pending', sentAt: null });
      expect(stranded.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

      // Another instance leaves it alone while the dead one's lease holds…
      const second = deliverer();
      await new Promise<void>((resolve) =>
        second.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()),
      );
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(posts()).toHaveLength(1);
      // …and sends it once the lease has run out (LEASE_MS, moved to the past here instead of waited for).
      await db.prisma.outboxMessage.update({
        where: { id: stranded.id },
        data: { lockedUntil: new Date(Date.now() - 1_000) },
      });
      await expect.poll(async () => (await owed()).status, { timeout: 30_000 }).toBe('sent');
      // Later passes send nothing more: the message went twice in all, the documented duplicate.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(posts()).toHaveLength(2);
      expect(posts()[1]!.args.text).toBe(posts()[0]!.args.text);
      second.kill('SIGKILL');
    });
  },
);
