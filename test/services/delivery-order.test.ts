import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createNotifier, type Notice, type Notifier } from '../../src/notifier.js';
import { z } from 'zod';
import { enqueue, noticeType } from '../../src/services/outbox.js';
import { TEST_ENGINE } from '../support/database.js';
import { withNotifierBench } from '../support/notifier-bench.js';

/**
 * Delivery per conversation (issue 11 part 1): messages to one channel or DM leave one at a time,
 * in the order they were owed, at the configured pace; a Retry-After holds that conversation only,
 * and the message goes again when Slack said — the notifier wakes itself, no job has to pass;
 * different conversations go side by side, so 200 direct messages are not slowed by the pacing.
 * The clock is the real one: arrival times at the fake Slack are measured.
 */
// As the app's delivery client: a 429 handed back with its Retry-After.
const { db, fake, client } = withNotifierBench({ rejectRateLimitedCalls: true });
const notifiers: Notifier[] = [];
const logger = createLogger('silent');

const notices: Record<string, Notice> = {
  line: { render: async (_db, data) => ({ text: (data as { text: string }).text }) },
};

function notifier(paceMs: number) {
  const n = createNotifier({ db: db.prisma, client, logger, now: () => new Date(), notices, paceMs });
  notifiers.push(n);
  return n;
}

/** A test kind of owed message: one line of text. */
const LINE = noticeType('line', z.object({ text: z.string() }));

async function owe(messages: { recipient: string; text: string }[]) {
  await db.prisma.$transaction(async (tx) => {
    for (const m of messages)
      await enqueue(tx, LINE, {
        dedupeKey: `${m.recipient}:${m.text}`,
        recipient: m.recipient,
        data: { text: m.text },
      });
  });
}

const posts = (channel: string) => fake.succeeded('chat.postMessage').filter((c) => c.args.channel === channel);
const pending = () => db.prisma.outboxMessage.count({ where: { status: 'pending' } });

afterAll(() => {
  for (const n of notifiers) n.stop();
});

describe(`delivery per conversation (${TEST_ENGINE})`, () => {
  it('delivers a 30-item agenda in order, at the pace, through a 429 with Retry-After, while another channel is not held', async () => {
    const pace = 150;
    const agenda = Array.from({ length: 30 }, (_, i) => ({ recipient: 'CCOMITE', text: `Point ${i + 1}` }));
    const partners = Array.from({ length: 5 }, (_, i) => ({ recipient: 'CPARTNERS', text: `Offre ${i + 1}` }));
    // Interleaved as they were owed: the agenda first, the offers right after.
    await owe([...agenda, ...partners]);
    // Slack rate-limits the committee channel at its 10th message: come back in 1 s.
    fake.failNextHttp('chat.postMessage', [{ status: 429, retryAfter: 1 }], (args) => args.text === 'Point 10');

    // One kick: everything else happens on the notifier's own wake-ups.
    await notifier(pace).kick();
    await expect.poll(pending, { timeout: 30_000, interval: 200 }).toBe(0);

    const committee = posts('CCOMITE');
    expect(committee.map((c) => c.args.text)).toEqual(agenda.map((m) => m.text));
    const gaps = committee.slice(1).map((c, i) => c.at - committee[i]!.at);
    // At the pace (a few ms of rounding between the database's and the process's clocks).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(pace - 10);
    // Point 10 went again when Slack said: a second after the refusal, not at a job's next pass.
    const refused = fake.callsTo('chat.postMessage').find((c) => c.args.text === 'Point 10')!;
    const accepted = committee.find((c) => c.args.text === 'Point 10')!;
    expect(accepted.at - refused.at).toBeGreaterThanOrEqual(1000);
    expect(accepted.at - refused.at).toBeLessThan(5000);
    // The partners' channel was not held by the committee's rate limit: all its offers went, in order, before point 10.
    expect(posts('CPARTNERS').map((c) => c.args.text)).toEqual(partners.map((m) => m.text));
    expect(posts('CPARTNERS').at(-1)!.at).toBeLessThan(accepted.at);
    // Nothing twice.
    expect(committee).toHaveLength(30);
  });

  it('is not slowed by the pacing for 200 direct messages to 200 people', async () => {
    const pace = 1000;
    await owe(
      Array.from({ length: 200 }, (_, i) => ({
        recipient: `U${String(i).padStart(4, '0')}`,
        text: 'Vos actions du jour',
      })),
    );
    const started = performance.now();
    await notifier(pace).kick();
    expect(await pending()).toBe(0);
    // 200 one after the other at the pace would take 200 s.
    expect(performance.now() - started).toBeLessThan(40 * pace);
    expect(fake.succeeded('chat.postMessage')).toHaveLength(200);
  });

  it('delivers a message kicked while the notifier was planning its next wake-up', async () => {
    // The database as the notifier sees it, with its « when is the next message due? » query
    // held once its answer is read (before the message below was owed), until released.
    let release: () => void = () => {};
    let held: Promise<void> | null = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached: () => void = () => {};
    const planning = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const seen = new Proxy(db.prisma, {
      get(target, prop) {
        if (prop === '$queryRaw')
          return async (strings: TemplateStringsArray, ...values: unknown[]) => {
            const rows = await target.$queryRaw(strings, ...values);
            if (held && strings.join('?').includes('max(s."sentAt")')) {
              reached();
              await held;
              held = null;
            }
            return rows;
          };
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const n = createNotifier({ db: seen, client, logger, now: () => new Date(), notices, paceMs: 0 });
    notifiers.push(n);
    const first = n.kick(); // nothing owed yet: it plans its next wake-up, and is held there
    await planning;
    await owe([{ recipient: 'CPAGE', text: 'Alerte ALR-2026-0091' }]);
    const second = n.kick(); // the message is committed: this kick must not be lost
    release();
    await Promise.all([first, second]);
    // Without a job's pass (none runs here) nor a wake-up planned on a stale answer.
    await expect.poll(() => posts('CPAGE').length, { timeout: 2_000, interval: 50 }).toBe(1);
  });

  it('keeps the order of a conversation across two instances delivering at once', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => ({ recipient: 'CDUO', text: `Ligne ${i + 1}` }));
    await owe(lines);
    const [a, b] = [notifier(50), notifier(50)];
    await Promise.all([a.kick(), b.kick()]);
    await expect.poll(pending, { timeout: 20_000, interval: 100 }).toBe(0);
    expect(posts('CDUO').map((c) => c.args.text)).toEqual(lines.map((l) => l.text));
  });
});
