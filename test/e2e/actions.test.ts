import { beforeEach, describe, expect, it } from 'vitest';
import { ACTION_BLOCKS as B, ACTION_BUTTONS, ACTION_CHANGE_BLOCKS as C, VIEWS } from '../../src/slack/ids.js';
import { REFUSALS } from '../../src/texts/fr.js';
import { localDate } from '../../src/time.js';
import type { RecordedCall } from '../../src/simulator/fake-slack.js';
import type { SlackUser } from '../../src/simulator/slack-requests.js';
import { clickButton, withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { submitModal } from '../support/forms.js';
import { resetTables } from '../support/reset.js';

/** An action from a company card to its completion, tracked by its message in the committee channel. */
const member = { id: 'UE2ECCI', name: 'julien' };
const owner = { id: 'UE2EOWNER', name: 'sophie' };
const other = { id: 'UE2ECMA', name: 'marc' };
const capteur = { id: 'UE2ECAPT', name: 'claire' };
const COMMITTEE = 'CCOMITE01';

const { t, db, structures } = withTestApp({
  config: { COMMITTEE_CHANNEL_ID: COMMITTEE },
  structures: { 'CCI du Cher': 'cci', 'CMA du Cher': 'cma' },
  members: [
    { user: member, roles: ['comite'], structure: 'CCI du Cher' },
    { user: owner, roles: ['comite'], structure: 'CCI du Cher' },
    { user: other, roles: ['comite'], structure: 'CMA du Cher' },
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
  ],
});

// Each test starts from the members and structures alone, and the company of the card: the first
// counts the actions from zero, the others must not see the actions an earlier test made.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  await makeCompany(db.prisma, { name: 'Forges de Vierzon', siret: SIRETS.mecanique });
});

type Modal = { callback_id: string; private_metadata: string; blocks: never[] };
let seq = 0;
async function click(user: SlackUser, actionId: string, value: string) {
  const name = `a-${++seq}`;
  await clickButton(t, user, { action_id: actionId, block_id: 'b', value }, name);
  return t.fake.responseUrl(name);
}
const buttons = (call: RecordedCall) =>
  ((call.args.blocks as { type: string; elements?: { action_id: string }[] }[]) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements!.map((e) => e.action_id));
const text = (call: RecordedCall) => JSON.stringify(call.args.blocks);

describe('an action, from the company card to its completion', () => {
  it('is created from the card, posted to the committee channel, and updated in place as it moves', async () => {
    // The card offers « Créer une action » to a committee member.
    await t.slack.command('/entreprise', SIRETS.mecanique, member, {
      extra: { response_url: t.fake.responseUrl('card') },
    });
    const card = await t.fake.waitForResponse((_b, path) => path.endsWith('/card'));
    const create = (card.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === ACTION_BUTTONS.create)!;
    expect(create).toBeDefined();

    await click(member, ACTION_BUTTONS.create, create.value);
    const modal = (await t.fake.waitFor('views.open')).args.view as Modal;
    expect(modal.callback_id).toBe(VIEWS.actionCreate);

    // Bad input: French errors on the fields, nothing saved.
    const bad = (
      await t.slack.interaction(
        submitModal(member, modal, {
          [B.title]: ' ',
          [B.target]: 'salaries',
          [B.ownerStructureId]: structures['CCI du Cher']!.id,
          [B.dueDate]: '2020-01-01',
        }),
      )
    ).json();
    expect(bad.response_action).toBe('errors');
    expect(bad.errors[B.title]).toMatch(/obligatoire/);
    expect(bad.errors[B.dueDate]).toMatch(/échéance est passée/);
    expect(await db.prisma.action.count()).toBe(0);

    const due = localDate('Europe/Paris', new Date(Date.now() + 30 * 86_400_000));
    const answers = {
      [B.title]: 'Monter une POE de soudeurs',
      [B.target]: 'salaries',
      [B.stake]: 'competences_formation',
      [B.ownerStructureId]: structures['CCI du Cher']!.id,
      [B.ownerMemberSlackId]: owner.id,
      [B.dueDate]: due,
    };
    const ok = (await t.slack.interaction(submitModal(member, modal, answers))).json();
    expect(ok.response_action).toBe('update');
    const action = await db.prisma.action.findFirstOrThrow();

    // Its message in the committee channel, and a word to its owner.
    const post = await t.fake.waitFor('chat.postMessage', (a) => a.channel === COMMITTEE);
    expect(text(post)).toContain('Monter une POE de soudeurs');
    expect(text(post)).toContain('Forges de Vierzon');
    expect(buttons(post)).toEqual([
      ACTION_BUTTONS.start,
      ACTION_BUTTONS.status,
      ACTION_BUTTONS.note,
      ACTION_BUTTONS.due,
    ]);
    await t.fake.waitFor('chat.postMessage', (a) => a.channel === owner.id);
    await expect
      .poll(async () => (await db.prisma.action.findUniqueOrThrow({ where: { id: action.id } })).messageTs)
      .toBeTruthy();
    const { channelId, messageTs } = await db.prisma.action.findUniqueOrThrow({ where: { id: action.id } });

    // Started by its owner: the same message now says « En cours ».
    t.fake.reset();
    await click(owner, ACTION_BUTTONS.start, action.id);
    const started = await t.fake.waitFor('chat.update', (a) => a.ts === messageTs && a.channel === channelId);
    expect(text(started)).toContain('En cours');
    expect(buttons(started)).toEqual([ACTION_BUTTONS.status, ACTION_BUTTONS.note, ACTION_BUTTONS.due]);

    // Someone from another structure cannot touch it.
    const refused = await click(other, ACTION_BUTTONS.status, action.id);
    expect(String((await t.fake.waitForResponse((_b, path) => refused.endsWith(path))).body.text)).toMatch(
      /suivie par une autre structure/,
    );

    // Done: the result is required, then the message shows it and no more buttons.
    t.fake.reset();
    await click(owner, ACTION_BUTTONS.status, action.id);
    const statusModal = (await t.fake.waitFor('views.open')).args.view as Modal;
    const missing = (await t.slack.interaction(submitModal(owner, statusModal, { [C.status]: 'realisee' }))).json();
    expect(missing.errors[C.note]).toMatch(/résultat/);
    const done = (
      await t.slack.interaction(
        submitModal(owner, statusModal, { [C.status]: 'realisee', [C.note]: 'Quatre soudeurs formés et embauchés.' }),
      )
    ).json();
    expect(done.response_action).toBe('update');
    const final = await t.fake.waitFor(
      'chat.update',
      (a) => a.ts === messageTs && text({ args: a } as RecordedCall).includes('Réalisée'),
    );
    expect(buttons(final)).toEqual([]);
    expect(text(final)).toContain('Quatre soudeurs formés et embauchés.');
    const history = await db.prisma.actionUpdate.findMany({ where: { actionId: action.id }, orderBy: { at: 'asc' } });
    expect(history.map((u) => u.kind)).toEqual(['creation', 'statut', 'statut']);
  });

  it('refuses a creation carrying the key of another member’s form, and still accepts its author’s replay', async () => {
    const company = await makeCompany(db.prisma, { name: 'Tuilerie du Sancerrois', commune: 'Sancerre' });
    const openCreate = async (user: SlackUser) => {
      t.fake.reset();
      await click(user, ACTION_BUTTONS.create, company.id);
      return (await t.fake.waitFor('views.open')).args.view as Modal;
    };
    const due = localDate('Europe/Paris', new Date(Date.now() + 30 * 86_400_000));
    const own = submitModal(member, await openCreate(member), {
      [B.title]: 'ACTION-CONFIDENTIELLE-5521',
      [B.target]: 'entreprise',
      [B.ownerStructureId]: structures['CCI du Cher']!.id,
      [B.dueDate]: due,
    });
    expect((await t.slack.interaction(own)).json().response_action).toBe('update');
    await expect.poll(() => db.prisma.outboxMessage.count({ where: { status: 'pending' } })).toBe(0);
    const count = () =>
      Promise.all([
        db.prisma.action.count(),
        db.prisma.actionUpdate.count(),
        db.prisma.outboxMessage.count(),
        db.prisma.auditEvent.count(),
      ]);
    const before = await count();

    // A member of another structure submits their own form carrying the first member's key.
    const theirs = await openCreate(other);
    const res = await t.slack.interaction(
      submitModal(
        other,
        { ...theirs, private_metadata: own.view.private_metadata },
        {
          [B.title]: 'Autre action',
          [B.target]: 'entreprise',
          [B.ownerStructureId]: structures['CCI du Cher']!.id,
          [B.dueDate]: due,
        },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.json().response_action).toBe('update');
    expect(JSON.stringify(res.json())).toMatch(/ouvert par une autre personne/);
    expect(JSON.stringify(res.json())).not.toContain('ACTION-CONFIDENTIELLE-5521');
    expect(await count()).toEqual(before);

    // The author's own replay is still answered as saved, once.
    const replay = (await t.slack.interaction(own, { retryNum: 1 })).json();
    expect(JSON.stringify(replay.view)).toMatch(/Action créée/);
    expect(await count()).toEqual(before);
  });

  it('lists a member’s open actions with /actions, and refuses members outside the committee', async () => {
    const action = await db.prisma.action.create({
      data: {
        submissionKey: 'listed',
        title: 'Diagnostic RH',
        target: 'entreprise',
        companyId: (await db.prisma.company.findFirstOrThrow()).id,
        ownerStructureId: structures['CCI du Cher']!.id,
        ownerMemberId: (await db.prisma.member.findUniqueOrThrow({ where: { slackUserId: owner.id } })).id,
        dueDate: new Date('2030-01-01'),
        origin: 'ad_hoc',
        createdById: (await db.prisma.member.findUniqueOrThrow({ where: { slackUserId: member.id } })).id,
      },
    });
    await t.slack.command('/actions', '', owner, { extra: { response_url: t.fake.responseUrl('mine') } });
    const mine = await t.fake.waitForResponse((_b, path) => path.endsWith('/mine'));
    expect(JSON.stringify(mine.body)).toContain('Diagnostic RH');
    expect(JSON.stringify(mine.body)).toContain(action.id);

    await t.slack.command('/actions', '', capteur, { extra: { response_url: t.fake.responseUrl('nope') } });
    expect((await t.fake.waitForResponse((_b, path) => path.endsWith('/nope'))).body.text).toBe(REFUSALS.manageActions);
  });
});
