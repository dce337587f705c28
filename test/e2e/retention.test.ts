import { describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import { parseAlertReport } from '../../src/services/alerts/alert-report.js';
import { raiseAlert } from '../../src/services/alerts/alerts.js';
import { deliverOwed, withAnotherInstance, withTestApp } from '../support/app.js';
import { makeCompany } from '../support/factories.js';
import { makeVisit } from '../support/visits.js';

/**
 * The nightly RGPD job, end to end: the coordinator's page showing an alert's contacts is updated
 * in place once their period is over; a period export sent in Slack is deleted there after 7 days;
 * each once, the job run on two app instances. The apps' clock only moves forward from real time.
 */
const coord = { id: 'URETCOORD', name: 'helene' };
const capteur = 'URETCAPT';
const DAY = 86_400_000;
let clock = new Date();
const now = () => clock;
let companyId: string;

// The phone as the platform keeps it (spaces taken out).
const CONTACT = ['Lucienne Vautrin', '0655443322', 'lucienne@vautrin.fr'];
// The phone as the pages show it (grouped by two).
const SHOWN_PHONE = '06 55 44 33 22';

const started = withTestApp({
  now,
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: coord, roles: ['coordinateur'] },
  ],
  async seed({ db, actors }) {
    companyId = (await makeCompany(db.prisma, { name: 'Tôlerie Vautrin' })).id;
    await makeVisit(db.prisma, actors[capteur]!, companyId, { date: '2026-01-15' });
  },
});
const { t: a, db, actors } = started;
const b = withAnotherInstance(started, { now });

describe('the nightly RGPD job', () => {
  it('updates the page that showed an alert’s contacts once their 24 months are over, once across two instances', async () => {
    const form = parseAlertReport(
      {
        submissionKey: 'retention-e2e',
        companyId,
        p1Title: 'Tôlier',
        p1Count: '1',
        p1Contract: 'cdi',
        p1Location: 'Vierzon',
        urgency: 'Départ en retraite.',
        contactName: CONTACT[0],
        contactPhone: CONTACT[1],
        contactEmail: CONTACT[2],
        consentToName: 'oui',
      },
      clock.toISOString().slice(0, 10),
    );
    if (!form.ok) throw new Error(JSON.stringify(form.errors));
    await raiseAlert(db.prisma, actors[capteur]!, form.report, clock, a.ctx.alerts);
    await deliverOwed(a, db.prisma);
    const page = a.fake.workspace.messages.find(
      (m) => m.channel === `D${coord.id.slice(1)}` && m.text.startsWith('Alerte recrutement'),
    )!;
    expect(JSON.stringify(page.blocks)).toContain(SHOWN_PHONE);

    // 23 months and a half: nothing yet.
    const raisedAt = clock;
    clock = new Date(clock.getTime() + 715 * DAY);
    await jobRunners(a.ctx).privacy();
    await deliverOwed(a, db.prisma);
    expect(JSON.stringify(page.blocks)).toContain(SHOWN_PHONE);

    clock = new Date(raisedAt);
    clock.setUTCMonth(clock.getUTCMonth() + 24);
    clock = new Date(clock.getTime() + 60_000);
    await Promise.all([jobRunners(a.ctx).privacy(), jobRunners(b.ctx).privacy()]);
    await deliverOwed(a, db.prisma);
    // Each instance has its own fake Slack: the page's update went through one of them, once (the
    // capteur's acknowledgement, which may show France Travail's contact, is rendered again too).
    const updates = [...a.fake.succeeded('chat.update'), ...b.fake.succeeded('chat.update')].filter(
      (u) => u.args.channel === page.channel && u.args.ts === page.ts,
    );
    expect(updates).toHaveLength(1);
    const shown = JSON.stringify(updates[0]!.args.blocks);
    for (const contact of [...CONTACT, SHOWN_PHONE]) expect(shown).not.toContain(contact);
    expect(shown).toContain('Contact anonymisé');
    // The alert itself is still shown: what it was about, its reference.
    expect(shown).toContain('Tôlerie Vautrin');
    expect(await db.prisma.auditEvent.count({ where: { action: 'privacy.retention' } })).toBe(1);
  });

  it('deletes an export from Slack after 7 days', async () => {
    await a.slack.command('/plateforme', `export ${clock.toISOString().slice(0, 4)}`, coord, {
      extra: { response_url: a.fake.responseUrl('export') },
    });
    await a.fake.waitForResponse(
      (body, path) => path.endsWith('/export') && String(body.text).includes('Export envoyé'),
    );
    const [file] = await db.prisma.exportFile.findMany();
    expect(a.fake.workspace.files.has(file!.fileId)).toBe(true);
    clock = new Date(clock.getTime() + 6 * DAY);
    await jobRunners(a.ctx).privacy();
    expect(a.fake.workspace.files.has(file!.fileId)).toBe(true);
    clock = new Date(clock.getTime() + 1 * DAY + 60_000);
    await jobRunners(a.ctx).privacy();
    expect(a.fake.workspace.files.has(file!.fileId)).toBe(false);
    expect(a.fake.succeeded('files.delete')).toHaveLength(1);
    expect((await db.prisma.exportFile.findUniqueOrThrow({ where: { id: file!.id } })).deletedAt).toEqual(clock);
  });
});
