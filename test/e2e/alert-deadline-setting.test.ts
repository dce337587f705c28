import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import { ALERT_BLOCKS as A } from '../../src/slack/ids.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';
import { submitModal } from '../support/forms.js';

/**
 * A deployment that gives France Travail 72 hours (ALERT_DEADLINE_HOURS=72) says 72 h wherever
 * it speaks of the deadline — the help, the form, the deadline, the breach — and never 48 h.
 */
const capteur = { id: 'UDLCAPT', name: 'claire' };
const coord = { id: 'UDLCOORD', name: 'helene' };
const admin = { id: 'UDLADMIN', name: 'admin' };
const HOUR = 3_600_000;

let db: TestDatabase;
let t: TestApp;
let clock = new Date(Date.now() + 60_000);
let companyId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  await makeMember(db.prisma, capteur.id, ['capteur'], cci.id);
  await makeMember(db.prisma, coord.id, ['coordinateur']);
  await makeMember(db.prisma, admin.id, ['admin']);
  companyId = (await makeCompany(db.prisma, { name: 'Aéro Composites Centre', commune: 'Bourges' })).id;
  t = await startTestApp(db.prisma, { now: () => clock, env: { ALERT_DEADLINE_HOURS: '72' } });
});
afterAll(async () => {
  await t?.stop();
  await db?.close();
});

describe('a deployment whose alert deadline is 72 h', () => {
  it('says 72 h in the help, the form, the deadline and the breach, and never 48 h', async () => {
    const help = t.fake.responseUrl('help');
    await t.slack.command('/alerte-recrutement', 'aide', capteur, { extra: { response_url: help } });
    const helpText = String((await t.fake.waitForResponse((_b, path) => help.endsWith(path))).body.text);
    expect(helpText).toContain('transmet le besoin à France Travail sous 72 h ;');

    await t.slack.command('/alerte-recrutement', '', capteur, { extra: { response_url: t.fake.responseUrl() } });
    const modal = (await t.fake.waitFor('views.open')).args.view as never;
    expect(JSON.stringify(modal)).toContain('transmet le besoin à France Travail sous 72 heures');
    await t.slack.interaction(
      submitModal(capteur, modal, {
        [A.companyId]: companyId,
        [A.p1Title]: 'Stratifieur',
        [A.p1Count]: '3',
        [A.p1Contract]: 'interim',
        [A.p1Location]: 'Bourges',
        [A.urgency]: 'Montée en cadence.',
        [A.contactName]: 'Paul Girard',
        [A.contactPhone]: '0612345678',
        [A.consentToName]: 'oui',
      }),
    );
    const alert = await db.prisma.recruitmentAlert.findFirstOrThrow({ orderBy: { raisedAt: 'desc' } });
    expect(alert.deadlineAt.getTime() - alert.raisedAt.getTime()).toBe(72 * HOUR);

    // Past the deadline, untransmitted: the breach goes to the administrators and coordinators.
    clock = new Date(alert.raisedAt.getTime() + 72 * HOUR + 60_000);
    await jobRunners(t.ctx).alertDeadlines();
    await jobRunners(t.ctx).outbox();
    const breaches = t.fake
      .succeeded('chat.postMessage')
      .filter((c) => String(c.args.text) === `Délai dépassé : alerte ${alert.reference}`);
    expect(breaches.map((c) => c.args.channel).sort()).toEqual([admin.id, coord.id].sort());
    expect(JSON.stringify(breaches[0]!.args.blocks)).toContain("n'a pas été transmise à France Travail dans les 72 h");

    const everything = JSON.stringify([t.fake.calls.map((c) => c.args), t.fake.responses.map((r) => r.body)]);
    expect(everything).not.toMatch(/48 ?h/);
  });
});
