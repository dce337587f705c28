import { beforeEach, describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import { AGENDA_EDIT_BLOCKS, COMMITTEE_BLOCKS as B, COMMITTEE_BUTTONS, VIEWS } from '../../src/slack/ids.js';
import { errorText, REFUSALS } from '../../src/texts/fr.js';
import { blockSuggestion } from '../../src/simulator/slack-requests.js';
import { clickButton, withTestApp } from '../support/app.js';
import { makeCompany } from '../support/factories.js';
import { submitModal } from '../support/forms.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/**
 * The committee's preparation and follow-up from Slack: the session proposed by the rhythm,
 * its agenda edited and the session moved before publication, the actions to review on the
 * agenda, the session held then closed, the capteur reminded of a company not informed.
 */
const coord = { id: 'UPRECOORD', name: 'helene' };
const capteur = { id: 'UPRECAPT', name: 'claire' };
const CHANNEL = 'CPREPA01';
const DAY = 86_400_000;

// Friday 27 November 2026, 10:00 in Paris: the rhythm's next second Tuesday is 8 December.
const START = new Date('2026-11-27T09:00:00Z');
let clock = START;
const company: Record<string, string> = {};

type Modal = { callback_id: string; private_metadata: string; blocks: never[] };

const { t, db, actors, structures } = withTestApp({
  now: () => clock,
  config: { COMMITTEE_CHANNEL_ID: CHANNEL, COMMITTEE_RHYTHM: '2e mardi 14:00' },
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: coord, roles: ['coordinateur'] },
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
  ],
});

// Each test starts on 27 November from the members and the companies to bring alone: the first
// counts the sessions from its proposal on, and must not find those the other test proposed.
beforeEach(async () => {
  clock = START;
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  await seedCompaniesForTheAgenda();
});

/** Three companies, two visited and marked for the committee, and an action of the CCI due before the session. */
async function seedCompaniesForTheAgenda() {
  const capteurActor = actors[capteur.id]!;
  for (const name of ['Forges de Vierzon', 'Porcelaines de Foëcy', 'Verrerie du Berry'])
    company[name] = (await makeCompany(db.prisma, { name })).id;
  await makeVisit(db.prisma, capteurActor, company['Forges de Vierzon']!, {
    date: '2026-11-20',
    toCommitteeAgenda: true,
  });
  await makeVisit(db.prisma, capteurActor, company['Porcelaines de Foëcy']!, {
    date: '2026-11-23',
    toCommitteeAgenda: true,
  });
  // An action of the CCI due before the session: on the agenda's review.
  await db.prisma.action.create({
    data: {
      submissionKey: 'prep-1',
      title: 'Diagnostic RH',
      companyId: company['Forges de Vierzon']!,
      ownerStructureId: structures['CCI du Cher']!.id,
      origin: 'ad_hoc',
      target: 'entreprise',
      dueDate: new Date('2026-12-04T00:00:00Z'),
      createdById: capteurActor.memberId,
    },
  });
}

const click = (user: typeof coord, actionId: string, value: string, name = 'click') =>
  clickButton(t, user, { action_id: actionId, block_id: 'b', value }, name);
const response = async (name: string) => (await t.fake.waitForResponse((_b, path) => path.endsWith(`/${name}`))).body;

describe('a session from its proposal to the companies informed', () => {
  it('is proposed by the rhythm, edited and moved before publication, held, closed, and its companies followed until informed', async () => {
    // ── The rhythm proposes 8 December at 14:00; the coordinator is told once.
    await jobRunners(t.ctx).committeeAgendas();
    await jobRunners(t.ctx).committeeAgendas();
    const session = await db.prisma.committee.findFirstOrThrow();
    expect(session).toMatchObject({
      scheduledAt: new Date('2026-12-08T13:00:00Z'),
      channelId: CHANNEL,
      status: 'planned',
    });
    const proposals = t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === coord.id);
    expect(proposals).toHaveLength(1);
    expect(JSON.stringify(proposals[0]!.args.blocks)).toContain('08/12/2026 à 14:00');

    // ── /comite shows the coordinator the steps of a planned session and the rhythm.
    await t.slack.command('/comite', '', coord, { extra: { response_url: t.fake.responseUrl('list') } });
    const list = JSON.stringify(await response('list'));
    for (const id of [
      COMMITTEE_BUTTONS.publish,
      COMMITTEE_BUTTONS.editAgenda,
      COMMITTEE_BUTTONS.reschedule,
      COMMITTEE_BUTTONS.cancel,
    ])
      expect(list).toContain(id);
    expect(list).toContain('2e mardi du mois à 14 h 00');

    // ── « Modifier l'ordre du jour »: the capteur cannot; the coordinator takes Porcelaines off and adds the Verrerie.
    await click(capteur, COMMITTEE_BUTTONS.editAgenda, session.id, 'capteur-edit');
    expect((await response('capteur-edit')).text).toBe(REFUSALS.runCommittees);
    await click(coord, COMMITTEE_BUTTONS.editAgenda, session.id);
    const editModal = (await t.fake.waitFor('views.open')).args.view as Modal;
    expect(editModal.callback_id).toBe(VIEWS.agendaEdit);
    // The type-ahead answers the coordination, not a capteur here.
    const suggest = (user: typeof coord) =>
      t.slack.interaction(
        blockSuggestion({
          user,
          action_id: AGENDA_EDIT_BLOCKS.add,
          block_id: AGENDA_EDIT_BLOCKS.add,
          value: 'verrerie',
        }),
      );
    const found = (await (await suggest(coord)).json()) as { options: { value: string }[] };
    expect(found.options.map((o) => o.value)).toEqual([company['Verrerie du Berry']]);
    expect(((await (await suggest(capteur)).json()) as { options: unknown[] }).options).toEqual([]);
    const items = await db.prisma.agendaItem.findMany({
      where: { committeeId: session.id },
      include: { company: true },
    });
    const forges = items.find((i) => i.company.name === 'Forges de Vierzon')!;
    const saved = (
      await t.slack.interaction(
        submitModal(coord, editModal, {
          [AGENDA_EDIT_BLOCKS.keep]: [forges.id],
          [AGENDA_EDIT_BLOCKS.add]: [company['Verrerie du Berry']!],
        }),
      )
    ).json();
    expect(JSON.stringify(saved.view)).toContain('1 entreprise ajoutée, 1 retirée — 2 à l');
    expect(
      (
        await db.prisma.agendaItem.findMany({
          where: { committeeId: session.id },
          include: { company: true },
          orderBy: { rank: 'asc' },
        })
      ).map((i) => i.company.name),
    ).toEqual(['Forges de Vierzon', 'Verrerie du Berry']);

    // ── « Déplacer »: to Thursday 10 December at 9:30, in the past refused on its field.
    t.fake.reset();
    await click(coord, COMMITTEE_BUTTONS.reschedule, session.id);
    const moveModal = (await t.fake.waitFor('views.open')).args.view as Modal;
    expect(JSON.parse(moveModal.private_metadata)).toEqual({ committeeId: session.id });
    const past = (
      await t.slack.interaction(
        submitModal(coord, moveModal, { [B.scheduledAt]: '2026-11-01T09:00:00Z', [B.channel]: CHANNEL }),
      )
    ).json();
    expect(past.errors[B.scheduledAt]).toBe(errorText('committee_in_past'));
    const moved = (
      await t.slack.interaction(
        submitModal(coord, moveModal, { [B.scheduledAt]: '2026-12-10T08:30:00Z', [B.channel]: CHANNEL }),
      )
    ).json();
    expect(JSON.stringify(moved.view)).toContain('10/12/2026 à 09:30');
    expect(await db.prisma.committee.count()).toBe(1);

    // ── J-7 (3 December, 9:30): the agenda is published with the action to review.
    t.fake.reset();
    clock = new Date('2026-12-03T08:30:00Z');
    // Slack does not give the header's link this time: the agenda is published all the same, once.
    t.fake.failNext('chat.getPermalink', 1);
    await jobRunners(t.ctx).committeeAgendas();
    await jobRunners(t.ctx).committeeAgendas();
    expect(
      t.fake
        .succeeded('chat.postMessage')
        .filter((c) => c.args.channel === CHANNEL && String(c.args.text).startsWith('Ordre du jour du comité')),
    ).toHaveLength(1);
    expect((await db.prisma.committee.findUniqueOrThrow({ where: { id: session.id } })).agendaPermalink).toBeNull();
    const header = t.fake
      .succeeded('chat.postMessage')
      .find((c) => c.args.channel === CHANNEL && String(c.args.text).startsWith('Ordre du jour du comité'))!;
    expect(JSON.stringify(header.args.blocks)).toContain('Actions à faire le point — 1');
    expect(JSON.stringify(header.args.blocks)).toContain('Diagnostic RH');
    expect(JSON.stringify(header.args.blocks)).not.toContain('Porcelaines');
    // Once published, it no longer moves.
    await click(coord, COMMITTEE_BUTTONS.reschedule, session.id, 'late-move');
    expect((await response('late-move')).text).toBe(errorText('agenda_already_published'));

    // ── At its time the session is held; a decision, then it is closed.
    clock = new Date('2026-12-10T08:31:00Z');
    await jobRunners(t.ctx).committeeAgendas();
    expect((await db.prisma.committee.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('held');
    await db.prisma.agendaItem.update({ where: { id: forges.id }, data: { decision: 'Diagnostic RH par la CCI.' } });
    await click(coord, COMMITTEE_BUTTONS.close, session.id, 'close');
    expect(String((await response('close')).text)).toMatch(/Comité clôturé/);

    // ── Not informed a week later: the capteur is reminded, with the button; the coordinator sees it.
    t.fake.reset();
    clock = new Date(clock.getTime() + 7 * DAY + 60_000);
    await jobRunners(t.ctx).committeeAgendas();
    await jobRunners(t.ctx).committeeAgendas();
    const reminders = t.fake
      .succeeded('chat.postMessage')
      .filter((c) => c.args.channel === capteur.id && String(c.args.text).includes('à informer'));
    expect(reminders).toHaveLength(1);
    expect(JSON.stringify(reminders[0]!.args.blocks)).toContain('Forges de Vierzon');
    expect(JSON.stringify(reminders[0]!.args.blocks)).toContain(COMMITTEE_BUTTONS.informed);
    await t.slack.command('/comite', 'a-informer', coord, { extra: { response_url: t.fake.responseUrl('to-inform') } });
    const toInform = JSON.stringify(await response('to-inform'));
    expect(toInform).toContain('Forges de Vierzon');
    expect(toInform).toContain(`<@${capteur.id}>`);
    await t.slack.command('/comite', 'a-informer', capteur, {
      extra: { response_url: t.fake.responseUrl('capteur-list') },
    });
    expect((await response('capteur-list')).text).toBe(REFUSALS.runCommittees);
    // And on the coordinator's App Home, with the next session proposed by the rhythm.
    await t.slack.event({ type: 'app_home_opened', user: coord.id, channel: 'D1', tab: 'home' });
    const home = JSON.stringify((await t.fake.waitFor('views.publish', (a) => a.user_id === coord.id)).args.view);
    expect(home).toContain('1 entreprise à informer');
    expect(home).toContain('Prochain comité technique');
  });

  it('is cancelled before publication by the coordination, its companies freed', async () => {
    clock = new Date('2027-01-20T09:00:00Z');
    await jobRunners(t.ctx).committeeAgendas();
    const proposed = await db.prisma.committee.findFirstOrThrow({ where: { status: 'planned' } });
    expect(proposed.scheduledAt).toEqual(new Date('2027-02-09T13:00:00Z'));
    await click(coord, COMMITTEE_BUTTONS.cancel, proposed.id, 'cancel');
    expect(String((await response('cancel')).text)).toMatch(/Séance annulée/);
    expect(await db.prisma.committee.findUnique({ where: { id: proposed.id } })).toBeNull();
    // Not proposed again.
    await jobRunners(t.ctx).committeeAgendas();
    expect(await db.prisma.committee.count({ where: { status: 'planned' } })).toBe(0);
  });
});
