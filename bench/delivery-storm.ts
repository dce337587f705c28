/**
 * Owed messages through a storm of 429s: `npm run bench:storm [-- --seconds 120 --messages 300]`.
 *
 * Two notifiers (two instances) share one database (embedded PGlite, or BENCH_DATABASE_URL) and
 * one fake Slack that answers every chat.postMessage with 429 (Retry-After: 1) for the storm's
 * length, then accepts. Messages are owed to 30 conversations before and during the storm. Counts
 * what was owed, what Slack accepted, duplicates (a message accepted twice), conversations whose
 * messages arrived out of order, and how long after the storm the last one arrived.
 */
import { WebClient } from '@slack/web-api';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { createNotifier, type Notice } from '../src/notifier.js';
import { z } from 'zod';
import { enqueue, noticeType } from '../src/services/outbox.js';
import { startFakeSlack } from '../src/simulator/fake-slack.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    messages: { type: 'string', default: '300' },
    pace: { type: 'string', default: '1000' },
  },
});
const stormMs = Number(values.seconds) * 1000;
const total = Number(values.messages);
const paceMs = Number(values.pace);
const CONVERSATIONS = 30;

const database = process.env.BENCH_DATABASE_URL
  ? openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL })
  : openDatabase({ pglite: new (await import('@electric-sql/pglite')).PGlite('memory://') });
await database.migrate();
const db = database.prisma;
await db.outboxMessage.deleteMany();
const fake = await startFakeSlack();
const logger = createLogger('silent');
/** The bench's kind of owed message: a key saying its conversation and rank. */
const LINE = noticeType('line', z.object({ key: z.string() }));
const notices: Record<string, Notice> = {
  line: { render: async (_db, data) => ({ text: String((data as { key: string }).key) }) },
};
const instance = () =>
  createNotifier({
    db,
    logger,
    now: () => new Date(),
    notices,
    paceMs,
    client: new WebClient('xoxb-bench', {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    }),
  });
const notifiers = [instance(), instance()];

const owe = async (from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const conversation = `C${String(i % CONVERSATIONS).padStart(3, '0')}`;
    await enqueue(db, LINE, {
      dedupeKey: `storm:${i}`,
      recipient: conversation,
      data: { key: `${conversation}:${String(i).padStart(6, '0')}` },
    });
  }
};

// The storm: every post refused with a Retry-After of one second while it lasts.
let storming = true;
fake.failNextHttp(
  'chat.postMessage',
  Array.from({ length: 1_000_000 }, () => ({ status: 429, retryAfter: 1 })),
  () => storming,
);
const started = Date.now();
await owe(0, total / 2);
for (const n of notifiers) void n.kick();
await new Promise((resolve) => setTimeout(resolve, stormMs / 2));
await owe(total / 2, total);
// The outbox job's pass every minute, as the app runs it.
const job = setInterval(() => notifiers.forEach((n) => void n.kick()), 60_000);
await new Promise((resolve) => setTimeout(resolve, stormMs / 2));
storming = false;
const postsDuringStorm = fake.callsTo('chat.postMessage').length;
fake.reset();
const stormEnded = Date.now();
while ((await db.outboxMessage.count({ where: { status: 'pending' } })) > 0 && Date.now() - stormEnded < 10 * 60_000)
  await new Promise((resolve) => setTimeout(resolve, 200));
const drained = Date.now();
clearInterval(job);

const accepted = fake
  .succeeded('chat.postMessage')
  .map((c) => ({ channel: String(c.args.channel), key: String(c.args.text) }));
const keys = accepted.map((a) => a.key);
const duplicates = keys.length - new Set(keys).size;
const outOfOrder = [...new Set(accepted.map((a) => a.channel))].filter((channel) => {
  const seen = accepted.filter((a) => a.channel === channel).map((a) => a.key);
  return seen.some((key, i) => i > 0 && key < seen[i - 1]!);
}).length;
console.log(
  JSON.stringify(
    {
      engine: database.engine,
      stormSeconds: stormMs / 1000,
      paceMs,
      owed: total,
      accepted: new Set(keys).size,
      duplicates,
      conversationsOutOfOrder: outOfOrder,
      postsRefusedDuringStorm: postsDuringStorm,
      lastArrivedSecondsAfterStorm: Math.round((drained - stormEnded) / 100) / 10,
      totalSeconds: Math.round((drained - started) / 100) / 10,
    },
    null,
    1,
  ),
);
for (const n of notifiers) n.stop();
await fake.close();
await database.close();
