import { describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import { alertAnswers, deadlinePeople, openAlertModal } from '../support/alert-form.js';
import { withTestApp } from '../support/app.js';
import { submitModal } from '../support/forms.js';

/**
 * A deployment that gives France Travail 72 hours (ALERT_DEADLINE_HOURS=72) says 72 h wherever
 * it speaks of the deadline — the help, the form, the deadline, the breach — and never 48 h.
 */
const capteur = { id: 'UDLCAPT', name: 'claire' };
const coord = { id: 'UDLCOORD', name: 'helene' };
const admin = { id: 'UDLADMIN', name: 'admin' };
const HOUR = 3_600_000;

let clock = new Date(Date.now() + 60_000);
const people = deadlinePeople({ capteur, coord, admin });

const { t, db } = withTestApp({
  now: () => clock,
  config: { ALERT_DEADLINE_HOURS: '72' },
  ...people.setup,
});

describe('a deployment whose alert deadline is 72 h', () => {
  it('says 72 h in the help, the form, the deadline and the breach, and never 48 h', async () => {
    const help = t.fake.responseUrl('help');
    await t.slack.command('/alerte-recrutement', 'aide', capteur, { extra: { response_url: help } });
    const helpText = String((await t.fake.waitForResponse((_b, path) => help.endsWith(path))).body.text);
    expect(helpText).toContain('transmet le besoin à France Travail sous 72 h ;');

    const modal = await openAlertModal(t, capteur);
    expect(JSON.stringify(modal)).toContain('transmet le besoin à France Travail sous 72 heures');
    await t.slack.interaction(submitModal(capteur, modal, alertAnswers(people.companyId())));
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
