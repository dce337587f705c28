/**
 * A visit that finds hiring needs, then the alert raised from its confirmation, over signed HTTP:
 * the button on the DM, the form pre-filled from the visit, the alert linked to the visit (on the
 * coordinator's page and the company card), and the steering indicator that counts it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS, ALERT_BLOCKS as A, VISIT_BLOCKS as V, VIEWS } from '../../src/slack/ids.js';
import { blockActions, type SlackUser } from '../../src/simulator/slack-requests.js';
import type { RecordedCall } from '../../src/simulator/fake-slack.js';
import { errorText } from '../../src/texts/fr.js';
import { deliverOwed, withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { submitModal } from '../support/forms.js';
import { resetTables } from '../support/reset.js';

const capteur = { id: 'UAFVCAPT', name: 'claire' };
const coord = { id: 'UAFVCOORD', name: 'helene' };

// Thursday 3 December 2026, 10:00 in Paris; the visit was the day before.
let clock = new Date('2026-12-03T09:00:00Z');
const VISIT_DAY = '2026-12-02';

const { t, db } = withTestApp({
  now: () => clock,
  structures: { 'CCI du Cher': 'cci', MD3E: 'agence_developpement' },
  members: [
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: coord, roles: ['coordinateur'], structure: 'MD3E' },
  ],
});

let companyId: string;
// Each test starts from the members alone, with the company and no visit nor alert.
beforeEach(async () => {
  clock = new Date('2026-12-03T09:00:00Z');
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  companyId = (await makeCompany(db.prisma, { name: 'Forges de Vierzon', siret: SIRETS.mecanique, commune: 'Vierzon' }))
    .id;
});

// What a test owed is sent before the next one starts: a late message would be read as the next one's.
afterEach(async () => {
  expect(await deliverOwed(t, db.prisma)).toBe(0);
});

type Block = {
  type: string;
  block_id?: string;
  elements?: { action_id: string; value?: string; text?: { text: string } }[];
  element?: {
    type: string;
    action_id: string;
    initial_value?: string;
    initial_option?: { value: string };
    options?: { value: string; text: unknown }[];
  };
};
type Modal = { callback_id: string; private_metadata: string; blocks: Block[] };

/**
 * /visite naming the known company (the form opens with it picked), then the report with its hiring
 * needs (urgent unless said otherwise) or none, submitted as the capteur leaves the rest of the form.
 * Returns the visit, its confirmation DM and Slack's answer to the submission.
 */
async function fileVisit(hiringNeeds: string | null, horizon: 'urgent' | 'douze_mois' = 'urgent') {
  const opened = t.fake.callsTo('views.open').length;
  await t.slack.command('/visite', 'Forges de Vierzon', capteur, { extra: { response_url: t.fake.responseUrl() } });
  await expect.poll(() => t.fake.callsTo('views.open').length).toBe(opened + 1);
  const modal = t.fake.callsTo('views.open')[opened]!.args.view as Modal;
  const res = await t.slack.interaction(
    submitModal(
      capteur,
      modal,
      {
        [V.visitDate]: VISIT_DAY,
        [V.channel]: 'sur_site',
        [V.hiringNeeds]: hiringNeeds,
        [V.situation]: hiringNeeds ? [`hiringHorizon:${horizon}`] : [],
        [V.stakes]: ['haute:recrutement'],
        [V.needs]: 'Recruter des soudeurs avant la commande de mars.',
        [V.diagnostic]: 'Carnet de commandes plein, tension sur la soudure.',
        [V.followUp]: ['partage'],
      },
      { keepInitial: true },
    ),
  );
  expect(res.status).toBe(200);
  const answer = res.json() as { response_action: string; view?: Modal & { close: { text: string } } };
  const visit = await db.prisma.visit.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  expect(visit.companyId).toBe(companyId);
  // The confirmation DM, sent after the ack.
  const dm = await t.fake.waitFor(
    'chat.postMessage',
    // The visit's confirmation, not a message an earlier test's alert still owed the capteur.
    (a) => a.channel === capteur.id && JSON.stringify(a.blocks ?? '').includes('visit_confirmation_actions'),
  );
  return { visit, dm, answer };
}

/**
 * Rewrites a visit's need rows in the reverse of their typed order (same ranks kept): an engine
 * returns rows in no promised order, often the order written, so only the rank can give it back.
 */
async function reverseNeedRows(visitId: string) {
  const rows = await db.prisma.visitHiringNeed.findMany({ where: { visitId } });
  await db.prisma.visitHiringNeed.deleteMany({ where: { visitId } });
  for (const row of rows.reverse()) await db.prisma.visitHiringNeed.create({ data: row });
}

const dmButtons = (call: RecordedCall) =>
  ((call.args.blocks as Block[]) ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

/** What a person sees already filled in a modal: Slack submits it unless they change it. */
function prefilled(modal: Modal): Record<string, string> {
  const values: Record<string, string> = {};
  for (const b of modal.blocks) {
    const v = b.element?.initial_value ?? b.element?.initial_option?.value;
    if (b.type === 'input' && b.block_id && v !== undefined) values[b.block_id] = v;
  }
  return values;
}

/** The rest of the alert form, as the capteur completes it (the second position when there is one). */
const completion = (filled: Record<string, string>) => ({
  [A.p1Contract]: 'cdi',
  [A.p1Location]: 'Vierzon',
  ...(filled[A.p2Title] ? { [A.p2Contract]: 'interim', [A.p2Location]: 'Vierzon' } : {}),
  ...(filled[A.p3Title] ? { [A.p3Contract]: 'cdd', [A.p3Location]: 'Vierzon' } : {}),
  [A.contactName]: 'Marie Dupont, responsable RH',
  [A.contactPhone]: '02 48 00 00 00',
  [A.consentToName]: 'oui',
});

async function clickRaise(user: SlackUser, visitId: string) {
  const res = await t.slack.interaction(
    blockActions({
      user,
      actions: [{ action_id: ACTIONS.raiseAlertFromVisit, block_id: 'visit_confirmation_actions', value: visitId }],
      response_url: t.fake.responseUrl('raise'),
    }),
  );
  expect(res.status).toBe(200);
  return (await t.fake.waitFor('views.open', (a) => JSON.stringify(a).includes(VIEWS.alertReport))).args.view as Modal;
}

async function command(name: string, text: string, user: SlackUser, response: string) {
  await t.slack.command(name, text, user, { extra: { response_url: t.fake.responseUrl(response) } });
  return JSON.stringify((await t.fake.waitForResponse((_b, path) => path.endsWith(`/${response}`))).body);
}

describe('an alert raised from a visit’s confirmation', () => {
  it('follows a visit with an urgent hiring need at once: the visit form gives way to the alert form, pre-filled', async () => {
    const { visit, answer } = await fileVisit('Soudeur TIG : 3');
    // Saved, and the next thing to do takes the form's place (not closed).
    expect(answer.response_action).toBe('update');
    const next = answer.view!;
    expect(next.callback_id).toBe(VIEWS.alertReport);
    expect(JSON.parse(next.private_metadata)).toMatchObject({ visitId: visit.id });
    expect(JSON.stringify(next.blocks)).toContain('*Visite enregistrée* : son résumé vous arrive en message direct.');
    expect(next.close.text).toBe('Plus tard');
    const filled = prefilled(next);
    expect([filled[A.companyId], filled[A.p1Title], filled[A.p1Count]]).toEqual([companyId, 'Soudeur TIG', '3']);

    // Submitted from there: one alert, linked to the visit; the confirmation's button then says so.
    const ack = (await t.slack.interaction(submitModal(capteur, next, { ...filled, ...completion(filled) }))).json();
    expect(ack.response_action).toBe('update');
    const alert = await db.prisma.recruitmentAlert.findFirstOrThrow();
    expect(alert.visitId).toBe(visit.id);
    await t.slack.interaction(
      blockActions({
        user: capteur,
        actions: [{ action_id: ACTIONS.raiseAlertFromVisit, block_id: 'visit_confirmation_actions', value: visit.id }],
        response_url: t.fake.responseUrl('again'),
      }),
    );
    const refusal = JSON.stringify((await t.fake.waitForResponse((_b, path) => path.endsWith('/again'))).body);
    expect(refusal).toContain(
      JSON.stringify(errorText('alert_visit_already', { reference: alert.reference })).slice(1, -1),
    );
    expect(await db.prisma.recruitmentAlert.count()).toBe(1);
  });

  it('closes the form of a visit whose hiring needs are not urgent: the alert stays one click away', async () => {
    const { visit, dm, answer } = await fileVisit('Technicien de maintenance : 2', 'douze_mois');
    expect(answer).toEqual({ response_action: 'clear' });
    expect(dmButtons(dm).find((b) => b.action_id === ACTIONS.raiseAlertFromVisit)?.value).toBe(visit.id);
  });

  it('opens pre-filled from the confirmation, links the alert to the visit on both records, and counts in the indicators', async () => {
    // ── The visit records two urgent hiring needs: « Plus tard » on the alert form that followed
    // it, then its confirmation offers the alert.
    // Typed in this order, whatever order the database would return them in.
    const { visit, dm, answer } = await fileVisit('Soudeur TIG : 3\nChaudronnier : 1\nAjusteur : 2');
    await reverseNeedRows(visit.id);
    expect(answer.view?.callback_id).toBe(VIEWS.alertReport);
    const raise = dmButtons(dm).find((b) => b.action_id === ACTIONS.raiseAlertFromVisit);
    expect(raise?.text?.text).toBe('Signaler une alerte recrutement');
    expect(raise?.value).toBe(visit.id);

    // ── The click opens the alert form: the company, the needs as positions, the visit in the metadata.
    const modal = await clickRaise(capteur, raise!.value!);
    expect(modal.callback_id).toBe(VIEWS.alertReport);
    expect(JSON.parse(modal.private_metadata)).toMatchObject({ visitId: visit.id });
    const filled = prefilled(modal);
    expect(filled[A.companyId]).toBe(companyId);
    // The needs as typed: the first need is the first position.
    expect([
      [filled[A.p1Title], filled[A.p1Count]],
      [filled[A.p2Title], filled[A.p2Count]],
      [filled[A.p3Title], filled[A.p3Count]],
    ]).toEqual([
      ['Soudeur TIG', '3'],
      ['Chaudronnier', '1'],
      ['Ajusteur', '2'],
    ]);
    expect(filled[A.urgency]).toMatch(/^Besoins relevés lors de la visite du 02\/12\/2026 : /);
    expect(filled[A.urgency]).toContain('Horizon : urgent (moins de 3 mois).');
    expect(filled[A.contactName]).toBeUndefined();

    // ── Submitted as pre-filled, once completed: the alert is linked to the visit.
    const ack = (await t.slack.interaction(submitModal(capteur, modal, { ...filled, ...completion(filled) }))).json();
    expect(ack.response_action).toBe('update');
    const alert = await db.prisma.recruitmentAlert.findFirstOrThrow({ include: { positions: true } });
    expect(alert.visitId).toBe(visit.id);
    expect(alert.companyId).toBe(companyId);
    expect(alert.positions.map((p) => `${p.jobTitle}:${p.count}`).sort()).toEqual([
      'Ajusteur:2',
      'Chaudronnier:1',
      'Soudeur TIG:3',
    ]);
    expect(JSON.stringify(ack.view)).toContain(alert.reference);

    // ── The form that had followed the visit, submitted after all: the visit has its alert already.
    const late = answer.view!;
    const lateFilled = prefilled(late);
    const refused = (
      await t.slack.interaction(submitModal(capteur, late, { ...lateFilled, ...completion(lateFilled) }))
    ).json();
    expect(refused.response_action).toBe('errors');
    expect(JSON.stringify(refused.errors)).toContain(
      JSON.stringify(errorText('alert_visit_already', { reference: alert.reference })).slice(1, -1),
    );
    expect(await db.prisma.recruitmentAlert.count()).toBe(1);

    // ── Shown on the alert: the coordinator's page says which visit it came from.
    const page = await t.fake.waitFor('chat.postMessage', (a) => a.channel === coord.id);
    expect(JSON.stringify(page.args.blocks)).toContain('Signalée depuis la visite du 02/12/2026');

    // ── Shown on the visit: the company card's visit line gives the alert's reference.
    const card = await command('/entreprise', SIRETS.mecanique, capteur, 'card');
    expect(card).toContain(`*Alerte recrutement* : ${alert.reference}`);

    // ── Another alert, raised with the command: no visit, nothing said of one.
    await t.slack.command('/alerte-recrutement', '', capteur, { extra: { response_url: t.fake.responseUrl() } });
    const plain = (
      await t.fake.waitFor(
        'views.open',
        (a) => JSON.stringify(a).includes(VIEWS.alertReport) && !JSON.stringify(a).includes(visit.id),
      )
    ).args.view as Modal;
    expect(JSON.parse(plain.private_metadata).visitId).toBeUndefined();
    await t.slack.interaction(
      submitModal(capteur, plain, {
        [A.companyId]: companyId,
        [A.p1Title]: 'Cariste',
        [A.p1Count]: '1',
        [A.p1Contract]: 'cdi',
        [A.p1Location]: 'Vierzon',
        [A.urgency]: 'Départ en retraite.',
        [A.contactName]: 'Marie Dupont, responsable RH',
        [A.contactPhone]: '02 48 00 00 00',
        [A.consentToName]: 'oui',
      }),
    );
    expect((await db.prisma.recruitmentAlert.findMany({ select: { visitId: true } })).map((a) => a.visitId)).toEqual(
      expect.arrayContaining([visit.id, null]),
    );
    expect(await db.prisma.recruitmentAlert.count()).toBe(2);

    // ── The quarter over, its indicators: one alert of the two came from a visit.
    clock = new Date('2027-01-04T09:00:00Z');
    const indicators = await command('/plateforme', 'indicateurs 2026-T4', coord, 'q4');
    expect(indicators).toContain('Indicateurs du T4 2026');
    expect(indicators).toContain('*Alertes issues d’une visite* : 50 %');
  });

  it('is not offered by the confirmation of a visit without hiring needs', async () => {
    const { dm } = await fileVisit(null);
    expect(dmButtons(dm).map((b) => b.action_id)).toEqual([ACTIONS.showCompanyCard]);
  });

  it('refuses a forged visit in the form’s metadata, in French, and saves nothing', async () => {
    const { visit, dm } = await fileVisit('Soudeur TIG : 3');
    const modal = await clickRaise(
      capteur,
      dmButtons(dm).find((b) => b.action_id === ACTIONS.raiseAlertFromVisit)!.value!,
    );
    const forged = {
      ...modal,
      private_metadata: JSON.stringify({
        ...JSON.parse(modal.private_metadata),
        visitId: visit.id.replace(/^.{8}/, '00000000'),
      }),
    };
    const filled = prefilled(modal);
    const ack = (await t.slack.interaction(submitModal(capteur, forged, { ...filled, ...completion(filled) }))).json();
    expect(JSON.stringify(ack)).toContain(JSON.stringify(errorText('alert_visit_unknown')).slice(1, -1));
    expect(await db.prisma.recruitmentAlert.count()).toBe(0);
  });
});
