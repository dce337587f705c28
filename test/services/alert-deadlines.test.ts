import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { parseAlertReport } from '../../src/services/alerts/alert-report.js';
import { type AlertSettings, getAlert, moveAlert, raiseAlert } from '../../src/services/alerts/alerts.js';
import { checkAlertDeadlines, type DeadlineSettings } from '../../src/services/alerts/deadlines.js';
import type { Db } from '../../src/services/db.js';
import { runWithLease } from '../../src/services/job-lease.js';
import type { Actor } from '../../src/services/permissions.js';
import { alertReminderMessage } from '../../src/views/messages/alert.js';
import { resetTables } from '../support/reset.js';
import { TEST_ENGINE, withAnotherClient } from '../support/database.js';
import { withTestDatabase } from '../support/file-database.js';
import { interleaveAfterRead } from '../support/interleave.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';

const { db } = withTestDatabase();
const settings: AlertSettings = { deadlineHours: 48, timeZone: 'Europe/Paris', partnersChannelId: 'CPARTNERS' };
const deadlines: DeadlineSettings = { reminderHours: [24, 40] };
/** When the alerts are raised; the scheduler runs at instants after it. */
const T0 = new Date('2026-11-27T09:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

interface People {
  capteur: Actor;
  coord1: Actor;
  /** A coordinator who is also an administrator: told of a breach once. */
  coord2: Actor;
  companyId: string;
}
let people: People;

async function seed(prisma: Db): Promise<People> {
  const structure = await makeStructure(prisma, 'CMA du Cher', 'cma');
  const capteur = await makeMember(prisma, 'UCAPTEUR', ['capteur'], structure.id);
  const coord1 = await makeMember(prisma, 'UCOORD1', ['coordinateur']);
  const coord2 = await makeMember(prisma, 'UCOORD2', ['coordinateur', 'admin']);
  await makeMember(prisma, 'UADMIN', ['admin']);
  const companyId = (await makeCompany(prisma, { name: 'Mécanique du Val' })).id;
  return { capteur, coord1, coord2, companyId };
}

async function raise(submissionKey: string, now = T0, client: Db = db.prisma, who: People = people) {
  const parsed = parseAlertReport(
    {
      submissionKey,
      companyId: who.companyId,
      p1Title: 'Soudeur TIG',
      p1Count: '2',
      p1Contract: 'cdi',
      p1Location: 'Vierzon',
      urgency: 'Commande à honorer en janvier.',
      contactName: 'Claire Martin',
      contactEmail: 'claire.martin@mecanique-du-val.fr',
      consentToName: 'oui',
    },
    '2026-11-27',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return (await raiseAlert(client, who.capteur, parsed.report, now, settings)).alertId;
}

const check = (hours: number, client: Db = db.prisma, s: DeadlineSettings = deadlines) =>
  checkAlertDeadlines(client, at(hours), s);

async function outboxKeys(prisma: Db = db.prisma): Promise<string[]> {
  return (await prisma.outboxMessage.findMany({ select: { dedupeKey: true } })).map((m) => m.dedupeKey).sort();
}

/** Runs `fn` and returns the dedupe keys of the messages it owed. */
async function owedBy(fn: () => Promise<unknown>): Promise<string[]> {
  const before = new Set(await outboxKeys());
  await fn();
  return (await outboxKeys()).filter((k) => !before.has(k)).sort();
}

async function reminderKinds(alertId: string, prisma: Db = db.prisma): Promise<string[]> {
  return (await prisma.alertReminder.findMany({ where: { alertId }, select: { kind: true } }))
    .map((r) => r.kind)
    .sort();
}

const reminderKeys = (alertId: string, hours: number) => [
  `alert_reminder:${alertId}:rappel_${hours}h:UCOORD1`,
  `alert_reminder:${alertId}:rappel_${hours}h:UCOORD2`,
];
const breachKeys = (alertId: string) => [
  `alert_breach:${alertId}:UADMIN`,
  `alert_breach:${alertId}:UCOORD1`,
  `alert_breach:${alertId}:UCOORD2`,
  `alert_page:${alertId}:UCOORD1:depassement`,
  `alert_page:${alertId}:UCOORD2:depassement`,
];

beforeEach(async () => {
  await resetTables(db.prisma);
  people = await seed(db.prisma);
});

describe('checkAlertDeadlines', () => {
  it('reminds at 24 h and 40 h, then records the breach at 48 h, each once', async () => {
    const alertId = await raise('deadline-1');

    expect(await owedBy(async () => expect(await check(23.99)).toEqual({ reminders: 0, breaches: 0 }))).toEqual([]);
    expect(await reminderKinds(alertId)).toEqual([]);

    // 24 h: one reminder, to each coordinator.
    expect(await owedBy(async () => expect(await check(24)).toEqual({ reminders: 1, breaches: 0 }))).toEqual(
      reminderKeys(alertId, 24),
    );
    const reminder = await db.prisma.alertReminder.findMany({ where: { alertId } });
    expect(reminder.map((r) => ({ kind: r.kind, at: r.at.toISOString() }))).toEqual([
      { kind: 'rappel_24h', at: at(24).toISOString() },
    ]);
    const owed = await db.prisma.outboxMessage.findUniqueOrThrow({
      where: { dedupeKey: reminderKeys(alertId, 24)[0]! },
    });
    expect(owed).toMatchObject({
      kind: 'alert_reminder',
      recipient: 'UCOORD1',
      data: { alertId, hours: 24 },
      status: 'pending',
    });

    // Ten minutes later, and until 40 h: nothing more.
    for (const hours of [24 + 1 / 6, 30, 39.99]) {
      expect(await owedBy(async () => expect(await check(hours)).toEqual({ reminders: 0, breaches: 0 }))).toEqual([]);
    }

    expect(await owedBy(async () => expect(await check(40)).toEqual({ reminders: 1, breaches: 0 }))).toEqual(
      reminderKeys(alertId, 40),
    );
    expect(await owedBy(async () => expect(await check(40.5)).toEqual({ reminders: 0, breaches: 0 }))).toEqual([]);

    expect(await owedBy(() => check(47.99))).toEqual([]);
    expect((await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: alertId } })).lateAt).toBeNull();

    // 48 h: the breach, to the administrators and the coordinators (each person once), and the pages show it late.
    expect(await owedBy(async () => expect(await check(48)).toEqual({ reminders: 0, breaches: 1 }))).toEqual(
      breachKeys(alertId),
    );
    const alert = await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: alertId } });
    expect(alert.lateAt?.toISOString()).toBe(at(48).toISOString());
    expect(alert.state).toBe('signalee');
    expect(await reminderKinds(alertId)).toEqual(['depassement', 'rappel_24h', 'rappel_40h']);
    const breach = await db.prisma.outboxMessage.findMany({
      where: { kind: 'alert_breach' },
      orderBy: { recipient: 'asc' },
    });
    expect(breach.map((m) => [m.recipient, m.data])).toEqual([
      ['UADMIN', { alertId }],
      ['UCOORD1', { alertId }],
      ['UCOORD2', { alertId }],
    ]);
    expect(
      await db.prisma.outboxMessage.findUniqueOrThrow({
        where: { dedupeKey: `alert_page:${alertId}:UCOORD1:depassement` },
      }),
    ).toMatchObject({
      kind: 'alert_page',
      recipient: 'UCOORD1',
      data: { alertId, update: true },
    });

    for (const hours of [48, 49, 72, 24 * 30]) {
      expect(await owedBy(async () => expect(await check(hours)).toEqual({ reminders: 0, breaches: 0 }))).toEqual([]);
    }
    expect(await reminderKinds(alertId)).toEqual(['depassement', 'rappel_24h', 'rappel_40h']);
  });

  it('catches up after downtime: an alert raised 50 h ago and never checked gets both reminders and the breach at once', async () => {
    const alertId = await raise('deadline-late');
    // Another alert, raised later, is only due its first reminder.
    const recent = await raise('deadline-recent', at(20));
    const owed = await owedBy(async () => expect(await check(50)).toEqual({ reminders: 3, breaches: 1 }));
    expect(owed).toEqual(
      [
        ...reminderKeys(alertId, 24),
        ...reminderKeys(alertId, 40),
        ...breachKeys(alertId),
        ...reminderKeys(recent, 24),
      ].sort(),
    );
    expect(await reminderKinds(alertId)).toEqual(['depassement', 'rappel_24h', 'rappel_40h']);
    expect(await reminderKinds(recent)).toEqual(['rappel_24h']);

    expect(await owedBy(async () => expect(await check(50)).toEqual({ reminders: 0, breaches: 0 }))).toEqual([]);
  });

  it('leaves alone an alert transmitted to France Travail, or closed', async () => {
    const transmitted = await raise('deadline-transmitted');
    const closed = await raise('deadline-closed');
    const taken = await raise('deadline-taken');
    await moveAlert(db.prisma, people.coord1, transmitted, { action: 'transmettre' }, at(1), settings);
    await moveAlert(
      db.prisma,
      people.coord1,
      closed,
      { action: 'clore', outcome: 'annulee', note: 'Besoin pourvu en interne.' },
      at(1),
      settings,
    );
    // Taken but not transmitted: the clock still runs.
    await moveAlert(db.prisma, people.coord1, taken, { action: 'prendre_en_charge' }, at(1), settings);

    const owed = await owedBy(async () => expect(await check(60)).toEqual({ reminders: 2, breaches: 1 }));
    // Reminders go to the coordinator who took the alert only; the breach goes to everyone.
    const inCharge = (hours: number) => reminderKeys(taken, hours).filter((key) => key.endsWith(':UCOORD1'));
    expect(owed).toEqual([...inCharge(24), ...inCharge(40), ...breachKeys(taken)].sort());
    expect(await reminderKinds(transmitted)).toEqual([]);
    expect(await reminderKinds(closed)).toEqual([]);
    expect((await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: transmitted } })).lateAt).toBeNull();
  });

  it('does not remind or escalate an alert transmitted between the check reading it and recording the reminder', async () => {
    const alertId = await raise('deadline-transmitted-meanwhile');
    // The coordinator transmits right after the scheduler listed the alerts awaiting transmission.
    const scheduler = interleaveAfterRead(db.prisma, 'recruitmentAlert', 'findMany', () =>
      moveAlert(db.prisma, people.coord1, alertId, { action: 'transmettre' }, at(49), settings),
    );
    const owed = await owedBy(async () =>
      expect(await checkAlertDeadlines(scheduler.client, at(49), deadlines)).toEqual({ reminders: 0, breaches: 0 }),
    );
    expect(scheduler.happened()).toBe(true);
    expect(
      owed.filter((k) => k.startsWith('alert_reminder') || k.startsWith('alert_breach') || k.endsWith(':depassement')),
    ).toEqual([]);
    expect(await reminderKinds(alertId)).toEqual([]);
    expect(await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject({
      state: 'transmise',
      lateAt: null,
    });
  });

  it('never sends a reminder whose hour is at or past the deadline', async () => {
    const alertId = await raise('deadline-hours');
    const owed = await owedBy(async () =>
      expect(await check(60, db.prisma, { reminderHours: [24, 48, 50] })).toEqual({ reminders: 1, breaches: 1 }),
    );
    expect(owed).toEqual([...reminderKeys(alertId, 24), ...breachKeys(alertId)].sort());
    expect(await reminderKinds(alertId)).toEqual(['depassement', 'rappel_24h']);
    expect(await check(24 * 10, db.prisma, { reminderHours: [24, 48, 50] })).toEqual({ reminders: 0, breaches: 0 });
  });

  it('counts real hours across the October clock change: the 24 h reminder at 13:00 for an alert raised at 14:00, saying 24 h', async () => {
    // Saturday 24 October 2026 at 14:00 in Paris (UTC+2); clocks go back on Sunday 25 at 3:00.
    const raisedAt = new Date('2026-10-24T12:00:00Z');
    const alertId = await raise('dst-october', raisedAt);
    const hoursLater = (h: number) => new Date(raisedAt.getTime() + h * 3_600_000);
    const alert = (await getAlert(db.prisma, alertId))!;
    expect(alert.deadlineAt).toEqual(hoursLater(48));
    // 14:00 on the Sunday's wall clock is only 23 real hours later: nothing yet.
    expect(await checkAlertDeadlines(db.prisma, hoursLater(23), deadlines)).toEqual({ reminders: 0, breaches: 0 });
    expect(await checkAlertDeadlines(db.prisma, hoursLater(24), deadlines)).toEqual({ reminders: 1, breaches: 0 });
    expect(await reminderKinds(alertId)).toEqual(['rappel_24h']);
    // Rendered when the outbox sends it, 25 minutes later: the real elapsed and remaining time.
    const text = JSON.stringify(alertReminderMessage(alert, { now: hoursLater(24.5), timeZone: 'Europe/Paris' }));
    expect(text).toContain('signalée il y a 24 h 30, il reste 23 h 30.');
  });

  it(`records each reminder once and owes each message once when two schedulers run at the same time (${TEST_ENGINE})`, async () => {
    const alerts = [await raise('deadline-a'), await raise('deadline-b'), await raise('deadline-c', at(10))];
    const before = await db.prisma.outboxMessage.count();
    const results = await withAnotherClient(db, (other) =>
      Promise.all([check(50), check(50, other), check(50), check(50, other)]),
    );
    // a and b: two reminders and the breach each; c (raised at 10 h): its 24 h and 40 h reminders.
    expect(results.reduce((sum, r) => sum + r.reminders, 0)).toBe(6);
    expect(results.reduce((sum, r) => sum + r.breaches, 0)).toBe(2);
    expect(await reminderKinds(alerts[0]!)).toEqual(['depassement', 'rappel_24h', 'rappel_40h']);
    expect(await reminderKinds(alerts[1]!)).toEqual(['depassement', 'rappel_24h', 'rappel_40h']);
    expect(await reminderKinds(alerts[2]!)).toEqual(['rappel_24h', 'rappel_40h']);
    // Per alert: 2 reminders × 2 coordinators; per breach: 3 people and 2 page updates.
    expect((await db.prisma.outboxMessage.count()) - before).toBe(3 * 4 + 2 * 5);
  });

  describe('across a restart', () => {
    let dir: string | undefined;
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    /**
     * The database as a process starting up opens it: a new client on PostgreSQL; on PGlite, the
     * data directory the previous process left (reopened, so nothing survives in memory).
     */
    async function startProcess(): Promise<Database> {
      if (TEST_ENGINE === 'postgresql') return openDatabase({ databaseUrl: db.url! });
      dir ??= await mkdtemp(join(tmpdir(), 'pem-alert-restart-'));
      return openDatabase({ pgliteDataDir: dir });
    }

    // Three processes' worth of database opening (on PGlite a data directory created, migrated and
    // reopened twice: 10 s on an idle machine), so a loaded one needs more than the default 30 s.
    it('a new process does again nothing the previous one did', { timeout: 120_000 }, async () => {
      const first = await startProcess();
      let who = people;
      let alertId: string;
      try {
        if (first.engine === 'pglite') {
          await first.migrate();
          who = await seed(first.prisma);
        }
        alertId = await raise('deadline-restart', T0, first.prisma, who);
        expect(await checkAlertDeadlines(first.prisma, at(41), deadlines)).toEqual({ reminders: 2, breaches: 0 });
      } finally {
        await first.close();
      }
      const firstKeys = await (async () => {
        const again = await startProcess();
        try {
          return await outboxKeys(again.prisma);
        } finally {
          await again.close();
        }
      })();

      const restarted = await startProcess();
      try {
        await restarted.migrate();
        // The new process catches up at start-up: nothing is owed twice.
        expect(await checkAlertDeadlines(restarted.prisma, at(41), deadlines)).toEqual({ reminders: 0, breaches: 0 });
        expect(await checkAlertDeadlines(restarted.prisma, at(45), deadlines)).toEqual({ reminders: 0, breaches: 0 });
        expect(await outboxKeys(restarted.prisma)).toEqual(firstKeys);
        expect(await reminderKinds(alertId, restarted.prisma)).toEqual(['rappel_24h', 'rappel_40h']);
        // What falls due later is done once.
        expect(await checkAlertDeadlines(restarted.prisma, at(48), deadlines)).toEqual({ reminders: 0, breaches: 1 });
        expect(await checkAlertDeadlines(restarted.prisma, at(48), deadlines)).toEqual({ reminders: 0, breaches: 0 });
        expect(await reminderKinds(alertId, restarted.prisma)).toEqual(['depassement', 'rappel_24h', 'rappel_40h']);
        expect((await outboxKeys(restarted.prisma)).length).toBe(firstKeys.length + 5);
      } finally {
        await restarted.close();
      }
    });
  });
});

describe('runWithLease', () => {
  const LEASE_MS = 5 * 60_000;
  const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);
  const lease = (name: string) => db.prisma.jobLease.findUniqueOrThrow({ where: { name } });

  it('lets one holder run while another is refused, and records the last run', async () => {
    let inner: string | undefined = 'not called';
    const result = await runWithLease(db.prisma, 'job-a', 'instance-1', minutes(0), LEASE_MS, async () => {
      expect(await lease('job-a')).toMatchObject({ holder: 'instance-1', leasedUntil: minutes(5) });
      inner = await runWithLease(db.prisma, 'job-a', 'instance-2', minutes(1), LEASE_MS, async () => 'ran');
      return 'done';
    });
    expect(result).toBe('done');
    expect(inner).toBeUndefined();
    expect(await lease('job-a')).toMatchObject({ holder: 'instance-1', leasedUntil: null, lastRunAt: minutes(0) });

    // Released at the end: the next tick, any instance may run it.
    expect(await runWithLease(db.prisma, 'job-a', 'instance-2', minutes(1), LEASE_MS, async () => 'ran')).toBe('ran');
    expect(await lease('job-a')).toMatchObject({ holder: 'instance-2', leasedUntil: null, lastRunAt: minutes(1) });
  });

  it('gives the lease to another holder once it has expired', async () => {
    let taken: string | undefined;
    await runWithLease(db.prisma, 'job-b', 'instance-1', minutes(0), LEASE_MS, async () => {
      expect(
        await runWithLease(db.prisma, 'job-b', 'instance-2', minutes(5), LEASE_MS, async () => 'early'),
      ).toBeUndefined();
      // The first run is still going past its lease (a slow run, a paused process): another takes over.
      taken = await runWithLease(
        db.prisma,
        'job-b',
        'instance-2',
        new Date(minutes(5).getTime() + 1),
        LEASE_MS,
        async () => {
          expect((await lease('job-b')).holder).toBe('instance-2');
          return 'taken over';
        },
      );
    });
    expect(taken).toBe('taken over');
    // The late first run does not overwrite the lease it lost.
    expect(await lease('job-b')).toMatchObject({ holder: 'instance-2', lastRunAt: new Date(minutes(5).getTime() + 1) });
  });

  it('lets the holder renew its own lease, and a new process after a crash only once it has expired', async () => {
    // instance-1 died while running: its lease stays until 09:05.
    await db.prisma.jobLease.create({ data: { name: 'job-c', holder: 'instance-1', leasedUntil: minutes(5) } });
    expect(
      await runWithLease(db.prisma, 'job-c', 'instance-2', minutes(2), LEASE_MS, async () => 'ran'),
    ).toBeUndefined();
    expect(await lease('job-c')).toMatchObject({ holder: 'instance-1', leasedUntil: minutes(5), lastRunAt: null });

    // The holder itself renews it before it expires.
    const renewed = await runWithLease(db.prisma, 'job-c', 'instance-1', minutes(3), LEASE_MS, async () => {
      expect(await lease('job-c')).toMatchObject({ holder: 'instance-1', leasedUntil: minutes(8) });
      return 'renewed';
    });
    expect(renewed).toBe('renewed');

    await db.prisma.jobLease.update({
      where: { name: 'job-c' },
      data: { holder: 'instance-1', leasedUntil: minutes(10) },
    });
    expect(
      await runWithLease(db.prisma, 'job-c', 'instance-3', minutes(10), LEASE_MS, async () => 'ran'),
    ).toBeUndefined();
    expect(await runWithLease(db.prisma, 'job-c', 'instance-3', minutes(11), LEASE_MS, async () => 'ran')).toBe('ran');
    expect(await lease('job-c')).toMatchObject({ holder: 'instance-3', leasedUntil: null, lastRunAt: minutes(11) });
  });

  it('releases the lease when the work fails, so the next tick can retry', async () => {
    await expect(
      runWithLease(db.prisma, 'job-d', 'instance-1', minutes(0), LEASE_MS, async () => {
        throw new Error('database hiccup');
      }),
    ).rejects.toThrow('database hiccup');
    expect((await lease('job-d')).leasedUntil).toBeNull();
    expect(await runWithLease(db.prisma, 'job-d', 'instance-2', minutes(1), LEASE_MS, async () => 'retried')).toBe(
      'retried',
    );
  });

  it(`runs the work on one instance only when two ask at the same time (${TEST_ENGINE})`, async () => {
    const ran: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    // The winner holds the lease until the loser has had its answer.
    const work = (holder: string) => async () => {
      ran.push(holder);
      await gate;
      return holder;
    };
    try {
      const results = await withAnotherClient(db, async (other) => {
        const a = runWithLease(db.prisma, 'job-e', 'instance-1', minutes(0), LEASE_MS, work('instance-1'));
        const b = runWithLease(other, 'job-e', 'instance-2', minutes(0), LEASE_MS, work('instance-2'));
        const timeout = new Promise((resolve) => setTimeout(resolve, 5_000));
        await Promise.race([a, b, timeout]);
        open();
        return Promise.all([a, b]);
      });
      expect(ran).toHaveLength(1);
      expect(results.filter((r) => r === undefined)).toHaveLength(1);
      expect(results).toContain(ran[0]);
    } finally {
      open();
    }
  });

  it('guards the deadline check: a second scheduler refused the lease owes nothing', async () => {
    await raise('lease-alert');
    const run = (holder: string, hours: number) =>
      runWithLease(db.prisma, 'alert-deadlines', holder, at(hours), LEASE_MS, () => check(hours));
    let refused: unknown = 'not called';
    const done = await runWithLease(db.prisma, 'alert-deadlines', 'instance-1', at(24), LEASE_MS, async () => {
      refused = await run('instance-2', 24);
      return check(24);
    });
    expect(refused).toBeUndefined();
    expect(done).toEqual({ reminders: 1, breaches: 0 });
    expect(await run('instance-2', 24.5)).toEqual({ reminders: 0, breaches: 0 });
    expect(await lease('alert-deadlines')).toMatchObject({
      holder: 'instance-2',
      leasedUntil: null,
      lastRunAt: at(24.5),
    });
  });
});
