import { beforeEach, describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import {
  ACTION_BLOCKS as AB,
  ACTION_BUTTONS,
  COMMITTEE_BLOCKS as B,
  COMMITTEE_BUTTONS,
  DECISION_BLOCKS,
  INFORMED_BLOCKS,
  VIEWS,
} from '../../src/slack/ids.js';
import { REFUSALS } from '../../src/texts/fr.js';
import { viewSubmission } from '../../src/simulator/slack-requests.js';
import { clickButton, withTestApp } from '../support/app.js';
import { workingDaysAhead } from '../support/calendar.js';
import { makeCompany } from '../support/factories.js';
import { fillModal, submitModal } from '../support/forms.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/** A session planned with /comite, its agenda published by the J-7 job in the committee channel. */
const coord = { id: 'UE2ECOMCOORD', name: 'helene' };
const member = { id: 'UE2ECOMMEMBER', name: 'paul' };
const capteur = { id: 'UE2ECOMCAPT', name: 'claire' };
const CHANNEL = 'CCOMITE77';

let clock = new Date(Date.now() + 1_000);

const { t, db, actors } = withTestApp({
  now: () => clock,
  // Actions are tracked in the committee's channel too.
  config: { COMMITTEE_CHANNEL_ID: CHANNEL },
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: coord, roles: ['coordinateur'] },
    { user: member, roles: ['comite'], structure: 'CCI du Cher' },
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
  ],
});

// Each test starts now, from the members and today's visits alone: the first reads back the one
// session there is, and must not find those the other test made, nor its clock moved ahead.
beforeEach(async () => {
  clock = new Date(Date.now() + 1_000);
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  await seedVisitsForTheAgenda();
});

/** Two companies visited today and marked for the committee: one with a red flag, one that refused sharing. */
async function seedVisitsForTheAgenda() {
  const today = new Date().toISOString().slice(0, 10);
  const shared = (await makeCompany(db.prisma, { name: 'Forges de Vierzon' })).id;
  const secret = (await makeCompany(db.prisma, { name: 'Porcelaines de Foëcy' })).id;
  await makeVisit(db.prisma, actors[capteur.id]!, shared, {
    date: today,
    toCommitteeAgenda: true,
    diagnostic: 'Carnet de commandes plein, pénurie de soudeurs.',
    redFlags: ['recrutement_urgent'],
  });
  await makeVisit(db.prisma, actors[capteur.id]!, secret, {
    date: today,
    toCommitteeAgenda: true,
    diagnostic: 'Difficultés de trésorerie confidentielles.',
    consentToShare: false,
  });
}

describe('a committee session', () => {
  it('is planned by the coordination, its agenda published at J-7 (one message per company, unshared content kept out), and its decisions and actions recorded on each item in place', async () => {
    // A committee member sees the sessions but cannot plan one.
    await t.slack.command('/comite', 'planifier', member, { extra: { response_url: t.fake.responseUrl('refused') } });
    expect((await t.fake.waitForResponse((_b, path) => path.endsWith('/refused'))).body.text).toBe(
      REFUSALS.runCommittees,
    );

    await t.slack.command('/comite', 'planifier', coord, { extra: { response_url: t.fake.responseUrl() } });
    const modal = (await t.fake.waitFor('views.open')).args.view as { callback_id: string; blocks: never[] };
    expect(modal.callback_id).toBe(VIEWS.committeePlan);
    // Ten days ahead, or the next working day (a weekend day would ask for a confirmation).
    const session = new Date(Date.now() + workingDaysAhead(10) * 86_400_000);
    const values = fillModal(modal, { [B.channel]: CHANNEL });
    // A datetimepicker answers seconds since the epoch.
    values[B.scheduledAt] = {
      [B.scheduledAt]: { type: 'datetimepicker', selected_date_time: Math.floor(session.getTime() / 1000) },
    };
    const ack = (
      await t.slack.interaction(
        viewSubmission({
          user: coord,
          view: { id: 'V1', callback_id: modal.callback_id, state: { values: values as never } },
        }),
      )
    ).json();
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('2 entreprises');
    const committee = await db.prisma.committee.findFirstOrThrow();
    expect(committee).toMatchObject({ channelId: CHANNEL, status: 'planned' });

    // /comite shows it with its « Publier » button to the coordination.
    await t.slack.command('/comite', '', coord, { extra: { response_url: t.fake.responseUrl('list') } });
    const list = await t.fake.waitForResponse((_b, path) => path.endsWith('/list'));
    expect(JSON.stringify(list.body)).toContain(COMMITTEE_BUTTONS.publish);

    // Two days later it is not J-7 yet; at J-7 the job publishes it.
    clock = new Date(Date.now() + 2 * 86_400_000);
    await jobRunners(t.ctx).committeeAgendas();
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(0);
    clock = new Date(session.getTime() - 7 * 86_400_000 + 60_000);
    await jobRunners(t.ctx).committeeAgendas();
    await jobRunners(t.ctx).committeeAgendas();
    const posts = t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
    expect(posts).toHaveLength(3);
    const all = posts.map((c) => JSON.stringify(c.args.blocks)).join('\n');
    expect(all).toContain('Forges de Vierzon');
    expect(all).toContain('pénurie de soudeurs');
    expect(all).toContain('Recrutement urgent');
    // The company that refused sharing is on the agenda, but not named in the channel (DESIGN §6: consent).
    expect(all).not.toContain('Porcelaines de Foëcy');
    expect(all).toContain('Entreprise non nommée — industrie');
    expect(all).not.toContain('trésorerie');
    expect(all).toContain('contenu non partagé');
    expect(await db.prisma.committee.findUniqueOrThrow({ where: { id: committee.id } })).toMatchObject({
      status: 'agenda_published',
    });

    // A late click on « Publier » changes nothing.
    await clickButton(t, coord, { action_id: COMMITTEE_BUTTONS.publish, block_id: 'b', value: committee.id }, 'again');
    expect(String((await t.fake.waitForResponse((_b, path) => path.endsWith('/again'))).body.text)).toMatch(
      /déjà publié/,
    );
    expect(t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === CHANNEL)).toHaveLength(3);

    // ── J-2: each committee member is reminded once, with the agenda to read.
    t.fake.reset();
    clock = new Date(session.getTime() - 2 * 86_400_000 + 60_000);
    await jobRunners(t.ctx).committeeAgendas();
    await jobRunners(t.ctx).committeeAgendas();
    const reminders = t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === member.id);
    expect(reminders).toHaveLength(1);
    expect(JSON.stringify(reminders[0]!.args.blocks)).toContain(
      `2 entreprises à l'ordre du jour, à lire dans <#${CHANNEL}>`,
    );
    // With the link to the agenda's header, as Slack gave it when it was posted.
    const header = await db.prisma.committee.findUniqueOrThrow({ where: { id: committee.id } });
    expect(header.agendaPermalink).toMatch(
      new RegExp(`^https://plateforme-test\\.slack\\.com/archives/${CHANNEL}/p\\d+$`),
    );
    expect(JSON.stringify(reminders[0]!.args.blocks)).toContain(`<${header.agendaPermalink}|Ouvrir l'ordre du jour>`);
    expect(t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === capteur.id)).toHaveLength(0);

    // ── In the meeting: a decision, an action linked to the item, « pas de suite » on the other.
    const forges = await db.prisma.agendaItem.findFirstOrThrow({ where: { company: { name: 'Forges de Vierzon' } } });
    const porcelaines = await db.prisma.agendaItem.findFirstOrThrow({
      where: { company: { name: 'Porcelaines de Foëcy' } },
    });
    await expect
      .poll(async () => (await db.prisma.agendaItem.findUniqueOrThrow({ where: { id: forges.id } })).messageTs)
      .toBeTruthy();
    const posted = await db.prisma.agendaItem.findUniqueOrThrow({ where: { id: forges.id } });
    const click = (user: typeof coord, actionId: string, value: string) =>
      clickButton(t, user, { action_id: actionId, block_id: 'agenda_item_buttons', value });

    t.fake.reset();
    await click(member, COMMITTEE_BUTTONS.itemDecision, forges.id);
    const decisionModal = (await t.fake.waitFor('views.open')).args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: never[];
    };
    const empty = (
      await t.slack.interaction(submitModal(member, decisionModal, { [DECISION_BLOCKS.decision]: ' ' }))
    ).json();
    expect(empty.errors[DECISION_BLOCKS.decision]).toMatch(/obligatoire/);
    expect(
      (
        await t.slack.interaction(
          submitModal(member, decisionModal, { [DECISION_BLOCKS.decision]: 'Former des soudeurs avec l’OPCO.' }),
        )
      ).json().response_action,
    ).toBe('update');
    const decided = await t.fake.waitFor('chat.update', (a) => a.ts === posted.messageTs);
    expect(JSON.stringify(decided.args.blocks)).toContain('Former des soudeurs');

    t.fake.reset();
    await click(member, COMMITTEE_BUTTONS.itemAction, forges.id);
    const actionModal = (await t.fake.waitFor('views.open')).args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: never[];
    };
    expect(JSON.parse(actionModal.private_metadata)).toMatchObject({ agendaItemId: forges.id });
    const cci = await db.prisma.structure.findFirstOrThrow();
    const due = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await t.slack.interaction(
      submitModal(member, actionModal, {
        [AB.title]: 'POE soudeurs',
        [AB.target]: 'salaries',
        [AB.ownerStructureId]: cci.id,
        [AB.dueDate]: due,
      }),
    );
    expect(await db.prisma.action.findFirstOrThrow({ where: { agendaItemId: forges.id } })).toMatchObject({
      origin: 'comite',
      committeeId: committee.id,
    });
    const listed = await t.fake.waitFor('chat.update', (a) => a.ts === posted.messageTs);
    expect(JSON.stringify(listed.args.blocks)).toContain('POE soudeurs');

    // The action has its own message in the channel; its owner's structure moves it: updated in place.
    const action = await db.prisma.action.findFirstOrThrow({ where: { agendaItemId: forges.id } });
    await expect
      .poll(async () => (await db.prisma.action.findUniqueOrThrow({ where: { id: action.id } })).messageTs)
      .toBeTruthy();
    const actionTs = (await db.prisma.action.findUniqueOrThrow({ where: { id: action.id } })).messageTs;
    t.fake.reset();
    await click(member, ACTION_BUTTONS.start, action.id);
    const moved = await t.fake.waitFor('chat.update', (a) => a.ts === actionTs);
    expect(JSON.stringify(moved.args.blocks)).toContain('En cours');

    t.fake.reset();
    await click(member, COMMITTEE_BUTTONS.itemNoFollowUp, porcelaines.id);
    await expect
      .poll(async () => (await db.prisma.agendaItem.findUniqueOrThrow({ where: { id: porcelaines.id } })).noFollowUp)
      .toBe(true);

    // Someone outside the committee records nothing.
    const button = { action_id: COMMITTEE_BUTTONS.itemNoFollowUp, block_id: 'b', value: forges.id };
    await clickButton(t, capteur, button, 'outsider');
    expect((await t.fake.waitForResponse((_b, path) => path.endsWith('/outsider'))).body.text).toBe(
      REFUSALS.followCommittees,
    );
    expect((await db.prisma.agendaItem.findUniqueOrThrow({ where: { id: forges.id } })).noFollowUp).toBe(false);

    // ── Closed by the coordination: the summary in the channel, the decisions to the capteur.
    await t.fake.waitFor('chat.update', (a) => a.ts !== undefined);
    t.fake.reset();
    await clickButton(t, coord, { action_id: COMMITTEE_BUTTONS.close, block_id: 'b', value: committee.id }, 'close');
    expect(String((await t.fake.waitForResponse((_b, path) => path.endsWith('/close'))).body.text)).toMatch(
      /Comité clôturé/,
    );
    const summary = await t.fake.waitFor('chat.postMessage', (a) => a.channel === CHANNEL);
    const summaryText = JSON.stringify(summary.args.blocks);
    expect(summaryText).toContain('Former des soudeurs');
    expect(summaryText).toContain('POE soudeurs');
    expect(summaryText).toContain('Pas de suite.');
    expect(await db.prisma.committee.findUniqueOrThrow({ where: { id: committee.id } })).toMatchObject({
      status: 'closed',
    });
    // One message per company decided upon, to the capteur who brought it, with the text to send.
    await expect
      .poll(() => t.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === capteur.id).length)
      .toBe(2);
    const toSend = t.fake
      .succeeded('chat.postMessage')
      .find((c) => c.args.channel === capteur.id && JSON.stringify(c.args.blocks).includes('Forges de Vierzon'))!;
    expect(JSON.stringify(toSend.args.blocks)).toContain('Former des soudeurs');
    // Buttons gone from the agenda items.
    await expect
      .poll(() => t.fake.succeeded('chat.update').filter((c) => c.args.ts === posted.messageTs).length)
      .toBeGreaterThan(0);
    const lastItem = t.fake
      .succeeded('chat.update')
      .filter((c) => c.args.ts === posted.messageTs)
      .at(-1)!;
    expect(JSON.stringify(lastItem.args.blocks)).not.toContain(COMMITTEE_BUTTONS.itemDecision);

    // The capteur records that the company was informed, by phone.
    t.fake.reset();
    await clickButton(t, capteur, {
      action_id: COMMITTEE_BUTTONS.informed,
      block_id: 'inform_buttons',
      value: forges.id,
    });
    const informed = (await t.fake.waitFor('views.open')).args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: never[];
    };
    const future = (
      await t.slack.interaction(
        submitModal(capteur, informed, { [INFORMED_BLOCKS.how]: 'telephone', [INFORMED_BLOCKS.on]: '2999-01-01' }),
      )
    ).json();
    expect(future.errors[INFORMED_BLOCKS.on]).toMatch(/futur/);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (
        await t.slack.interaction(
          submitModal(capteur, informed, { [INFORMED_BLOCKS.how]: 'telephone', [INFORMED_BLOCKS.on]: today }),
        )
      ).json().response_action,
    ).toBe('update');
    expect(await db.prisma.agendaItem.findUniqueOrThrow({ where: { id: forges.id } })).toMatchObject({
      informedHow: 'telephone',
      informedAt: new Date(`${today}T00:00:00Z`),
    });

    // The company card now carries the committee's decision.
    await t.slack.command('/entreprise', 'Forges', member, { extra: { response_url: t.fake.responseUrl('card') } });
    const card = await t.fake.waitForResponse((_b, path) => path.endsWith('/card'));
    expect(JSON.stringify(card.body)).toContain('Décisions du comité technique');
    expect(JSON.stringify(card.body)).toContain('Former des soudeurs');
  });

  it('records no decision, « pas de suite » or action on a session whose agenda is not published or that is closed, nor an action on another company than its item’s', async () => {
    type Modal = { callback_id: string; private_metadata: string; blocks: never[] };
    const tanneries = await makeCompany(db.prisma, { name: 'Tanneries de Mehun', commune: 'Mehun-sur-Yèvre' });
    const verrerie = await makeCompany(db.prisma, { name: 'Verrerie de Saint-Amand', commune: 'Saint-Amand-Montrond' });
    const session = (days: number, status: 'planned' | 'agenda_published' | 'closed') =>
      db.prisma.committee.create({
        data: {
          scheduledAt: new Date(Date.now() + days * 86_400_000),
          channelId: CHANNEL,
          status,
          ...(status === 'closed' ? { closedAt: new Date() } : {}),
          items: { create: { companyId: tanneries.id, rank: 1 } },
        },
        include: { items: true },
      });
    const planned = (await session(25, 'planned')).items[0]!;
    const closed = (await session(-25, 'closed')).items[0]!;
    const open = (await session(3, 'agenda_published')).items[0]!;
    const cci = await db.prisma.structure.findFirstOrThrow();
    const due = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const written = () =>
      Promise.all([
        db.prisma.agendaItem.findMany({
          where: { companyId: tanneries.id },
          orderBy: { id: 'asc' },
          select: { decision: true, noFollowUp: true },
        }),
        db.prisma.action.count(),
        db.prisma.outboxMessage.count(),
        db.prisma.auditEvent.count(),
      ]);
    const before = await written();

    let n = 0;
    const click = async (actionId: string, itemId: string) => {
      const name = `forged-${++n}`;
      t.fake.reset();
      await clickButton(t, member, { action_id: actionId, block_id: 'agenda_item_buttons', value: itemId }, name);
      return name;
    };
    const openModal = async (actionId: string, itemId: string) => {
      await click(actionId, itemId);
      return (await t.fake.waitFor('views.open')).args.view as Modal;
    };
    for (const [item, refusal] of [
      [planned, /pas encore publié/],
      [closed, /clôturé/],
    ] as const) {
      const decision = await t.slack.interaction(
        submitModal(member, await openModal(COMMITTEE_BUTTONS.itemDecision, item.id), {
          [DECISION_BLOCKS.decision]: 'Décision forcée',
        }),
      );
      expect(decision.json().response_action).toBe('update');
      expect(JSON.stringify(decision.json().view)).toMatch(refusal);

      const none = await click(COMMITTEE_BUTTONS.itemNoFollowUp, item.id);
      expect(String((await t.fake.waitForResponse((_b, path) => path.endsWith(`/${none}`))).body.text)).toMatch(
        refusal,
      );

      const action = await t.slack.interaction(
        submitModal(member, await openModal(COMMITTEE_BUTTONS.itemAction, item.id), {
          [AB.title]: 'Action forcée',
          [AB.target]: 'entreprise',
          [AB.ownerStructureId]: cci.id,
          [AB.dueDate]: due,
        }),
      );
      expect(JSON.stringify(action.json().view)).toMatch(refusal);
    }
    expect(await written()).toEqual(before);

    // In a published session, an action whose form was made to name another company than its item's.
    const actionModal = await openModal(COMMITTEE_BUTTONS.itemAction, open.id);
    const answers = {
      [AB.title]: 'Diagnostic export',
      [AB.target]: 'entreprise',
      [AB.ownerStructureId]: cci.id,
      [AB.dueDate]: due,
    };
    const forged = {
      ...actionModal,
      private_metadata: JSON.stringify({ ...JSON.parse(actionModal.private_metadata), companyId: verrerie.id }),
    };
    const refused = (await t.slack.interaction(submitModal(member, forged, answers))).json();
    expect(refused.response_action).toBe('update');
    expect(JSON.stringify(refused.view)).toMatch(/ne correspond pas/);
    expect(await written()).toEqual(before);
    // The same form as the app made it is saved, on the item's company and session.
    expect((await t.slack.interaction(submitModal(member, actionModal, answers))).json().response_action).toBe(
      'update',
    );
    expect(await db.prisma.action.findFirstOrThrow({ where: { agendaItemId: open.id } })).toMatchObject({
      companyId: tanneries.id,
      committeeId: open.committeeId,
      origin: 'comite',
    });
    await expect.poll(() => db.prisma.outboxMessage.count({ where: { status: 'pending' } })).toBe(0);
  });
});
