import { describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import { INDICATOR_BLOCKS as B, INDICATOR_BUTTONS, VIEWS } from '../../src/slack/ids.js';
import { errorText, REFUSALS } from '../../src/texts/fr.js';
import { clickButton, withTestApp } from '../support/app.js';
import { makeCompany } from '../support/factories.js';
import { submitModal } from '../support/forms.js';
import { makeVisit } from '../support/visits.js';

/** The steering committee's indicators from Slack: chosen, frozen each quarter, posted to its channel. */
const coord = { id: 'UINDECOORD', name: 'helene' };
const pilot = { id: 'UINDEPILOT', name: 'maire' };
const capteur = { id: 'UINDECAPT', name: 'claire' };
const STEERING = 'CPILOTAGE1';

// Monday 5 October 2026, 9:10 in Paris: the first working day of Q4 after the weekend.
let clock = new Date('2026-10-05T07:10:00Z');

const { t, db } = withTestApp({
  now: () => clock,
  config: { STEERING_CHANNEL_ID: STEERING },
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: coord, roles: ['coordinateur'] },
    { user: pilot, roles: ['pilotage'] },
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
  ],
  async seed({ db, actors }) {
    const forges = await makeCompany(db.prisma, { name: 'Forges de Vierzon' });
    for (const date of ['2026-07-03', '2026-08-10', '2026-09-30', '2026-04-02'])
      await makeVisit(db.prisma, actors[capteur.id]!, forges.id, { date });
  },
});

const response = async (name: string) => (await t.fake.waitForResponse((_b, path) => path.endsWith(`/${name}`))).body;

describe('steering indicators', () => {
  it('are chosen by the coordination, frozen for the past quarter and posted to the steering channel', async () => {
    await t.slack.command('/plateforme', 'indicateurs', capteur, {
      extra: { response_url: t.fake.responseUrl('refused') },
    });
    expect((await response('refused')).text).toBe(REFUSALS.readIndicators);
    // The steering committee reads them, without the button to choose.
    await t.slack.command('/plateforme', 'indicateurs', pilot, {
      extra: { response_url: t.fake.responseUrl('pilot') },
    });
    const pilotView = JSON.stringify(await response('pilot'));
    expect(pilotView).toContain('Aucun indicateur choisi pour cette année');
    expect(pilotView).not.toContain(INDICATOR_BUTTONS.choose);
    // The coordination records the choice for 2026 (already started: a version 1 now).
    await t.slack.command('/plateforme', 'indicateurs', coord, {
      extra: { response_url: t.fake.responseUrl('coord') },
    });
    const coordView = JSON.stringify(await response('coord'));
    expect(coordView).toContain(INDICATOR_BUTTONS.choose);
    expect(coordView).toContain(INDICATOR_BUTTONS.chooseNext); // October: next year's too
    await clickButton(t, coord, { action_id: INDICATOR_BUTTONS.choose, block_id: 'b', value: '2026' });
    const modal = (await t.fake.waitFor('views.open')).args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: never[];
    };
    expect(modal.callback_id).toBe(VIEWS.indicators);
    const bad = (
      await t.slack.interaction(
        submitModal(coord, modal, { [B.keys]: ['visites', 'alertes_48h'], [`${B.targetPrefix}visites`]: 'beaucoup' }),
      )
    ).json();
    expect(bad.errors[`${B.targetPrefix}visites`]).toBe(errorText('indicator_target'));
    const saved = (
      await t.slack.interaction(
        submitModal(coord, modal, {
          [B.keys]: ['visites', 'alertes_48h'],
          [`${B.targetPrefix}visites`]: '12',
          [`${B.targetPrefix}alertes_48h`]: '87,5',
        }),
      )
    ).json();
    expect(JSON.stringify(saved.view)).toContain('2 indicateurs enregistrés pour 2026');
    const [set] = await db.prisma.indicatorSet.findMany({ include: { choices: true } });
    expect(set!.choices.map((c) => [c.key, c.target]).sort()).toEqual([
      ['alertes_48h', 87.5],
      ['visites', 12],
    ]);

    // The quarterly job freezes Q3 and posts it once; Q3 had 3 visits against a target of 12.
    await jobRunners(t.ctx).quarterlyIndicators();
    await jobRunners(t.ctx).quarterlyIndicators();
    const posts = t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === STEERING);
    expect(posts).toHaveLength(1);
    const posted = JSON.stringify(posts[0]!.args.blocks);
    expect(posted).toContain('Indicateurs du T3 2026');
    expect(posted).toContain('*Visites réalisées* : 3 :small_orange_diamond: — cible 12');
    expect(posted).toContain('*Alertes transmises à France Travail dans le délai* : n.d. — cible 87,5 %');

    // Asked again later, Q3 is the same, whatever was filed since; Q4 is not over.
    clock = new Date('2026-11-02T09:00:00Z');
    const capteurActor = (await t.ctx.actors.find(capteur.id))!;
    await makeVisit(db.prisma, capteurActor, (await db.prisma.company.findFirstOrThrow()).id, { date: '2026-09-15' });
    await t.slack.command('/plateforme', 'indicateurs 2026-T3', pilot, {
      extra: { response_url: t.fake.responseUrl('q3') },
    });
    expect(JSON.stringify(await response('q3'))).toContain('*Visites réalisées* : 3 ');
    await t.slack.command('/plateforme', 'indicateurs 2026-T4', pilot, {
      extra: { response_url: t.fake.responseUrl('q4') },
    });
    expect((await response('q4')).text).toBe(errorText('quarter_not_over'));
    // A past quarter never frozen is frozen on demand, posted to the channel, with its trend.
    await t.slack.command('/plateforme', 'indicateurs 2026-T2', pilot, {
      extra: { response_url: t.fake.responseUrl('q2') },
    });
    expect(JSON.stringify(await response('q2'))).toContain('Indicateurs du T2 2026');
    await expect
      .poll(() => t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === STEERING).length)
      .toBe(2);
  });
});
