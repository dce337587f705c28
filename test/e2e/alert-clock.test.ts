import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import { alertAnswers, deadlinePeople, openAlertModal } from '../support/alert-form.js';
import { startTestApp, type TestApp, withTestApp } from '../support/app.js';
import { anotherClient } from '../support/database.js';
import { submitModal } from '../support/forms.js';
import { resetTables } from '../support/reset.js';

/**
 * Time and failure: the 48 h clock with a moved clock, across a restart and with two instances,
 * and owed messages surviving Slack's errors. The apps' clock is injected; it only moves forward
 * from the real time (the database stamps owed messages with its own clock).
 */
const capteur = { id: 'UCLKCAPT', name: 'claire' };
const coord = { id: 'UCLKCOORD', name: 'helene' };
const admin = { id: 'UCLKADMIN', name: 'admin' };
const HOUR = 3_600_000;

let clock = new Date();
const now = () => clock;
const people = deadlinePeople({ capteur, coord, admin });

const { t, db } = withTestApp({
  now,
  ...people.setup,
});

/** Instances a test starts beside the file's app (a restart, a second instance), stopped after the test. */
const instances: TestApp[] = [];
const clients: ReturnType<typeof anotherClient>[] = [];
async function startInstance(onAnotherClient = false) {
  const client = onAnotherClient ? anotherClient(db) : null;
  if (client) clients.push(client);
  const started = await startTestApp(client?.prisma ?? db.prisma, { now });
  instances.push(started);
  return started;
}
// Each test raises its alert in a database holding the members alone: `raise` reads back the
// latest alert, and an alert left by another test (raised later on its clock) would be read instead.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  await people.makeKnownCompany(db.prisma);
});
// A test's instances stop with it: still running, their notifiers could deliver the next test's
// messages to their own fake Slack instead of the one that test reads.
afterEach(async () => {
  for (const instance of instances.splice(0)) await instance.stop();
  for (const client of clients.splice(0)) await client.close();
});

async function raise(on: TestApp) {
  const res = await on.slack.interaction(
    submitModal(capteur, await openAlertModal(on, capteur), alertAnswers(people.companyId())),
  );
  return {
    ack: res.json(),
    alert: await db.prisma.recruitmentAlert.findFirstOrThrow({ orderBy: { raisedAt: 'desc' } }),
  };
}

const dmsTo = (t: TestApp, user: string, containing: string) =>
  t.fake
    .succeeded('chat.postMessage')
    .filter((c) => c.args.channel === user && String(c.args.text).includes(containing));

describe('owed messages and Slack failures', () => {
  it('stores the alert and acknowledges the capteur while Slack fails, and pages the coordinator once it recovers', async () => {
    clock = new Date(Date.now() + 1_000);
    t.fake.failNextHttp(
      'chat.postMessage',
      [{ status: 500 }, { status: 429, retryAfter: 30 }],
      (a) => a.channel === coord.id,
    );
    const { ack, alert } = await raise(t);
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain(alert.reference);
    await expect.poll(() => dmsTo(t, capteur.id, alert.reference).length).toBe(1);

    // First attempt: 500. The page stays owed.
    const page = () =>
      db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `alert_page:${alert.id}:${coord.id}` } });
    await expect.poll(async () => (await page()).attempts).toBe(1);
    expect(await page()).toMatchObject({ status: 'pending' });
    expect(dmsTo(t, coord.id, alert.reference)).toHaveLength(0);

    // After the backoff: 429, come back in 30 s — not counted as a failure.
    clock = new Date(clock.getTime() + 11_000);
    await jobRunners(t.ctx).outbox();
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === coord.id)).toHaveLength(2);
    expect(await page()).toMatchObject({ status: 'pending', attempts: 1 });
    clock = new Date(clock.getTime() + 10_000);
    await jobRunners(t.ctx).outbox();
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === coord.id)).toHaveLength(2);

    // Slack is back: delivered, once.
    clock = new Date(clock.getTime() + 21_000);
    await jobRunners(t.ctx).outbox();
    await jobRunners(t.ctx).outbox();
    expect(dmsTo(t, coord.id, alert.reference)).toHaveLength(1);
    expect(await page()).toMatchObject({ status: 'sent' });
  });
});

describe('the 48 h clock', () => {
  it('reminds at 24 h and 40 h and declares the breach at 48 h, each once, across a restart and two instances', async () => {
    clock = new Date(Date.now() + 60_000);
    const first = await startInstance();
    const { alert } = await raise(first);
    const raisedAt = alert.raisedAt.getTime();
    const at = (hours: number, minutes = 0) => new Date(raisedAt + hours * HOUR + minutes * 60_000);
    const reminders = (t: TestApp) =>
      t.fake
        .succeeded('chat.postMessage')
        .filter(
          (c) => c.args.channel === coord.id && String(c.args.text).startsWith(`Rappel : alerte ${alert.reference}`),
        );

    clock = at(23, 59);
    await jobRunners(first.ctx).alertDeadlines();
    expect(reminders(first)).toHaveLength(0);

    clock = at(24, 1);
    await jobRunners(first.ctx).alertDeadlines();
    await jobRunners(first.ctx).alertDeadlines();
    expect(reminders(first)).toHaveLength(1);
    expect(String(reminders(first)[0]!.args.text)).toContain(alert.reference);

    // The app restarts (a new instance on the same database) after the 40 h mark: the missed
    // reminder is sent, the 24 h one is not sent again.
    await first.stop();
    instances.splice(instances.indexOf(first), 1);
    const restarted = await startInstance();
    clock = at(41);
    await jobRunners(restarted.ctx).alertDeadlines();
    expect(reminders(restarted)).toHaveLength(1);
    // Sent late, it says how long ago the alert was really raised, not the 40 h mark it is for.
    expect(JSON.stringify(reminders(restarted)[0]!.args.blocks)).toContain('signalée il y a 41 h 00');

    // Two instances check at the same moment, past the deadline: one breach, one notice each.
    const other = await startInstance(true);
    clock = at(48, 1);
    await Promise.all([jobRunners(restarted.ctx).alertDeadlines(), jobRunners(other.ctx).alertDeadlines()]);
    await Promise.all([jobRunners(restarted.ctx).outbox(), jobRunners(other.ctx).outbox()]);
    const breaches = [restarted, other]
      .flatMap((t) => t.fake.succeeded('chat.postMessage'))
      .filter((c) => String(c.args.text) === `Délai dépassé : alerte ${alert.reference}`);
    expect(breaches.map((c) => c.args.channel).sort()).toEqual([admin.id, coord.id].sort());
    expect((await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: alert.id } })).lateAt).toEqual(
      alert.deadlineAt,
    );
    // The coordinator's page now says it is late.
    const page = await db.prisma.alertMessage.findUniqueOrThrow({
      where: { alertId_kind_recipient: { alertId: alert.id, kind: 'alert_page', recipient: coord.id } },
    });
    const updates = [restarted, other]
      .flatMap((t) => t.fake.succeeded('chat.update'))
      .filter((c) => c.args.ts === page.ts && c.args.channel === page.channel);
    expect(updates.length).toBe(1);
    expect(JSON.stringify(updates[0]!.args.blocks)).toContain('en retard');

    clock = at(60);
    await Promise.all([jobRunners(restarted.ctx).alertDeadlines(), jobRunners(other.ctx).alertDeadlines()]);
    expect(await db.prisma.alertReminder.count({ where: { alertId: alert.id } })).toBe(3);
    expect(
      await db.prisma.outboxMessage.count({
        where: { kind: { in: ['alert_reminder', 'alert_breach'] }, dedupeKey: { contains: alert.id } },
      }),
    ).toBe(4);
  });
});
