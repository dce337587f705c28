import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/services/db.js';
import { INDICATORS_NOTICE, oweQuarterlyIndicators, snapshotQuarter } from '../../src/services/indicators/steering.js';
import { withAnotherInstance, withTestApp } from '../support/app.js';
import { onInstances } from '../support/database.js';
import { resetTables } from '../support/reset.js';

/**
 * A quarter's freeze and its owed post to the steering channel are one transaction: two instances
 * (and a person's `/plateforme indicateurs 2026-T4` beside them) owe one post, and a failure
 * between the two — here the outbox refusing the write, as a crash would cut it — leaves neither,
 * so the next run freezes and owes it.
 */
const PARIS = 'Europe/Paris';
const STEERING = 'CPILOTQUART';
/** The apps' clock: each test sets it. */
let now = new Date();
const started = withTestApp({ now: () => now });
const { t, db } = started;
const other = withAnotherInstance(started, { now: () => now });
// Each test starts with no quarter frozen and nothing owed: a post another test left owed (its
// quarter's) would otherwise be delivered by this one's apps too, whatever ran before it.
beforeEach(async () => {
  await resetTables(db.prisma);
});

const owedPosts = (year: number, quarter: number) =>
  db.prisma.outboxMessage.findMany({
    where: { kind: INDICATORS_NOTICE, dedupeKey: { startsWith: `${INDICATORS_NOTICE}:${year}-T${quarter}:` } },
  });

describe('a quarter’s freeze and its post', () => {
  it('are owed once when instances’ jobs and a person freeze the quarter at the same moment', async () => {
    // Monday 4 January 2027: Q4 2026 is over.
    now = new Date('2027-01-04T08:10:00Z');
    // The job's freeze (two instances) and the command's: the same call, the quarter and where it is posted.
    const freeze = (prisma: Db) => snapshotQuarter(prisma, 2026, 4, now, PARIS, STEERING).then((r) => r.created);
    const created = await onInstances(db, [freeze, freeze, freeze]);
    expect(created.filter(Boolean)).toHaveLength(1);
    expect(await db.prisma.indicatorSnapshot.count({ where: { year: 2026, quarter: 4 } })).toBe(1);
    expect((await owedPosts(2026, 4)).map((o) => [o.recipient, o.data])).toEqual([
      [STEERING, { year: 2026, quarter: 4 }],
    ]);

    // Two app instances deliver what is owed at the same moment: one post in the steering channel.
    const apps = [t, other];
    await Promise.all(apps.map((app) => app.ctx.notifier.kick()));
    await Promise.all(apps.map((app) => app.ctx.notifier.kick()));
    const posted = apps.flatMap((app) =>
      app.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === STEERING),
    );
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]!.args.blocks)).toContain('T4');
  });

  it('are both kept or both lost: a failure while owing the post leaves no frozen quarter, and the next run owes it', async () => {
    // The outbox refuses the quarter's post (what a crash after the freeze would cut off).
    await db.exec(`
      CREATE FUNCTION refuse_quarter_post() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$;
      CREATE TRIGGER refuse_quarter_post BEFORE INSERT ON "OutboxMessage"
        FOR EACH ROW WHEN (NEW.kind = '${INDICATORS_NOTICE}') EXECUTE FUNCTION refuse_quarter_post();`);
    // Wednesday 1 April 2027: Q1 2027 is over.
    now = new Date('2027-04-01T07:10:00Z');
    await expect(oweQuarterlyIndicators(db.prisma, now, { timeZone: PARIS, channelId: STEERING })).rejects.toThrow();
    expect(await db.prisma.indicatorSnapshot.count({ where: { year: 2027, quarter: 1 } })).toBe(0);
    expect(await owedPosts(2027, 1)).toEqual([]);

    await db.exec('DROP TRIGGER refuse_quarter_post ON "OutboxMessage"; DROP FUNCTION refuse_quarter_post();');
    expect(await oweQuarterlyIndicators(db.prisma, now, { timeZone: PARIS, channelId: STEERING })).toEqual({
      year: 2027,
      quarter: 1,
    });
    expect(await db.prisma.indicatorSnapshot.count({ where: { year: 2027, quarter: 1 } })).toBe(1);
    expect(await owedPosts(2027, 1)).toHaveLength(1);
  });
});
