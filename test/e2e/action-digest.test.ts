import { describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import { withTestApp } from '../support/app.js';
import { makeCompany } from '../support/factories.js';

/** The morning digest, sent by the job at 8:30 Paris time on working days: only to those with something to do. */
let clock = new Date();

const { t } = withTestApp({
  now: () => clock,
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: 'UDGBUSY', roles: ['comite'], structure: 'CCI du Cher' },
    { user: 'UDGIDLE', roles: ['comite'], structure: 'CCI du Cher' },
  ],
  async seed({ db, actors, structures }) {
    const busy = actors.UDGBUSY!;
    const companyId = (await makeCompany(db.prisma, { name: 'Porcelaines de Foëcy' })).id;
    // Relative to the real day, so the outbox's own clock agrees: one overdue, one due in two days.
    const day = (offset: number) => new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + offset * 86_400_000);
    for (const [key, due] of [
      ['Relancer le dirigeant', day(-3)],
      ['Préparer la POE', day(2)],
    ] as const) {
      await db.prisma.action.create({
        data: {
          submissionKey: key,
          title: key,
          target: 'entreprise',
          companyId,
          ownerStructureId: structures['CCI du Cher']!.id,
          ownerMemberId: busy.memberId,
          dueDate: due,
          origin: 'ad_hoc',
          createdById: busy.memberId,
        },
      });
    }
  },
});

describe('the action digest job', () => {
  it('sends one digest to the member with actions due, none to the others, once a day', async () => {
    // The next working day after now, 8:30 in Paris (an hour's margin covers summer and winter time).
    clock = new Date(Date.now() + 60_000);
    while (
      !['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].includes(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short' }).format(clock),
      )
    ) {
      clock = new Date(clock.getTime() + 86_400_000);
    }
    await jobRunners(t.ctx).actionDigests();
    await jobRunners(t.ctx).actionDigests();
    const digests = t.fake.succeeded('chat.postMessage');
    expect(digests.map((c) => c.args.channel)).toEqual(['UDGBUSY']);
    const shown = JSON.stringify(digests[0]!.args.blocks);
    expect(shown).toContain('Relancer le dirigeant');
    expect(shown).toContain('Préparer la POE');
    expect(shown).toContain('En retard');
  });

  it('sends nothing at the weekend', async () => {
    t.fake.reset();
    while (
      ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].includes(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short' }).format(clock),
      )
    ) {
      clock = new Date(clock.getTime() + 86_400_000);
    }
    await jobRunners(t.ctx).actionDigests();
    expect(t.fake.calls).toEqual([]);
  });
});
