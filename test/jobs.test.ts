import { describe, expect, it } from 'vitest';
import { startJobs } from '../src/jobs/index.js';
import { fileVisit } from '../src/services/visits/file-visit.js';
import { parseVisitReport } from '../src/services/visits/visit-report.js';
import { withTestApp } from './support/app.js';
import { makeCompany, makeMember, makeStructure } from './support/factories.js';

const { t, db } = withTestApp();

describe('scheduled jobs', () => {
  it('deliver at start-up the messages owed before a restart', async () => {
    // A visit saved while Slack could not be reached: its confirmation is owed, not lost.
    const structure = await makeStructure(db.prisma, 'CMA du Cher', 'cma');
    const capteur = await makeMember(db.prisma, 'UJOBS1', ['capteur'], structure.id);
    const company = await makeCompany(db.prisma, { name: 'Ateliers du Cher' });
    const parsed = parseVisitReport(
      {
        submissionKey: 'jobs-1',
        companyId: company.id,
        visitDate: '2026-01-15',
        channel: 'sur_site',
        stakesHigh: ['numerique'],
        needs: 'Site web',
        diagnostic: 'À accompagner',
        consentToShare: 'oui',
      },
      '2026-11-27',
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await fileVisit(db.prisma, capteur, parsed.report);
    expect(await db.prisma.outboxMessage.findFirst({ select: { status: true } })).toEqual({ status: 'pending' });

    const jobs = startJobs(t.ctx);
    try {
      const sent = await t.fake.waitFor('chat.postMessage', (a) => a.channel === 'UJOBS1');
      expect(String(sent.args.text)).toContain('Ateliers du Cher');
      await expect
        .poll(() => db.prisma.outboxMessage.findFirst({ select: { status: true } }))
        .toEqual({ status: 'sent' });
    } finally {
      await jobs.stop();
    }
  });
});
