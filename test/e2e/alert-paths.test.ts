import { beforeEach, describe, expect, it } from 'vitest';
import {
  ACTION_BLOCKS as AB,
  ACTION_BUTTONS,
  ALERT_ACTION_IDS,
  ALERT_BLOCKS as A,
  CLOSE_BLOCKS,
  OFFER_BLOCKS,
  VIEWS,
} from '../../src/slack/ids.js';
import { ADMINISTRATION_TEXTS, errorText, REFUSALS } from '../../src/texts/fr.js';
import type { SlackUser } from '../../src/simulator/slack-requests.js';
import { clickButton, withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { submitModal } from '../support/forms.js';
import { alertAnswers, openAlertModal, type OpenedModal } from '../support/alert-form.js';
import { resetTables } from '../support/reset.js';

/** The other roads an alert takes: France Travail by e-mail, no consent, refusals, the list, the App Home. */
const capteur = { id: 'UPCAPTEUR', name: 'claire' };
const coord = { id: 'UPCOORD', name: 'helene' };
const committee = { id: 'UPCOMITE', name: 'paul' };
const otherCapteur = { id: 'UPCAPTEUR2', name: 'marc' };
const PARTNERS = 'CPARTNERS02';

let companyId: string;

const { t, db } = withTestApp({
  // No France Travail adviser in Slack here: transmission is an e-mail.
  config: { PARTNERS_CHANNEL_ID: PARTNERS, FRANCE_TRAVAIL_EMAIL: 'entreprise.vierzon@francetravail.fr' },
  structures: { 'CCI du Cher': 'cci', 'CMA du Cher': 'cma' },
  members: [
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: coord, roles: ['coordinateur'] },
    { user: committee, roles: ['comite'], structure: 'CCI du Cher' },
    { user: otherCapteur, roles: ['capteur'], structure: 'CMA du Cher' },
  ],
});

// Each test starts from the members and the company alone, without alerts: the list of open alerts
// read those other tests had left, and found none when it ran first.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  companyId = (await makeCompany(db.prisma, { name: 'Porcelaines de Foëcy', siret: SIRETS.other, commune: 'Foëcy' }))
    .id;
});

/** Transmission by e-mail: a contact by e-mail only; the company not to be named. */
const fullAlert = (overrides: Record<string, string | null> = {}) =>
  alertAnswers(companyId, {
    [A.p1Title]: 'Émailleur',
    [A.contactName]: 'Jean Martin, gérant',
    [A.contactPhone]: null,
    [A.contactEmail]: 'jean.martin@porcelaines.example',
    [A.consentToName]: 'non',
    ...overrides,
  });

async function click(user: SlackUser, action: keyof typeof ALERT_ACTION_IDS, alertId: string) {
  const name = `c-${Math.random().toString(36).slice(2)}`;
  await clickButton(t, user, { action_id: ALERT_ACTION_IDS[action], block_id: 'alert_actions', value: alertId }, name);
  return t.fake.responseUrl(name);
}
/** The coordinator's « Créer une action » under an alert: the action form the app opened. */
async function openFollowUpAction(alertId: string) {
  await clickButton(t, coord, {
    action_id: ACTION_BUTTONS.createFromAlert,
    block_id: 'alert_follow_up',
    value: alertId,
  });
  return (await t.fake.waitFor('views.open')).args.view as OpenedModal;
}
/** The coordinator submits that form: `title`, for the company, owned by a structure, due in ten days. */
async function submitFollowUpAction(modal: OpenedModal, title: string) {
  const structure = await db.prisma.structure.findFirstOrThrow();
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const answers = {
    [AB.title]: title,
    [AB.target]: 'entreprise',
    [AB.ownerStructureId]: structure.id,
    [AB.dueDate]: due,
  };
  return (await t.slack.interaction(submitModal(coord, modal, answers))).json();
}
/** The capteur raises fullAlert() through the form. */
const raiseAlert = async () => t.slack.interaction(submitModal(capteur, await openAlertModal(t, capteur), fullAlert()));
const latestAlert = () => db.prisma.recruitmentAlert.findFirstOrThrow({ orderBy: { raisedAt: 'desc' } });

describe('alert paths', () => {
  it('saves one alert when the same submission arrives twice, at once or retried', async () => {
    const before = await db.prisma.recruitmentAlert.count();
    const submission = submitModal(capteur, await openAlertModal(t, capteur), fullAlert());
    const answers = await Promise.all([t.slack.interaction(submission), t.slack.interaction(submission)]);
    expect(answers.map((a) => a.json().response_action)).toEqual(['update', 'update']);
    expect((await t.slack.interaction(submission, { retryNum: 1 })).json().response_action).toBe('update');
    expect(await db.prisma.recruitmentAlert.count()).toBe(before + 1);
    const alert = await latestAlert();
    expect(
      await db.prisma.outboxMessage.count({
        where: { kind: 'alert_page', dedupeKey: { startsWith: `alert_page:${alert.id}` } },
      }),
    ).toBe(1);
  });

  it('refuses a submission carrying the key of another capteur’s form: nothing of their alert returned, nothing written', async () => {
    const own = submitModal(
      capteur,
      await openAlertModal(t, capteur),
      fullAlert({ [A.contactName]: 'Mme CONTACT-SECRET-4412' }),
    );
    const raised = (await t.slack.interaction(own)).json();
    expect(raised.response_action).toBe('update');
    const alert = await latestAlert();
    expect(JSON.stringify(raised.view)).toContain(alert.reference);
    const count = () =>
      Promise.all([
        db.prisma.recruitmentAlert.count(),
        db.prisma.outboxMessage.count(),
        db.prisma.auditEvent.count(),
        db.prisma.alertTransition.count(),
      ]);
    // The pages owed by the alert are delivered first (each delivery of contacts is audited).
    await expect.poll(() => db.prisma.outboxMessage.count({ where: { status: 'pending' } })).toBe(0);
    const before = await count();

    const theirs = await openAlertModal(t, otherCapteur);
    const res = await t.slack.interaction(
      submitModal(otherCapteur, { ...theirs, private_metadata: own.view.private_metadata }, fullAlert()),
    );
    expect(res.status).toBe(200);
    expect(res.json().response_action).toBe('update');
    const body = JSON.stringify(res.json());
    expect(body).toMatch(/ouvert par une autre personne/);
    expect(body).not.toContain(alert.reference);
    expect(body).not.toContain('CONTACT-SECRET-4412');
    expect(await count()).toEqual(before);

    // The capteur's own replay still answers with their alert.
    const replay = (await t.slack.interaction(own, { retryNum: 1 })).json();
    expect(JSON.stringify(replay.view)).toContain(alert.reference);
    expect(await count()).toEqual(before);
  });

  it('returns French errors on their fields and saves nothing', async () => {
    const before = await db.prisma.recruitmentAlert.count();
    const res = await t.slack.interaction(
      submitModal(
        capteur,
        await openAlertModal(t, capteur),
        fullAlert({ [A.p1Count]: '0', [A.contactEmail]: null, [A.urgency]: null, [A.p2Title]: 'Décorateur' }),
      ),
    );
    const body = res.json();
    expect(body.response_action).toBe('errors');
    expect(body.errors[A.p1Count]).toMatch(/trop petit/);
    expect(body.errors[A.contactPhone]).toMatch(/au moins un téléphone ou un e-mail/);
    expect(body.errors[A.urgency]).toMatch(/obligatoire/);
    expect(body.errors[A.p2Count]).toMatch(/obligatoire/);
    expect(await db.prisma.recruitmentAlert.count()).toBe(before);
  });

  it('transmits by e-mail when France Travail is not in Slack, then records the offer the coordinator received', async () => {
    await raiseAlert();
    const alert = await latestAlert();
    t.fake.reset();
    await click(coord, 'transmettre', alert.id);
    const emailModal = (await t.fake.waitFor('views.open')).args.view as OpenedModal;
    expect(emailModal.callback_id).toBe(VIEWS.alertTransmitByEmail);
    const shown = JSON.stringify(emailModal.blocks);
    expect(shown).toContain('À : entreprise.vierzon@francetravail.fr');
    expect(shown).toContain(alert.reference);
    expect(shown).toContain('Émailleur');
    expect(shown).toContain('jean.martin@porcelaines.example');
    expect((await latestAlert()).state).toBe('signalee');

    const sent = await t.slack.interaction(submitModal(coord, emailModal, {}));
    expect(sent.json().response_action).toBe('update');
    expect(await latestAlert()).toMatchObject({ state: 'transmise', coordinatorId: expect.any(String) });

    t.fake.reset();
    await click(coord, 'enregistrer_offre', alert.id);
    const offer = (await t.fake.waitFor('views.open')).args.view as OpenedModal;
    const bad = (
      await t.slack.interaction(
        submitModal(coord, offer, {
          [OFFER_BLOCKS.reference]: 'X1',
          [OFFER_BLOCKS.contactName]: 'A. Conseillère',
          [OFFER_BLOCKS.url]: 'ftp://offre',
        }),
      )
    ).json();
    expect(bad.errors[OFFER_BLOCKS.url]).toMatch(/https:\/\//);
    expect(bad.errors[OFFER_BLOCKS.contactEmail]).toMatch(/au moins un téléphone ou un e-mail/);
    const good = (
      await t.slack.interaction(
        submitModal(coord, offer, {
          [OFFER_BLOCKS.reference]: 'X1',
          [OFFER_BLOCKS.contactName]: 'A. Conseillère',
          [OFFER_BLOCKS.contactPhone]: '02 48 11 22 33',
        }),
      )
    ).json();
    expect(good.response_action).toBe('update');
    expect(await latestAlert()).toMatchObject({
      state: 'offre_enregistree',
      offerReference: 'X1',
      offerContactPhone: '0248112233',
    });

    // Diffused without the company's name: it did not agree to be named.
    t.fake.reset();
    await click(coord, 'diffuser', alert.id);
    const post = await t.fake.waitFor('chat.postMessage', (a) => a.channel === PARTNERS);
    const posted = JSON.stringify(post.args.blocks) + String(post.args.text);
    expect(posted).not.toContain('Porcelaines');
    expect(posted).toContain('Une entreprise de Foëcy');
    expect(posted).toContain('X1');
  });

  it('lets the coordination create an action following an alert, linked to it', async () => {
    await raiseAlert();
    const alert = await latestAlert();
    t.fake.reset();
    const modal = await openFollowUpAction(alert.id);
    expect(modal.callback_id).toBe(VIEWS.actionCreate);
    expect(JSON.parse(modal.private_metadata)).toMatchObject({ alertId: alert.id, companyId });
    const ack = await submitFollowUpAction(modal, 'Job dating émailleurs');
    expect(ack.response_action).toBe('update');
    expect(await db.prisma.action.findFirstOrThrow({ where: { alertId: alert.id } })).toMatchObject({
      origin: 'alerte',
      companyId,
      title: 'Job dating émailleurs',
    });
  });

  it('refuses an action following an alert whose form was made to name another company than the alert’s', async () => {
    await raiseAlert();
    const alert = await latestAlert();
    const elsewhere = await makeCompany(db.prisma, { name: 'Scierie de Vailly', commune: 'Vailly-sur-Sauldre' });
    t.fake.reset();
    const modal = await openFollowUpAction(alert.id);
    const forged = {
      ...modal,
      private_metadata: JSON.stringify({ ...JSON.parse(modal.private_metadata), companyId: elsewhere.id }),
    };
    const before = await Promise.all([db.prisma.action.count(), db.prisma.outboxMessage.count()]);
    const ack = await submitFollowUpAction(forged, 'Visite de la scierie');
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toMatch(/ne correspond pas/);
    expect(await Promise.all([db.prisma.action.count(), db.prisma.outboxMessage.count()])).toEqual(before);
  });

  it('says « Action impossible », not « Accès refusé », to an offer recorded late on an alert closed meanwhile', async () => {
    await raiseAlert();
    const alert = await latestAlert();
    t.fake.reset();
    await click(coord, 'transmettre', alert.id);
    const emailModal = (await t.fake.waitFor('views.open')).args.view as OpenedModal;
    await t.slack.interaction(submitModal(coord, emailModal, {}));
    t.fake.reset();
    // The offer form opened, then the alert closed from another form before it is submitted.
    await click(coord, 'enregistrer_offre', alert.id);
    const offer = (await t.fake.waitFor('views.open')).args.view as OpenedModal;
    t.fake.reset();
    await click(coord, 'clore', alert.id);
    const closing = (await t.fake.waitFor('views.open')).args.view as OpenedModal;
    const closed = await t.slack.interaction(
      submitModal(coord, closing, { [CLOSE_BLOCKS.outcome]: 'annulee', [CLOSE_BLOCKS.note]: 'Poste supprimé.' }),
    );
    expect(closed.json().response_action).toBe('update');
    expect((await latestAlert()).state).toBe('cloturee');

    const late = (
      await t.slack.interaction(
        submitModal(coord, offer, {
          [OFFER_BLOCKS.reference]: 'X9',
          [OFFER_BLOCKS.contactName]: 'A. Conseillère',
          [OFFER_BLOCKS.contactPhone]: '02 48 11 22 33',
        }),
      )
    ).json();
    expect(late.response_action).toBe('update');
    expect(late.view.title.text).toBe(ADMINISTRATION_TEXTS.refusalTitles.impossible);
    expect(late.view.title.text).not.toBe(ADMINISTRATION_TEXTS.refusalTitles.permission);
    expect(JSON.stringify(late.view.blocks)).toContain(
      errorText('alert_state', { reference: alert.reference, state: 'cloturee', by: coord.id }),
    );
    expect(await latestAlert()).toMatchObject({ state: 'cloturee', offerReference: null });
  });

  it('lets no one without the role move an alert, and says so', async () => {
    await raiseAlert();
    const alert = await latestAlert();
    t.fake.reset();
    const url = await click(capteur, 'transmettre', alert.id);
    const answer = await t.fake.waitForResponse((_b, path) => url.endsWith(path));
    expect(answer.body.text).toBe(REFUSALS.handleAlerts);
    const url2 = await click(committee, 'enregistrer_offre', alert.id);
    expect((await t.fake.waitForResponse((_b, path) => url2.endsWith(path))).body.text).toBe(REFUSALS.recordOffers);
    expect(await latestAlert()).toMatchObject({ state: 'signalee', coordinatorId: null });
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('refuses /alerte-recrutement to a member who is not a capteur', async () => {
    await t.slack.command('/alerte-recrutement', '', committee, {
      extra: { response_url: t.fake.responseUrl('no-alert') },
    });
    const answer = await t.fake.waitForResponse((_b, path) => path.endsWith('/no-alert'));
    expect(answer.body.text).toBe(REFUSALS.raiseAlert);
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('lists the open alerts to the coordination, not to others, and shows them on its App Home', async () => {
    // An alert of its own, just raised: open, its deadline running.
    await raiseAlert();
    await t.slack.command('/alerte-recrutement', 'liste', coord, {
      extra: { response_url: t.fake.responseUrl('list') },
    });
    const list = await t.fake.waitForResponse((_b, path) => path.endsWith('/list'));
    const open = await db.prisma.recruitmentAlert.findMany({ where: { state: { not: 'cloturee' } } });
    expect(open.length).toBeGreaterThan(0);
    for (const a of open) expect(JSON.stringify(list.body)).toContain(a.reference);
    expect(JSON.stringify(list.body)).toMatch(/il reste \d+ h/);

    await t.slack.command('/alerte-recrutement', 'liste', capteur, {
      extra: { response_url: t.fake.responseUrl('list-refused') },
    });
    expect((await t.fake.waitForResponse((_b, path) => path.endsWith('/list-refused'))).body.text).toBe(
      REFUSALS.handleAlerts,
    );

    await t.slack.event({ type: 'app_home_opened', user: coord.id, channel: 'D1', tab: 'home' });
    const home = await t.fake.waitFor('views.publish', (a) => a.user_id === coord.id);
    expect(JSON.stringify(home.args.view)).toContain(open[0]!.reference);
  });
});
