import { beforeAll, describe, expect, it } from 'vitest';
import { seedLargeTerritory, LARGE } from '../../bench/territory.js';
import { generateAnnualReport } from '../../src/services/reports/reports.js';
import { TEST_ENGINE } from '../support/database.js';
import { withTestDatabase } from '../support/file-database.js';

/**
 * The report of a large territory (10,000 companies, 50,000 visits, 100,000 actions, 2,000 alerts)
 * is produced on PostgreSQL. Its time is measured by `npm run bench:report`, not here.
 */
describe.runIf(TEST_ENGINE === 'postgresql')('the annual report of a large territory', () => {
  const { db } = withTestDatabase();
  beforeAll(async () => {
    await seedLargeTerritory(db.prisma, 2026);
  }, 120_000);

  it('is produced whole: every company visited counted once, the public edition masked', async () => {
    expect(await db.prisma.visit.count()).toBe(LARGE.visits);
    expect(await db.prisma.action.count()).toBe(LARGE.actions);
    const report = await generateAnnualReport(db.prisma, 2026, {
      now: new Date('2027-01-04T09:00:00Z'),
      timeZone: 'Europe/Paris',
      channelId: 'CPILOTAGE',
    });
    const kept = await db.prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    const data = kept.data as {
      activity: { visits: number; companies: number; alerts: number; actionsCreated: number };
      byFamily: { count: number }[];
    };
    const visited = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(DISTINCT "companyId") AS n FROM "Visit"`;
    expect(data.activity).toMatchObject({
      visits: LARGE.visits,
      companies: Number(visited[0]!.n),
      alerts: LARGE.alerts,
      actionsCreated: LARGE.actions,
    });
    expect(data.byFamily.reduce((s, r) => s + r.count, 0)).toBe(Number(visited[0]!.n));
    expect(Buffer.from(kept.publicPdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);
});
