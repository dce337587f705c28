import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createNotifier, type Notice, type Notifier } from '../../src/notifier.js';
import type { Db } from '../../src/services/db.js';
import { z } from 'zod';
import { claimDue, enqueue, noticeType, retryDelayMs } from '../../src/services/outbox.js';
import { anotherClient, TEST_ENGINE } from '../support/database.js';
import { withNotifierBench } from '../support/notifier-bench.js';

const { db, fake, client } = withNotifierBench();
/** The notifier's clock; tests move it forward by hand. */
let currentTime: Date;

const logger = createLogger('silent');

/** A notice per kind: `test_kind` always renders, `gone_kind` finds its record deleted. */
const notices: Record<string, Notice> = {
  test_kind: { render: async (_db, data) => ({ text: `Message ${(data as { n: number }).n}` }) },
  gone_kind: { render: async () => null },
};

/**
 * The notifiers a test started: stopped after it, for a notifier left with messages pending wakes
 * itself up a moment later and would claim the next test's messages (each test owns its own).
 */
const started: Notifier[] = [];
afterEach(() => {
  for (const n of started.splice(0)) n.stop();
});

/** A notifier on the test kinds; another instance's has its own client, or renders `test_kind` its own way. */
function notifier(instance: { db?: Db; renderTestKind?: Notice['render'] } = {}) {
  const n = createNotifier({
    db: instance.db ?? db.prisma,
    client,
    logger,
    now: () => currentTime,
    notices: instance.renderTestKind ? { ...notices, test_kind: { render: instance.renderTestKind } } : notices,
  });
  started.push(n);
  return n;
}

/** A test kind of owed message: its data carries `n` so the sent text can be recognised. */
const testNotice = (kind: string) => noticeType(kind, z.object({ n: z.number() }));

/** Owes one test message. */
function owe(n: number, kind = 'test_kind', dedupeKey = `test:${n}`) {
  return enqueue(db.prisma, testNotice(kind), { dedupeKey, recipient: 'CTEST', data: { n } });
}

/** Calls Slack answered with ok: true. The fake records failed calls too, so count by answer. */
let failedAnswers = 0;
function failNext(times: number, error?: string) {
  failedAnswers += times;
  fake.failNext('chat.postMessage', times, error);
}
const successfulPosts = () => fake.callsTo('chat.postMessage').length - failedAnswers;

const advance = (ms: number) => {
  currentTime = new Date(currentTime.getTime() + ms);
};

/** The database's clock sets nextAttemptAt on enqueue: start the notifier's clock just after it. */
const resetClock = () => {
  currentTime = new Date(Date.now() + 1000);
};

beforeEach(() => {
  failedAnswers = 0;
});

describe('outbox delivery', () => {
  it('sends an owed message once and marks it sent', async () => {
    await owe(1);
    resetClock();
    const n = notifier();
    await n.kick();
    await n.kick();

    const calls = fake.callsTo('chat.postMessage');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args).toMatchObject({ channel: 'CTEST', text: 'Message 1' });
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:1' } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, lockedUntil: null });
    expect(row.sentAt?.getTime()).toBe(currentTime.getTime());
  });

  it('sends a new message at once even when the app’s clock is behind the database’s, and a retry only at its time', async () => {
    await owe(11);
    // The app runs a week behind (a test at another date, a skewed host): the message is owed now all the same.
    currentTime = new Date(Date.now() - 7 * 86_400_000);
    const n = notifier();
    failNext(1);
    await n.kick();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    // Its retry is put back 10 s after the app's clock, and waits for it.
    await n.kick();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    advance(10_000);
    await n.kick();
    expect(successfulPosts()).toBe(1);
  });

  it('owes a message once when it is enqueued twice with the same dedupe key', async () => {
    await owe(2);
    await owe(2);
    await db.prisma.$transaction(async (tx) => {
      await enqueue(tx, testNotice('test_kind'), { dedupeKey: 'test:2', recipient: 'CTEST', data: { n: 2 } });
    });
    expect(await db.prisma.outboxMessage.count()).toBe(1);

    resetClock();
    await notifier().kick();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('keeps a message Slack refused for now, backs off 10 s then 20 s, and sends it exactly once', async () => {
    await owe(3);
    resetClock();
    const n = notifier();
    failNext(2);

    // First attempt fails: pending, retried in 10 s.
    await n.kick();
    let row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:3' } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'internal_error', lockedUntil: null });
    expect(row.nextAttemptAt.getTime()).toBe(currentTime.getTime() + 10_000);
    expect(retryDelayMs(1)).toBe(10_000);

    // Before the retry time: nothing is sent.
    advance(9_000);
    await n.kick();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);

    // Second attempt fails: retried in 20 s.
    advance(1_000);
    await n.kick();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:3' } });
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.nextAttemptAt.getTime()).toBe(currentTime.getTime() + 20_000);

    advance(19_999);
    await n.kick();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);

    // Past the retry time: Slack accepts it.
    advance(1);
    await n.kick();
    row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:3' } });
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });

    // Much later, nothing more goes out.
    advance(3_600_000);
    await n.kick();
    expect(successfulPosts()).toBe(1);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('gives up on a message Slack rejects for good (invalid_blocks) and never retries it', async () => {
    await owe(4);
    resetClock();
    const n = notifier();
    failNext(1, 'invalid_blocks');
    await n.kick();

    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:4' } });
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'invalid_blocks' });

    advance(24 * 3_600_000);
    await n.kick();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(successfulPosts()).toBe(0);
  });

  it('marks failed, without retrying, a message whose record no longer exists', async () => {
    await owe(5, 'gone_kind');
    resetClock();
    const n = notifier();
    await n.kick();

    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:5' } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/not found/);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);

    advance(24 * 3_600_000);
    await n.kick();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect((await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:5' } })).attempts).toBe(1);
  });

  it('marks failed a message of a kind nobody can render', async () => {
    await owe(6, 'unknown_kind');
    resetClock();
    await notifier().kick();
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:6' } });
    expect(row.status).toBe('failed');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('concurrent kicks of one notifier share the run and send each message once', async () => {
    for (let i = 0; i < 5; i++) await owe(100 + i);
    resetClock();
    const n = notifier();
    await Promise.all([n.kick(), n.kick(), n.kick()]);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(5);
  });

  it('an instance that stalled past its lease does not send the messages another instance took over', async () => {
    for (let i = 0; i < 4; i++) await owe(300 + i);
    resetClock();
    let stalled = false;
    const b = notifier();
    // Instance A stalls on its first message (Slack hanging, a long GC pause…) until its lease
    // has run out; meanwhile instance B claims the same messages and delivers them.
    const a = notifier({
      renderTestKind: async (d, data, recipient) => {
        if (!stalled) {
          stalled = true;
          advance(61_000);
          await b.kick();
        }
        return notices.test_kind!.render(d, data, recipient);
      },
    });
    await a.kick();

    const texts = fake.callsTo('chat.postMessage').map((c) => c.args.text as string);
    expect(texts.sort()).toEqual(['Message 300', 'Message 301', 'Message 302', 'Message 303']);
    const rows = await db.prisma.outboxMessage.findMany();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('an instance that stalled past its lease and then fails does not put back a message another instance sent', async () => {
    await owe(400);
    resetClock();
    const b = notifier();
    const a = notifier({
      renderTestKind: async () => {
        advance(61_000);
        await b.kick();
        throw new Error('connection reset');
      },
    });
    await a.kick();

    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:400' } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    advance(3_600_000);
    await b.kick();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('takes a conversation’s next messages in one claim, sends them in order, and after one Slack could not take the rest wait behind it', async () => {
    for (let n = 1; n <= 5; n++) await owe(400 + n);
    resetClock();
    // Counts the claims: unpaced, one claim takes the conversation's run.
    let claims = 0;
    const counted = new Proxy(db.prisma, {
      get(target, prop) {
        if (prop !== '$queryRaw') return Reflect.get(target, prop);
        return (strings: TemplateStringsArray, ...values: unknown[]) => {
          if (strings.join('?').includes('WITH pending')) claims++;
          return target.$queryRaw(strings, ...values);
        };
      },
    }) as Db;
    let refused = false;
    const n = notifier({
      db: counted,
      renderTestKind: async (_db, data) => {
        const { n: number } = data as { n: number };
        // Message 403 fails once (a retry in 10 s).
        if (number === 403 && !refused) {
          refused = true;
          throw new Error('temporary failure');
        }
        return { text: `Message ${number}` };
      },
    });

    await n.kick();
    const texts = () => fake.callsTo('chat.postMessage').map((c) => c.args.text);
    expect(texts()).toEqual(['Message 401', 'Message 402']);
    // One claim for the run, one that finds the conversation held by 403's retry.
    expect(claims).toBe(2);
    const rows = await db.prisma.outboxMessage.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.status, r.lockedUntil])).toEqual([
      ['sent', null],
      ['sent', null],
      ['pending', null],
      // Given back, unsent: they wait behind 403.
      ['pending', null],
      ['pending', null],
    ]);
    expect(rows.slice(3).every((r) => r.attempts === 0)).toBe(true);

    advance(10_000);
    await n.kick();
    expect(texts()).toEqual(['Message 401', 'Message 402', 'Message 403', 'Message 404', 'Message 405']);
  });

  it('ends a claimed run before a message another sender holds, and takes one message per conversation when paced', async () => {
    for (let n = 1; n <= 3; n++) await owe(500 + n);
    resetClock();
    const second = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:502' } });
    await db.prisma.outboxMessage.update({
      where: { id: second.id },
      data: { lockedUntil: new Date(currentTime.getTime() + 60_000) },
    });
    const run = await claimDue(db.prisma, currentTime, { runLength: 10 });
    expect(run.map((r) => r.map((m) => (m.data as { n: number }).n))).toEqual([[501]]);

    await db.prisma.outboxMessage.updateMany({ data: { lockedUntil: null } });
    const paced = await claimDue(db.prisma, currentTime, { runLength: 10, paceMs: 1000 });
    expect(paced.map((r) => r.map((m) => (m.data as { n: number }).n))).toEqual([[501]]);
  });

  it(`two instances delivering at the same time send each message exactly once (${TEST_ENGINE})`, async () => {
    const count = 30;
    for (let i = 0; i < count; i++) await owe(200 + i);
    resetClock();
    // Two instances: two notifiers, and on PostgreSQL two connection pools.
    const other = anotherClient(db);
    try {
      const a = notifier();
      const b = notifier({ db: other.prisma });
      await Promise.all([a.kick(), b.kick(), a.kick(), b.kick()]);
    } finally {
      await other.close();
    }

    const texts = fake.callsTo('chat.postMessage').map((c) => c.args.text as string);
    expect(texts).toHaveLength(count);
    expect(new Set(texts).size).toBe(count);
    const rows = await db.prisma.outboxMessage.findMany();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
