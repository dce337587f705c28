import { describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import { ACTIONS, PROGRAMME_BLOCKS as P, PROGRAMME_BUTTONS, VISIT_BLOCKS as V, VIEWS } from '../../src/slack/ids.js';
import { REFUSALS } from '../../src/texts/fr.js';
import { blockSuggestion } from '../../src/simulator/slack-requests.js';
import { clickButton, withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { submitModal } from '../support/forms.js';
import { makeVisit } from '../support/visits.js';

/**
 * Visit programmes from Slack: the coordination sets one, the capteurs see their progress and
 * the targets to visit, the structure behind its pace is nudged on the 20th, and two structures
 * visiting the same company are told of each other.
 */
const coord = { id: 'UPRECOORD', name: 'helene' };
const cciCapteur = { id: 'UPRECCI', name: 'claire' };
const cmaCapteur = { id: 'UPRECMA', name: 'karim' };

// Friday 20 November 2026, 9:00 in Paris.
const clock = new Date('2026-11-20T08:00:00Z');
const company: Record<string, string> = {};
type Modal = { callback_id: string; private_metadata: string; blocks: never[] };

const { t, db, structures } = withTestApp({
  now: () => clock,
  structures: { 'CCI du Cher': 'cci', 'CMA du Cher': 'cma' },
  members: [
    { user: coord, roles: ['coordinateur'] },
    { user: cciCapteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: cmaCapteur, roles: ['capteur'], structure: 'CMA du Cher' },
  ],
  async seed({ db, actors }) {
    company.Forges = (await makeCompany(db.prisma, { name: 'Forges de Vierzon', siret: SIRETS.mecanique })).id;
    company.Porcelaines = (await makeCompany(db.prisma, { name: 'Porcelaines de Foëcy', siret: SIRETS.other })).id;
    company.Tannerie = (await makeCompany(db.prisma, { name: 'Tannerie du Berry' })).id;
    // The CCI visited the Forges in November (one visit of the 8 the pace asks by the 20th: 5).
    await makeVisit(db.prisma, actors[cciCapteur.id]!, company.Forges, { date: '2026-11-06' });
  },
});
const cciId = () => structures['CCI du Cher']!.id;

const response = async (name: string) => (await t.fake.waitForResponse((_b, path) => path.endsWith(`/${name}`))).body;
const home = async (user: { id: string }) => {
  await t.slack.event({ type: 'app_home_opened', user: user.id, channel: 'D1', tab: 'home' });
  return JSON.stringify((await t.fake.waitFor('views.publish', (a) => a.user_id === user.id)).args.view);
};

describe('visit programmes', () => {
  it('are set by the coordination (invalid SIRETs refused on their field), shown on the App Homes, and nudged when behind', async () => {
    await t.slack.command('/plateforme', 'programmes', cciCapteur, {
      extra: { response_url: t.fake.responseUrl('refused') },
    });
    expect((await response('refused')).text).toBe(REFUSALS.managePrograms);
    await t.slack.command('/plateforme', 'programmes', coord, { extra: { response_url: t.fake.responseUrl('list') } });
    const list = JSON.stringify(await response('list'));
    expect(list).toContain('CCI du Cher* — pas de programme en 2026');
    expect(list).toContain(`"value":"${cciId()}:2026"`);

    await clickButton(t, coord, { action_id: PROGRAMME_BUTTONS.edit, block_id: 'b', value: `${cciId()}:2026` });
    const modal = (await t.fake.waitFor('views.open')).args.view as Modal;
    expect(modal.callback_id).toBe(VIEWS.programme);
    const found = (await (
      await t.slack.interaction(blockSuggestion({ user: coord, action_id: P.add, block_id: P.add, value: 'tannerie' }))
    ).json()) as { options: { value: string }[] };
    expect(found.options.map((o) => o.value)).toEqual([company.Tannerie]);

    const bad = (
      await t.slack.interaction(
        submitModal(coord, modal, {
          [P.monthlyTarget]: '8',
          [P.add]: [company.Tannerie!],
          [P.sirets]: `${SIRETS.other}\n${SIRETS.badChecksum}`,
        }),
      )
    ).json();
    expect(bad.response_action).toBe('errors');
    expect(bad.errors[P.sirets]).toContain(SIRETS.badChecksum);
    expect(await db.prisma.visitProgramme.count()).toBe(0);
    const noTarget = (
      await t.slack.interaction(submitModal(coord, modal, { [P.monthlyTarget]: '', [P.sirets]: '' }))
    ).json();
    expect(noTarget.errors[P.monthlyTarget]).toMatch(/visites par mois/);

    const saved = (
      await t.slack.interaction(
        submitModal(coord, modal, {
          [P.monthlyTarget]: '8',
          [P.add]: [company.Tannerie!],
          [P.sirets]: `${SIRETS.mecanique}\n${SIRETS.other}\n${SIRETS.unknownValid}`,
        }),
      )
    ).json();
    const savedText = JSON.stringify(saved.view);
    expect(savedText).toContain('8 visites par mois, 4 entreprises cibles');
    expect(savedText).toContain('1 SIRET pas encore connu');

    // The capteur's App Home: the month, the pace, the targets left with « Nouvelle visite ».
    const capteurHome = await home(cciCapteur);
    expect(capteurHome).toContain('Programme de visites de CCI du Cher');
    expect(capteurHome).toContain('1 / 8 visites');
    expect(capteurHome).toContain('en retard sur le rythme (5 attendues à ce jour)');
    expect(capteurHome).toContain('1 / 4 visitée');
    expect(capteurHome).toContain(`"action_id":"${ACTIONS.openVisitReport}","value":"${company.Tannerie}"`);
    expect(capteurHome).toContain('pas encore connue de la plateforme');
    // The coordination's: every structure with a programme.
    const coordHome = await home(coord);
    expect(coordHome).toContain('Programmes de visites — novembre 2026');
    expect(coordHome).toContain(':warning: *CCI du Cher*');

    // The 20th at 9:00: the CCI's capteur is nudged once.
    await jobRunners(t.ctx).programmeNudges();
    await jobRunners(t.ctx).programmeNudges();
    const nudges = t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === cciCapteur.id);
    expect(nudges).toHaveLength(1);
    expect(JSON.stringify(nudges[0]!.args.blocks)).toContain('Tannerie du Berry');
    expect(t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === cmaCapteur.id)).toHaveLength(0);
  });

  it('tell both capteurs when a second structure visits a company within the window', async () => {
    await t.slack.command('/visite', '', cmaCapteur, { extra: { response_url: t.fake.responseUrl() } });
    const modal = (await t.fake.waitFor('views.open')).args.view as Modal;
    const answers = {
      [V.companyId]: company.Forges!,
      [V.visitDate]: '2026-11-19',
      [V.channel]: 'sur_site',
      [V.stakes]: ['haute:recrutement'],
      [V.needs]: 'Former des soudeurs.',
      [V.diagnostic]: 'Activité soutenue.',
      [V.followUp]: ['partage'],
    };
    expect((await t.slack.interaction(submitModal(cmaCapteur, modal, answers))).json().response_action).toBe('clear');
    await t.ctx.notifier.kick();
    const told = (user: { id: string }) =>
      t.fake
        .succeeded('chat.postMessage')
        .filter((c) => c.args.channel === user.id && String(c.args.text).includes('aussi été visitée'));
    await expect.poll(() => told(cmaCapteur).length).toBe(1);
    await expect.poll(() => told(cciCapteur).length).toBe(1);
    expect(JSON.stringify(told(cmaCapteur)[0]!.args.blocks)).toContain(
      `le 06/11/2026 par <@${cciCapteur.id}> (CCI du Cher)`,
    );
    expect(JSON.stringify(told(cciCapteur)[0]!.args.blocks)).toContain(
      `le 19/11/2026 par <@${cmaCapteur.id}> (CMA du Cher)`,
    );
  });
});
