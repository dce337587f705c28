import { describe, expect, it } from 'vitest';
import {
  ACTION_BUTTONS,
  ALERT_ACTION_IDS,
  ALERT_BLOCKS as A,
  CLOSE_BLOCKS,
  OFFER_BLOCKS,
  VIEWS,
} from '../../src/slack/ids.js';
import type { SlackUser } from '../../src/simulator/slack-requests.js';
import type { RecordedCall } from '../../src/simulator/fake-slack.js';
import { clickButton, withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { submitModal } from '../support/forms.js';
import { ALERT_PATH } from '../support/alert-path.js';
import { alertAnswers, openAlertModal } from '../support/alert-form.js';

const capteur = { id: 'UALCAPTEUR', name: 'claire' };
const coordA = { id: 'UALCOORDA', name: 'helene' };
const coordB = { id: 'UALCOORDB', name: 'marc' };
const adviser = { id: 'UALFT', name: 'karim' };
const admin = { id: 'UALADMIN', name: 'admin' };
const PARTNERS = 'CPARTNERS01';

let companyId: string;

const { t, db } = withTestApp({
  config: { PARTNERS_CHANNEL_ID: PARTNERS },
  structures: { 'CCI du Cher': 'cci', MD3E: 'agence_developpement', 'France Travail Vierzon': 'france_travail' },
  members: [
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: coordA, roles: ['coordinateur'], structure: 'MD3E' },
    { user: coordB, roles: ['coordinateur'], structure: 'MD3E' },
    { user: adviser, roles: ['france_travail'], structure: 'France Travail Vierzon' },
    { user: admin, roles: ['admin'] },
  ],
  async seed({ db }) {
    companyId = (
      await makeCompany(db.prisma, { name: 'Forges de Vierzon', siret: SIRETS.mecanique, commune: 'Vierzon' })
    ).id;
  },
});

// ───────────────────────────── Steps, as people do them ─────────────────────────────

async function raise(answers: Record<string, string | null> = {}) {
  const modal = await openAlertModal(t, capteur);
  expect(modal.callback_id).toBe(VIEWS.alertReport);
  const submission = submitModal(
    capteur,
    modal,
    alertAnswers(companyId, {
      [A.p1Title]: 'Soudeur TIG',
      [A.contactName]: 'Marie Dupont, responsable RH',
      ...answers,
    }),
  );
  const res = await t.slack.interaction(submission);
  expect(res.status).toBe(200);
  return { ack: res.json(), submission };
}

let clickSeq = 0;
/** A click on a button of a DM message; returns the ephemeral answer, if any. */
async function click(user: SlackUser, action: keyof typeof ALERT_ACTION_IDS, alertId: string) {
  const name = `click-${++clickSeq}`;
  const url = t.fake.responseUrl(name);
  const res = await clickButton(
    t,
    user,
    { action_id: ALERT_ACTION_IDS[action], block_id: 'alert_actions', value: alertId },
    name,
  );
  expect(res.status).toBe(200);
  return url;
}

const posts = (channel: string) => t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === channel);
const text = (call: RecordedCall) => JSON.stringify(call.args.blocks ?? call.args.text);
const buttons = (call: RecordedCall) =>
  ((call.args.blocks as { type: string; elements?: { action_id: string }[] }[]) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements!.map((e) => e.action_id));
async function alertRow() {
  return db.prisma.recruitmentAlert.findFirstOrThrow({
    orderBy: { raisedAt: 'desc' },
    include: { transitions: { orderBy: { at: 'asc' } } },
  });
}
/** The page message each coordinator got, where updates must land. */
function pageOf(user: SlackUser, pageCalls: Map<string, { channel: string; ts: string }>) {
  return pageCalls.get(user.id)!;
}

describe('an urgent recruitment alert, from /alerte-recrutement to its closing', () => {
  it('goes through every state, paging, updating in place, and telling the capteur at each step', async () => {
    // ── Raised: stored with a reference and a 48 h deadline, the capteur acknowledged, coordinators paged.
    const { ack } = await raise();
    expect(ack.response_action).toBe('update');
    const alert = await alertRow();
    expect(alert.reference).toMatch(/^ALR-\d{4}-0001$/);
    expect(alert.deadlineAt.getTime() - alert.raisedAt.getTime()).toBe(48 * 3_600_000);
    expect(JSON.stringify(ack.view)).toContain(alert.reference);

    const pageA = await t.fake.waitFor('chat.postMessage', (a) => a.channel === coordA.id);
    await t.fake.waitFor('chat.postMessage', (a) => a.channel === coordB.id);
    expect(text(pageA)).toContain('Forges de Vierzon');
    expect(text(pageA)).toContain('Soudeur TIG');
    expect(buttons(pageA)).toEqual([
      ALERT_ACTION_IDS.prendre_en_charge,
      ALERT_ACTION_IDS.transmettre,
      ALERT_ACTION_IDS.clore,
      ACTION_BUTTONS.createFromAlert,
    ]);
    await expect.poll(() => posts(capteur.id).length).toBe(1);
    expect(text(posts(capteur.id)[0]!)).toContain('enregistrée');

    const pages = new Map<string, { channel: string; ts: string }>();
    // Where each page landed is recorded once Slack has answered the post.
    await expect
      .poll(() => db.prisma.alertMessage.count({ where: { alertId: alert.id, kind: 'alert_page', ts: { not: null } } }))
      .toBe(2);
    for (const row of await db.prisma.alertMessage.findMany({ where: { alertId: alert.id, kind: 'alert_page' } })) {
      pages.set(row.recipient, { channel: row.channel!, ts: row.ts! });
    }
    expect(pages.size).toBe(2);
    // Who was shown the company contact is on record.
    const shown = await db.prisma.auditEvent.findMany({ where: { entityId: alert.id, action: 'alert.contact_shown' } });
    expect(shown.map((e) => (e.details as { recipient: string }).recipient).sort()).toEqual(
      [coordA.id, coordB.id].sort(),
    );

    // ── Taken by A: both pages updated in place (B sees who took it), the capteur told.
    t.fake.reset();
    await click(coordA, 'prendre_en_charge', alert.id);
    await expect.poll(() => t.fake.succeeded('chat.update').length).toBe(2);
    for (const coord of [coordA, coordB]) {
      const update = t.fake.succeeded('chat.update').find((c) => c.args.ts === pageOf(coord, pages).ts)!;
      expect(update.args.channel).toBe(pageOf(coord, pages).channel);
      expect(text(update)).toContain('Prise en charge');
      expect(text(update)).toContain(`<@${coordA.id}>`);
    }
    await expect.poll(() => posts(capteur.id).length).toBe(1);
    expect(text(posts(capteur.id)[0]!)).toContain('prise en charge');

    // ── B clicks too late: refused, told who did, nothing changes.
    t.fake.reset();
    const late = await click(coordB, 'prendre_en_charge', alert.id);
    const refusal = await t.fake.waitForResponse((_b, path) => late.endsWith(path));
    expect(String(refusal.body.text)).toMatch(/déjà « Prise en charge » \(par <@UALCOORDA>\)/);
    expect((await alertRow()).transitions).toHaveLength(2);

    // ── Transmitted to France Travail, whose adviser is in Slack: the need reaches them with a button.
    t.fake.reset();
    await click(coordA, 'transmettre', alert.id);
    const request = await t.fake.waitFor('chat.postMessage', (a) => a.channel === adviser.id);
    expect(buttons(request)).toEqual([ALERT_ACTION_IDS.enregistrer_offre]);
    expect(text(request)).toContain('Marie Dupont');
    await expect.poll(() => t.fake.succeeded('chat.update').length).toBe(2);
    expect((await alertRow()).state).toBe('transmise');

    // A second « Transmettre » is refused and changes nothing.
    t.fake.reset();
    const again = await click(coordA, 'transmettre', alert.id);
    expect(String((await t.fake.waitForResponse((_b, path) => again.endsWith(path))).body.text)).toMatch(
      /déjà « Transmise à France Travail »/,
    );
    expect((await alertRow()).transitions).toHaveLength(3);

    // ── France Travail records the offer from its message.
    t.fake.reset();
    await click(adviser, 'enregistrer_offre', alert.id);
    const offerModal = (await t.fake.waitFor('views.open')).args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: never[];
    };
    expect(offerModal.callback_id).toBe(VIEWS.alertOffer);
    const offerAnswers = {
      [OFFER_BLOCKS.reference]: '185XKQW',
      [OFFER_BLOCKS.contactName]: 'Karim Benali',
      [OFFER_BLOCKS.contactEmail]: 'karim.benali@francetravail.fr',
    };
    const offerAck = (await t.slack.interaction(submitModal(adviser, offerModal, offerAnswers))).json();
    expect(offerAck.response_action).toBe('update');
    expect(await alertRow()).toMatchObject({
      state: 'offre_enregistree',
      offerReference: '185XKQW',
      offerContactName: 'Karim Benali',
    });
    // Pages and the France Travail request updated (3 messages); the coordinators and the capteur told.
    await expect.poll(() => t.fake.succeeded('chat.update').length).toBe(3);
    const ftUpdate = t.fake
      .succeeded('chat.update')
      .find(
        (c) => c.args.channel !== pageOf(coordA, pages).channel && c.args.channel !== pageOf(coordB, pages).channel,
      )!;
    expect(buttons(ftUpdate)).toEqual([]);
    await expect.poll(() => [coordA, coordB, capteur].map((u) => posts(u.id).length)).toEqual([1, 1, 1]);
    expect(text(posts(capteur.id)[0]!)).toContain('185XKQW');

    // ── Diffused to the partners' channel, naming the company (it agreed).
    t.fake.reset();
    await click(coordA, 'diffuser', alert.id);
    const diffusion = await t.fake.waitFor('chat.postMessage', (a) => a.channel === PARTNERS);
    expect(text(diffusion)).toContain('Forges de Vierzon');
    expect(text(diffusion)).toContain('185XKQW');
    expect(text(diffusion)).toContain('Karim Benali');
    await expect.poll(() => posts(capteur.id).length).toBe(1);
    expect(text(posts(capteur.id)[0]!)).toContain('diffusée');
    await expect.poll(() => t.fake.succeeded('chat.update').length).toBe(3);

    // ── Closed: the post was filled.
    t.fake.reset();
    await click(coordA, 'clore', alert.id);
    const closeModal = (await t.fake.waitFor('views.open')).args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: never[];
    };
    expect(closeModal.callback_id).toBe(VIEWS.alertClose);
    const closeAck = (
      await t.slack.interaction(
        submitModal(coordA, closeModal, {
          [CLOSE_BLOCKS.outcome]: 'pourvue',
          [CLOSE_BLOCKS.note]: 'Deux soudeurs recrutés le 3 mars.',
        }),
      )
    ).json();
    expect(closeAck.response_action).toBe('update');
    await expect.poll(() => t.fake.succeeded('chat.update').length).toBe(3);
    expect(t.fake.succeeded('chat.update').every((c) => buttons(c).length === 0)).toBe(true);
    await expect.poll(() => posts(capteur.id).length).toBe(1);
    expect(text(posts(capteur.id)[0]!)).toContain('close');

    const final = await alertRow();
    expect(final).toMatchObject({
      state: 'cloturee',
      outcome: 'pourvue',
      outcomeNote: 'Deux soudeurs recrutés le 3 mars.',
    });
    expect(final.transitions.map((tr) => tr.to)).toEqual(ALERT_PATH);

    // ── An offer recorded on the closed alert (a stale modal) is refused and changes nothing.
    const stale = (
      await t.slack.interaction(
        submitModal(adviser, offerModal, { ...offerAnswers, [OFFER_BLOCKS.reference]: 'AUTRE' }),
      )
    ).json();
    expect(stale.response_action).toBe('update');
    expect(JSON.stringify(stale.view)).toMatch(/déjà « Clôturée »/);
    expect((await alertRow()).offerReference).toBe('185XKQW');
  });
});
