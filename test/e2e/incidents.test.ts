import { beforeEach, describe, expect, it } from 'vitest';
import { VISIT_BLOCKS as B } from '../../src/slack/ids.js';
import { INCIDENTS } from '../../src/texts/fr.js';
import { localDate } from '../../src/time.js';
import { withTestApp } from '../support/app.js';
import { makeCompany } from '../support/factories.js';
import { submitModal } from '../support/forms.js';

/** When our side fails, people are told in French, keep what they typed, and nothing half-written remains. */
const capteur = { id: 'UINCIDENT1', name: 'capteur' };
let transactionsFail = false;

const { t, db } = withTestApp({
  structures: { 'CCI du Cher': 'cci' },
  members: [{ user: capteur, roles: ['capteur'], structure: 'CCI du Cher' }],
  // The app's database handle, with a switch that makes every transaction fail (connection lost).
  appDb: (prisma) =>
    new Proxy(prisma, {
      get(target, prop) {
        if (prop === '$transaction' && transactionsFail)
          return () => Promise.reject(new Error('Connection terminated unexpectedly'));
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }),
});
beforeEach(() => {
  transactionsFail = false;
});

describe('incidents', () => {
  it('tells the capteur when Slack refuses to open the modal, instead of leaving them with nothing', async () => {
    t.fake.failNext('views.open', 1, 'expired_trigger_id');
    await t.slack.command('/visite', '', capteur, { extra: { response_url: t.fake.responseUrl('expired') } });
    const answer = await t.fake.waitForResponse((_b, path) => path.endsWith('/expired'));
    expect(answer.body.text).toBe(INCIDENTS.modalNotOpened);
  });

  it('keeps the modal open with a French message when the database fails during a submission, and saves nothing', async () => {
    const company = await makeCompany(db.prisma, { name: 'Chaudronnerie du Cher' });
    await t.slack.command('/visite', '', capteur, { extra: { response_url: t.fake.responseUrl() } });
    const modal = (await t.fake.waitFor('views.open')).args.view as never;
    const submission = submitModal(capteur, modal, {
      [B.companyId]: company.id,
      [B.visitDate]: localDate('Europe/Paris'),
      [B.channel]: 'sur_site',
      [B.stakes]: ['haute:recrutement'],
      [B.needs]: 'Deux chaudronniers',
      [B.diagnostic]: 'Activité soutenue',
      [B.followUp]: ['partage'],
    });

    transactionsFail = true;
    const failed = await t.slack.interaction(submission);
    expect(failed.status).toBe(200);
    expect(failed.json()).toEqual({ response_action: 'errors', errors: { [B.companyId]: INCIDENTS.formNotSaved } });
    expect(await db.prisma.visit.count()).toBe(0);
    expect(t.logs.some((line) => line.includes('view submission failed before its ack'))).toBe(true);

    // The database is back: the same submission (same modal, same key) saves once.
    transactionsFail = false;
    expect((await t.slack.interaction(submission)).json().response_action).toBe('clear');
    expect(await db.prisma.visit.count()).toBe(1);
  });
});
