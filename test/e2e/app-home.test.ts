import { beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS, VISIT_BLOCKS as B, VIEWS } from '../../src/slack/ids.js';
import { HELP, REFUSALS } from '../../src/texts/fr.js';
import { blockActions, type SlackUser } from '../../src/simulator/slack-requests.js';
import { clickButton, withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { submitModal } from '../support/forms.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

// 31 March 2026 at 22:30 UTC is already 1 April at 00:30 in Paris (summer time): « this month »
// is April there, while it is still March in UTC.
const NOW = new Date('2026-03-31T22:30:00Z');

const capteur = { id: 'UCAPTEUR1', name: 'claire.martin' };
const colleague = { id: 'UCAPTEUR2', name: 'marc.petit' };
const comite = { id: 'UCOMITE1', name: 'paul.durand' };
const stranger = { id: 'USTRANGER', name: 'inconnu' };

let fonderie: { id: string; name: string };
let plasturgie: { id: string; name: string };

const { t, db, actors } = withTestApp({
  now: () => NOW,
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: colleague, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: comite, roles: ['comite'], structure: 'CCI du Cher' },
  ],
});

// Each test starts from the members and the seeded visits alone: the first lists the capteur's
// visits and counts April's as none, which a visit filed by another test would change.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  await seedCompaniesAndVisits();
});

/** Two companies; the capteur's two March visits, none yet in April; a colleague's April visit. */
async function seedCompaniesAndVisits() {
  fonderie = await makeCompany(db.prisma, { name: 'Fonderie du Berry', siret: SIRETS.mecanique, commune: 'Bourges' });
  plasturgie = await makeCompany(db.prisma, { name: 'Plasturgie Berry', siret: SIRETS.other, commune: 'Vierzon' });
  // The capteur's visits: two in March (UTC and Paris agree), none yet in April.
  await makeVisit(db.prisma, actors[capteur.id]!, plasturgie.id, { date: '2026-03-02' });
  await makeVisit(db.prisma, actors[capteur.id]!, fonderie.id, { date: '2026-03-31', redFlags: ['emplois_menaces'] });
  // Someone else's visit, in April: neither listed nor counted for the capteur.
  await makeVisit(db.prisma, actors[colleague.id]!, plasturgie.id, { date: '2026-04-01' });
}

const capteurActor = () => actors[capteur.id]!;

// ───────────────────────────── Helpers ─────────────────────────────

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: { action_id: string; value?: string };
  elements?: { action_id?: string; value?: string; text?: string }[];
  element?: { type: string; action_id: string; initial_option?: { value: string; text: { text: string } } };
};
type View = { type: string; callback_id?: string; blocks: Block[] };

/** Opens the App Home as `user` and returns the view the app published for them. */
async function openHome(user: SlackUser): Promise<View> {
  const before = t.fake.callsTo('views.publish').length;
  const res = await t.slack.event({ type: 'app_home_opened', user: user.id, channel: 'D1', tab: 'home' });
  expect(res.status).toBe(200);
  await expect.poll(() => t.fake.callsTo('views.publish').length).toBeGreaterThan(before);
  const call = t.fake.callsTo('views.publish')[before]!;
  expect(call.args.user_id).toBe(user.id);
  return call.args.view as View;
}

/** The visit lines of a home: « *dd/mm/yyyy* — Company (Commune) » with their « Fiche » button. */
function visitLines(home: View) {
  return home.blocks
    .filter((b) => b.accessory?.action_id === ACTIONS.showCompanyCard)
    .map((b) => ({ line: b.text!.text.split('\n')[0], companyId: b.accessory!.value }));
}

const buttons = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));

/** Clicks a button in the App Home: a view container, and no response_url (Slack sends none). */
function clickInHome(user: SlackUser, action_id: string, value?: string) {
  return t.slack.interaction(
    blockActions({
      user,
      actions: [{ action_id, block_id: 'home_actions', ...(value !== undefined ? { value } : {}) }],
      view: { id: 'VHOME1', type: 'home', callback_id: '' },
    }),
  );
}

/** Clicks a button in a message the app posted (a response_url comes with it). */
function clickInMessage(user: SlackUser, action_id: string, value: string, responseId: string) {
  return clickButton(t, user, { action_id, block_id: 'card', value }, responseId);
}

/** Runs `action` and returns the view of the views.open call it caused. */
async function modalOpenedBy(action: () => Promise<unknown>) {
  const before = t.fake.callsTo('views.open').length;
  await action();
  await expect.poll(() => t.fake.callsTo('views.open').length).toBeGreaterThan(before);
  return t.fake.callsTo('views.open')[before]!.args.view as View & {
    callback_id: string;
    private_metadata: string;
    title: { text: string };
  };
}

const companyPicker = (modal: View) => modal.blocks.find((b) => b.block_id === B.companyId)?.element?.initial_option;

// ───────────────────────────── Tests ─────────────────────────────

describe('a capteur’s App Home', () => {
  it('lists their visits newest first, counts this month’s in local time, and offers « Nouvelle visite »', async () => {
    const home = await openHome(capteur);
    expect(home.type).toBe('home');
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('Vos rôles : Capteur — CCI du Cher');
    // It is April in Paris: the March visits do not count.
    expect(text).toContain('*Ce mois-ci* : 0 visite déposée.');
    expect(visitLines(home)).toEqual([
      { line: '*31/03/2026* — Fonderie du Berry (Bourges)', companyId: fonderie.id },
      { line: '*02/03/2026* — Plasturgie Berry (Vierzon)', companyId: plasturgie.id },
    ]);
    expect(text).toContain('Emplois menacés');
    expect(buttons(home.blocks).map((b) => b.action_id)).toEqual([ACTIONS.openVisitReport]);
  });

  it('is refreshed with a visit filed through the modal, first and counted this month', async () => {
    const modal = await modalOpenedBy(() => clickInHome(capteur, ACTIONS.openVisitReport));
    const res = await t.slack.interaction(
      submitModal(capteur, modal, {
        [B.companyId]: fonderie.id,
        [B.visitDate]: '2026-04-01',
        [B.channel]: 'telephone',
        [B.stakes]: ['haute:transmission_reprise'],
        [B.needs]: 'Trouver un repreneur.',
        [B.diagnostic]: 'Le dirigeant part à la retraite dans deux ans.',
        [B.followUp]: ['partage'],
      }),
    );
    expect(res.json().response_action).toBe('clear');

    // Filing refreshes the capteur's home, without waiting for them to open it again.
    const refreshed = await t.fake.waitFor('views.publish', (args) => args.user_id === capteur.id);
    expect(visitLines(refreshed.args.view as View)[0]?.line).toBe('*01/04/2026* — Fonderie du Berry (Bourges)');

    const home = await openHome(capteur);
    expect(JSON.stringify(home.blocks)).toContain('*Ce mois-ci* : 1 visite déposée.');
    expect(visitLines(home).map((v) => v.line)).toEqual([
      '*01/04/2026* — Fonderie du Berry (Bourges)',
      '*31/03/2026* — Fonderie du Berry (Bourges)',
      '*02/03/2026* — Plasturgie Berry (Vierzon)',
    ]);
  });

  it('invites a capteur without visits to file one', async () => {
    const home = await openHome(colleague);
    expect(JSON.stringify(home.blocks)).toContain('*Ce mois-ci* : 1 visite déposée.');
    await db.prisma.member.create({
      data: {
        slackUserId: 'UNEWCAPTEUR',
        structureId: capteurActor().structureId,
        roles: { create: [{ role: 'capteur' }] },
      },
    });
    const empty = await openHome({ id: 'UNEWCAPTEUR' });
    expect(visitLines(empty)).toEqual([]);
    expect(JSON.stringify(empty.blocks)).toContain('Aucune visite pour le moment');
  });

  it('publishes nothing for the Messages tab', async () => {
    const res = await t.slack.event({ type: 'app_home_opened', user: capteur.id, channel: 'D1', tab: 'messages' });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.fake.callsTo('views.publish')).toHaveLength(0);
  });
});

describe('the App Home of people who are not capteurs', () => {
  it('shows an unknown Slack user the polite refusal, and nothing else', async () => {
    const home = await openHome(stranger);
    const text = JSON.stringify(home.blocks);
    expect(text).toContain(JSON.stringify(REFUSALS.unknownMember).slice(1, -1));
    expect(text).not.toContain('Fonderie');
    expect(buttons(home.blocks)).toEqual([]);
  });

  it('shows a member without the capteur role the help, and no visit list', async () => {
    const home = await openHome(comite);
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('Vos rôles : Comité technique');
    expect(text).toContain(JSON.stringify(HELP.plateforme).slice(1, -1));
    expect(text).not.toContain('Vos dernières visites');
    expect(visitLines(home)).toEqual([]);
    expect(buttons(home.blocks)).toEqual([]);
  });
});

describe('« Nouvelle visite »', () => {
  it('from the App Home opens an empty visit report', async () => {
    const modal = await modalOpenedBy(() => clickInHome(capteur, ACTIONS.openVisitReport));
    expect(modal.callback_id).toBe(VIEWS.visitReport);
    expect(companyPicker(modal)).toBeUndefined();
    expect(JSON.parse(modal.private_metadata).submissionKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('from a company card opens the visit report with that company chosen', async () => {
    // The card the capteur gets through /entreprise carries the button.
    await t.slack.command('/entreprise', 'Fonderie du Berry', capteur, {
      extra: { response_url: t.fake.responseUrl('card') },
    });
    const card = (await t.fake.waitForResponse((_b, path) => path.endsWith('/card'))).body.blocks as Block[];
    const newVisit = buttons(card).find((b) => b.action_id === ACTIONS.openVisitReport);
    expect(newVisit?.value).toBe(fonderie.id);

    const modal = await modalOpenedBy(() =>
      clickInMessage(capteur, ACTIONS.openVisitReport, newVisit!.value!, 'from-card'),
    );
    expect(modal.callback_id).toBe(VIEWS.visitReport);
    expect(companyPicker(modal)).toMatchObject({
      value: fonderie.id,
      text: { text: 'Fonderie du Berry — Bourges — 732 829 320 00074' },
    });
  });

  it('answers a member who is not a capteur with a refusal modal', async () => {
    const modal = await modalOpenedBy(() => clickInHome(comite, ACTIONS.openVisitReport));
    expect(modal.title.text).toBe('Accès refusé');
    expect(JSON.stringify(modal.blocks)).toContain(REFUSALS.fileVisit);
  });
});

describe('« Fiche »', () => {
  it('from the App Home sends the company card as a DM', async () => {
    await clickInHome(capteur, ACTIONS.showCompanyCard, fonderie.id);
    const dm = await t.fake.waitFor('chat.postMessage', (args) => String(args.text).startsWith('Fiche entreprise'));
    expect(dm.args.channel).toBe(capteur.id);
    expect(dm.args.text).toBe('Fiche entreprise : Fonderie du Berry (Bourges)');
    expect(JSON.stringify(dm.args.blocks)).toContain('Emplois menacés');
    expect(t.fake.responses).toHaveLength(0);
  });

  it('from a message answers in place, to the clicker only', async () => {
    await clickInMessage(capteur, ACTIONS.showCompanyCard, plasturgie.id, 'fiche');
    const response = await t.fake.waitForResponse((_b, path) => path.endsWith('/fiche'));
    expect(response.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Fiche entreprise : Plasturgie Berry (Vierzon)',
    });
    expect(JSON.stringify(response.body.blocks)).toContain('Plasturgie Berry');
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
