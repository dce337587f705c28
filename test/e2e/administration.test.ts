import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../src/generated/prisma/enums.js';
import { bootstrapAdmins, findActor } from '../../src/services/members.js';
import { ACTIONS, MEMBER_BLOCKS as M, STRUCTURE_BLOCKS as S, VIEWS } from '../../src/slack/ids.js';
import { ERRORS, HELP, REFUSALS } from '../../src/texts/fr.js';
import { blockActions, type SlackUser } from '../../src/simulator/slack-requests.js';
import { clickButton, withTestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeMember, makeStructure } from '../support/factories.js';
import { submitModal } from '../support/forms.js';
import { resetTables } from '../support/reset.js';

const admin = { id: 'UADMIN', name: 'alice.admin' };
const capteur = { id: 'UCAPTEUR1', name: 'claire.martin' };
const stranger = { id: 'USTRANGER', name: 'inconnu' };

const { t, db, structures } = withTestApp({
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: admin, roles: ['admin'] },
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
  ],
});
const cciId = () => structures['CCI du Cher']!.id;

// ───────────────────────────── Helpers ─────────────────────────────

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: { action_id: string; value?: string };
  elements?: { action_id?: string; value?: string; text?: { text: string } }[];
  element?: {
    type: string;
    action_id: string;
    initial_value?: string;
    initial_user?: string;
    initial_option?: { value: string };
    initial_options?: { value: string }[];
    options?: { value: string; text: unknown }[];
  };
};
type Modal = { callback_id: string; private_metadata?: string; title: { text: string }; blocks: Block[] };
type Answers = Record<string, string | string[] | null>;

let responseSeq = 0;

/** Sends /plateforme and returns the body the app posted to the command's response_url. */
async function plateforme(
  text: string,
  user: SlackUser = admin,
): Promise<{ text?: string; response_type?: string; blocks?: Block[] }> {
  const id = `plateforme-${++responseSeq}`;
  const res = await t.slack.command('/plateforme', text, user, { extra: { response_url: t.fake.responseUrl(id) } });
  expect(res.status).toBe(200);
  return (await t.fake.waitForResponse((_body, path) => path.endsWith(`/${id}`))).body;
}

/** Runs `action` and returns the view of the views.open call it caused. */
async function modalOpenedBy(action: () => Promise<unknown>): Promise<Modal> {
  const before = t.fake.callsTo('views.open').length;
  await action();
  await expect.poll(() => t.fake.callsTo('views.open').length).toBeGreaterThan(before);
  return t.fake.callsTo('views.open')[before]!.args.view as Modal;
}

/** Sends /plateforme with a verb that opens a form, and returns the form. */
async function openForm(verb: 'structure' | 'membre', user: SlackUser = admin): Promise<Modal> {
  return modalOpenedBy(() =>
    t.slack.command('/plateforme', verb, user, {
      extra: { response_url: t.fake.responseUrl(`open-${++responseSeq}`) },
    }),
  );
}

/** Submits a form the app opened and returns the ack body. */
async function submit(view: Modal, answers: Answers, user: SlackUser = admin) {
  const res = await t.slack.interaction(submitModal(user, view, answers));
  expect(res.status).toBe(200);
  return res.json() as { response_action: string; errors?: Record<string, string>; view?: Modal };
}

/** Clicks a button in a message (or, without response_url, in a view). */
function click(user: SlackUser, action_id: string, value?: string) {
  const button = { action_id, block_id: 'administration_actions', ...(value !== undefined ? { value } : {}) };
  return clickButton(t, user, button, `click-${++responseSeq}`);
}

const block = (view: Modal, blockId: string) => view.blocks.find((b) => b.block_id === blockId);
const structureAnswers = (name: string, kind = 'mission_locale', active = true): Answers => ({
  [S.name]: name,
  [S.kind]: kind,
  [S.active]: active ? ['active'] : [],
});
const memberAnswers = (user: string | null, structure: string, roles: Role[], active = true): Answers => ({
  [M.user]: user,
  [M.structure]: structure,
  [M.roles]: roles,
  [M.active]: active ? ['active'] : [],
});

async function rolesOf(slackUserId: string): Promise<string[]> {
  const rows = await db.prisma.memberRole.findMany({ where: { member: { slackUserId } }, select: { role: true } });
  return rows.map((r) => r.role).sort();
}

/** What a refused request must leave untouched. */
async function snapshot() {
  return {
    structures: await db.prisma.structure.findMany({ orderBy: { id: 'asc' } }),
    members: await db.prisma.member.findMany({ orderBy: { id: 'asc' } }),
    roles: await db.prisma.memberRole.findMany({ orderBy: [{ memberId: 'asc' }, { role: 'asc' }] }),
    audit: await db.prisma.auditEvent.count(),
  };
}

// ───────────────────────────── Tests ─────────────────────────────

describe('/plateforme for an administrator', () => {
  it('lists the structures and members, with buttons to change them', async () => {
    const body = await plateforme('');
    expect(body.response_type).toBe('ephemeral');
    const blocks = body.blocks ?? [];
    const text = JSON.stringify(blocks);
    expect(text).toContain('Administration de la plateforme');
    expect(text).toContain('CCI du Cher');
    expect(text).toContain(`<@${admin.id}>`);
    expect(text).toContain(`<@${capteur.id}>`);
    expect(text).toMatch(/<@UCAPTEUR1> — Capteur — CCI du Cher/);

    // « Modifier » next to each structure, carrying its id.
    const cciRow = blocks.find((b) => b.type === 'section' && b.text?.text.includes('CCI du Cher'));
    expect(cciRow?.accessory).toMatchObject({ action_id: ACTIONS.openStructureForm, value: cciId() });
    // « Nouvelle structure » (no value) and « Inscrire ou modifier un membre ».
    const buttons = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
    expect(buttons.map((b) => [b.action_id, b.value])).toEqual([
      [ACTIONS.openStructureForm, undefined],
      [ACTIONS.openMemberForm, undefined],
    ]);
  });

  it('shows the help for « /plateforme aide »', async () => {
    const body = await plateforme('aide');
    expect(body.text).toBe(HELP.plateforme);
  });
});

describe('structures', () => {
  it('creates a structure from /plateforme structure, with an audit event', async () => {
    const modal = await openForm('structure');
    expect(modal.callback_id).toBe(VIEWS.structureForm);
    expect(modal.title.text).toBe('Nouvelle structure');

    const ack = await submit(modal, structureAnswers('Mission locale de Bourges'));
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('Mission locale de Bourges');

    const created = await db.prisma.structure.findUnique({ where: { name: 'Mission locale de Bourges' } });
    expect(created).toMatchObject({ kind: 'mission_locale', active: true });
    const events = await db.prisma.auditEvent.findMany({ where: { entity: 'Structure', entityId: created!.id } });
    expect(events).toMatchObject([{ action: 'structure.create', actorSlackId: admin.id }]);
  });

  it('refuses a second structure with the same name, whatever its case and spacing, and creates nothing', async () => {
    const before = await snapshot();
    const modal = await openForm('structure');
    const ack = await submit(modal, structureAnswers('  cci  DU cher ', 'cma'));
    expect(ack.response_action).toBe('errors');
    expect(ack.errors).toEqual({ [S.name]: ERRORS.structure_name_taken });
    expect(await snapshot()).toEqual(before);
  });

  it('does not take a name with « _ » or « % » for a duplicate of another one', async () => {
    await makeStructure(db.prisma, 'Cap Emploi 18', 'autre');
    const modal = await openForm('structure');
    const ack = await submit(modal, structureAnswers('Cap_Emploi_18', 'autre'));
    expect(ack.response_action).toBe('update');
    const other = await openForm('structure');
    expect((await submit(other, structureAnswers('Cap%', 'autre'))).response_action).toBe('update');
    expect(await db.prisma.structure.count({ where: { name: { in: ['Cap_Emploi_18', 'Cap%'] } } })).toBe(2);
  });

  it('answers a French error next to an empty name or a missing type', async () => {
    const before = await snapshot();
    const modal = await openForm('structure');
    expect((await submit(modal, structureAnswers('   '))).errors).toEqual({ [S.name]: ERRORS.required });
    expect((await submit(modal, { [S.name]: 'OPCO 2i', [S.kind]: null })).errors).toEqual({
      [S.kind]: ERRORS.invalid_choice,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('creates one structure when the same submission arrives twice at once', async () => {
    const modal = await openForm('structure');
    const submission = submitModal(admin, modal, structureAnswers('OPCO EP Centre-Val de Loire', 'opco'));
    const responses = await Promise.all([t.slack.interaction(submission), t.slack.interaction(submission)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    // One of them saved it, the other one was told the name is taken: no crash, no second record.
    expect(responses.map((r) => r.json().response_action).sort()).toEqual(['errors', 'update']);
    const saved = await db.prisma.structure.findMany({
      where: { name: { equals: 'opco ep centre-val de loire', mode: 'insensitive' } },
    });
    expect(saved).toHaveLength(1);
    expect(await db.prisma.auditEvent.count({ where: { entityId: saved[0]!.id } })).toBe(1);
  });

  it('never keeps two structures named alike when two admins create them at once', async () => {
    const [first, second] = [await openForm('structure'), await openForm('structure')];
    await Promise.all([
      t.slack.interaction(
        submitModal(admin, first, structureAnswers('Agence Cher Développement', 'agence_developpement')),
      ),
      t.slack.interaction(
        submitModal(admin, second, structureAnswers('AGENCE CHER DÉVELOPPEMENT', 'agence_developpement')),
      ),
    ]);
    const saved = await db.prisma.structure.findMany({
      where: { name: { equals: 'agence cher développement', mode: 'insensitive' } },
    });
    expect(saved).toHaveLength(1);
  });

  it('« Modifier » opens the form pre-filled, and submitting it renames the structure', async () => {
    const structure = await makeStructure(db.prisma, 'CMA du Cher', 'cma');
    const modal = await modalOpenedBy(() => click(admin, ACTIONS.openStructureForm, structure.id));
    expect(modal.callback_id).toBe(VIEWS.structureForm);
    expect(modal.title.text).toBe('Modifier la structure');
    expect(block(modal, S.name)?.element?.initial_value).toBe('CMA du Cher');
    expect(block(modal, S.kind)?.element?.initial_option?.value).toBe('cma');
    expect(block(modal, S.active)?.element?.initial_options?.map((o) => o.value)).toEqual(['active']);
    expect(JSON.parse(modal.private_metadata!)).toEqual({ id: structure.id });

    const count = await db.prisma.structure.count();
    const ack = await submit(modal, structureAnswers('CMA Centre-Val de Loire – Cher', 'cma'));
    expect(ack.response_action).toBe('update');
    expect(await db.prisma.structure.findUnique({ where: { id: structure.id } })).toMatchObject({
      name: 'CMA Centre-Val de Loire – Cher',
      kind: 'cma',
    });
    expect(await db.prisma.structure.count()).toBe(count);
    expect(
      await db.prisma.auditEvent.findFirst({ where: { entityId: structure.id }, select: { action: true } }),
    ).toEqual({ action: 'structure.update' });
  });

  it('lets a structure keep its own name with another case, but not take another structure’s', async () => {
    const structure = await makeStructure(db.prisma, 'Collectivité de Vierzon', 'collectivite');
    const modal = await modalOpenedBy(() => click(admin, ACTIONS.openStructureForm, structure.id));
    expect((await submit(modal, structureAnswers('COLLECTIVITÉ DE VIERZON', 'collectivite'))).response_action).toBe(
      'update',
    );
    const taken = await submit(modal, structureAnswers('CCI du Cher', 'collectivite'));
    expect(taken.errors).toEqual({ [S.name]: ERRORS.structure_name_taken });
    expect((await db.prisma.structure.findUnique({ where: { id: structure.id } }))?.name).toBe(
      'COLLECTIVITÉ DE VIERZON',
    );
  });
});

describe('members', () => {
  it('opens the member form with a Slack user picker and the active structures', async () => {
    const modal = await openForm('membre');
    expect(modal.callback_id).toBe(VIEWS.memberForm);
    expect(block(modal, M.user)?.element?.type).toBe('users_select');
    expect(block(modal, M.structure)?.element?.options?.map((o) => o.value)).toContain(cciId());
  });

  it('registers a member with a structure and roles, then replaces the roles on edit', async () => {
    const modal = await openForm('membre');
    const ack = await submit(modal, memberAnswers('UNEW1', cciId(), ['capteur', 'comite']));
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('<@UNEW1>');
    expect(await db.prisma.member.findUnique({ where: { slackUserId: 'UNEW1' } })).toMatchObject({
      structureId: cciId(),
      active: true,
    });
    expect(await rolesOf('UNEW1')).toEqual(['capteur', 'comite']);

    const edit = await openForm('membre');
    expect((await submit(edit, memberAnswers('UNEW1', 'none', ['coordinateur']))).response_action).toBe('update');
    expect(await db.prisma.member.count({ where: { slackUserId: 'UNEW1' } })).toBe(1);
    expect(await db.prisma.member.findUnique({ where: { slackUserId: 'UNEW1' } })).toMatchObject({ structureId: null });
    expect(await rolesOf('UNEW1')).toEqual(['coordinateur']);

    const member = await db.prisma.member.findUnique({ where: { slackUserId: 'UNEW1' } });
    const events = await db.prisma.auditEvent.findMany({
      where: { entity: 'Member', entityId: member!.id },
      orderBy: { at: 'asc' },
    });
    expect(events.map((e) => [e.action, e.actorSlackId])).toEqual([
      ['member.save', admin.id],
      ['member.save', admin.id],
    ]);
  });

  it('applies a role change at once: a member just made capteur can file a visit right away', async () => {
    const user = { id: 'UPROMO1', name: 'promue' };
    await makeMember(db.prisma, user.id, ['comite'], cciId());
    await t.slack.command('/visite', '', user, { extra: { response_url: t.fake.responseUrl('promo-before') } });
    const before = await t.fake.waitForResponse((_b, path) => path.endsWith('/promo-before'));
    expect(String(before.body.text)).toMatch(/Seuls les capteurs/);

    await submit(await openForm('membre'), memberAnswers(user.id, cciId(), ['comite', 'capteur']));
    t.fake.reset();
    await t.slack.command('/visite', '', user, { extra: { response_url: t.fake.responseUrl('promo-after') } });
    expect((await t.fake.waitFor('views.open')).args.view).toMatchObject({ callback_id: VIEWS.visitReport });
  });

  it('refuses a capteur without a structure, next to the structure', async () => {
    const before = await snapshot();
    const modal = await openForm('membre');
    const ack = await submit(modal, memberAnswers('UNEW2', 'none', ['capteur']));
    expect(ack).toEqual({ response_action: 'errors', errors: { [M.structure]: ERRORS.capteur_without_structure } });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a member without any role, or without a person', async () => {
    const before = await snapshot();
    const modal = await openForm('membre');
    expect((await submit(modal, memberAnswers('UNEW3', cciId(), []))).errors).toEqual({
      [M.roles]: ERRORS.roles_missing,
    });
    expect((await submit(modal, memberAnswers(null, cciId(), ['comite']))).errors).toEqual({
      [M.user]: ERRORS.required,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to remove the admin role from, or deactivate, the last active administrator', async () => {
    const before = await snapshot();
    const modal = await openForm('membre');
    const demoted = await submit(modal, memberAnswers(admin.id, 'none', ['coordinateur']));
    expect(demoted).toEqual({
      response_action: 'errors',
      errors: { [M.roles]: 'Il doit rester au moins un administrateur actif.' },
    });
    const deactivated = await submit(modal, memberAnswers(admin.id, 'none', ['admin'], false));
    expect(deactivated.errors).toEqual({ [M.roles]: ERRORS.last_admin });
    expect(await snapshot()).toEqual(before);
    expect(await rolesOf(admin.id)).toEqual(['admin']);
  });

  it('keeps one administrator when two administrators demote each other at once', async () => {
    await makeMember(db.prisma, 'UADMIN2', ['admin']);
    try {
      const [byFirst, bySecond] = [await openForm('membre'), await openForm('membre', { id: 'UADMIN2' })];
      await Promise.all([
        t.slack.interaction(submitModal(admin, byFirst, memberAnswers('UADMIN2', 'none', ['pilotage']))),
        t.slack.interaction(submitModal({ id: 'UADMIN2' }, bySecond, memberAnswers(admin.id, 'none', ['pilotage']))),
      ]);
      expect(await db.prisma.member.count({ where: { active: true, roles: { some: { role: 'admin' } } } })).toBe(1);
    } finally {
      // Leave the main admin as the only admin for the other tests.
      const main = await db.prisma.member.findUniqueOrThrow({ where: { slackUserId: admin.id } });
      await db.prisma.memberRole.deleteMany({ where: { memberId: main.id } });
      await db.prisma.memberRole.create({ data: { memberId: main.id, role: 'admin' } });
      await db.prisma.member.delete({ where: { slackUserId: 'UADMIN2' } });
    }
  });

  it('registers a new member once when the same submission arrives twice at once', async () => {
    const modal = await openForm('membre');
    const submission = submitModal(admin, modal, memberAnswers('UNEW4', cciId(), ['capteur']));
    const responses = await Promise.all([t.slack.interaction(submission), t.slack.interaction(submission)]);
    expect(responses.map((r) => [r.status, r.json().response_action])).toEqual([
      [200, 'update'],
      [200, 'update'],
    ]);
    expect(await db.prisma.member.count({ where: { slackUserId: 'UNEW4' } })).toBe(1);
    expect(await rolesOf('UNEW4')).toEqual(['capteur']);
  });

  it('refills the form with the current roles when an already registered person is picked', async () => {
    await makeMember(db.prisma, 'UPICKED', ['capteur', 'france_travail'], cciId());
    const res = await t.slack.interaction(
      blockActions({
        user: admin,
        actions: [{ action_id: M.user, block_id: M.user, selected_user: 'UPICKED' }],
        view: { id: 'VMEMBER1', hash: '1712345678.abcd', callback_id: VIEWS.memberForm },
      }),
    );
    expect(res.status).toBe(200);
    const update = await t.fake.waitFor('views.update');
    expect(update.args).toMatchObject({ view_id: 'VMEMBER1', hash: '1712345678.abcd' });
    const view = update.args.view as Modal;
    expect(view.callback_id).toBe(VIEWS.memberForm);
    expect(block(view, M.user)?.element?.initial_user).toBe('UPICKED');
    expect(block(view, M.structure)?.element?.initial_option?.value).toBe(cciId());
    expect(
      block(view, M.roles)
        ?.element?.initial_options?.map((o) => o.value)
        .sort(),
    ).toEqual(['capteur', 'france_travail']);
  });
});

describe('least privilege', () => {
  it('gives a capteur the help and a French refusal for /plateforme structure, and opens no form', async () => {
    for (const verb of ['structure', 'membre']) {
      const body = await plateforme(verb, capteur);
      expect(body.text).toContain(REFUSALS.administer);
      expect(body.text).toContain(HELP.plateforme);
    }
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('gives a capteur the help, without refusal or administration, for /plateforme', async () => {
    const body = await plateforme('', capteur);
    expect(body.text).toBe(HELP.plateforme);
    expect(JSON.stringify(body)).not.toContain('CCI du Cher');
  });

  it('refuses a member or structure form submitted by a non-admin, and writes nothing', async () => {
    const memberForm = await openForm('membre');
    const structureForm = await openForm('structure');
    const before = await snapshot();
    for (const user of [capteur, stranger]) {
      const ack = await submit(memberForm, memberAnswers(user.id, cciId(), ['admin', 'capteur']), user);
      expect(ack.response_action).toBe('update');
      expect(JSON.stringify(ack.view)).toContain(user === capteur ? REFUSALS.administer : REFUSALS.unknownMember);
      const structure = await submit(structureForm, structureAnswers('Structure pirate'), user);
      expect(structure.response_action).toBe('update');
      expect(JSON.stringify(structure.view)).toContain('Accès refusé');
    }
    expect(await snapshot()).toEqual(before);
    expect(await rolesOf(capteur.id)).toEqual(['capteur']);
  });

  it('answers a non-admin clicking « Nouvelle structure » or « Modifier » with a refusal modal', async () => {
    for (const value of [undefined, cciId()]) {
      const modal = await modalOpenedBy(() => click(capteur, ACTIONS.openStructureForm, value));
      expect(modal.title.text).toBe('Accès refusé');
      expect(JSON.stringify(modal.blocks)).toContain(REFUSALS.administer);
    }
    const memberModal = await modalOpenedBy(() => click(capteur, ACTIONS.openMemberForm));
    expect(memberModal.title.text).toBe('Accès refusé');
  });

  it('does not refill the member form for a non-admin picking a person', async () => {
    const res = await t.slack.interaction(
      blockActions({
        user: capteur,
        actions: [{ action_id: M.user, block_id: M.user, selected_user: admin.id }],
        view: { id: 'VMEMBER2', hash: 'h2', callback_id: VIEWS.memberForm },
      }),
    );
    expect(res.status).toBe(200);
    // The HTTP answer comes with the ack: give the listener time to finish, then check it stayed silent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.fake.callsTo('views.update')).toHaveLength(0);
  });

  it('tells an unknown Slack user they are not registered yet', async () => {
    const body = await plateforme('', stranger);
    expect(body.text).toMatch(/pas encore inscrit/);
    expect(body.text).toContain(REFUSALS.unknownMember);
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });
});

describe('bootstrapping the first administrators', () => {
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase();
  });
  afterAll(async () => {
    await fresh?.close();
  });
  // Each test bootstraps an empty database: the first counts every member and audit event there is.
  beforeEach(async () => {
    await resetTables(fresh.prisma);
  });

  it('makes a configured user an active admin, once however many times it runs', async () => {
    await bootstrapAdmins(fresh.prisma, ['UADMIN1']);
    await bootstrapAdmins(fresh.prisma, ['UADMIN1']);
    const actor = await findActor(fresh.prisma, 'UADMIN1');
    expect(actor && [...actor.roles]).toEqual(['admin']);
    expect(await fresh.prisma.member.count()).toBe(1);
    expect(await fresh.prisma.memberRole.count({ where: { role: 'admin' } })).toBe(1);
    expect(
      await fresh.prisma.auditEvent.findMany({ select: { action: true, entity: true, actorSlackId: true } }),
    ).toEqual([{ action: 'member.bootstrap_admin', entity: 'Member', actorSlackId: null }]);
  });

  it('survives several instances starting at once', async () => {
    await Promise.all([
      bootstrapAdmins(fresh.prisma, ['UADMIN2']),
      bootstrapAdmins(fresh.prisma, ['UADMIN2']),
      bootstrapAdmins(fresh.prisma, ['UADMIN2']),
    ]);
    const members = await fresh.prisma.member.findMany({ where: { slackUserId: 'UADMIN2' }, include: { roles: true } });
    expect(members.map((m) => m.roles.map((r) => r.role))).toEqual([['admin']]);
    expect(
      await fresh.prisma.auditEvent.count({ where: { action: 'member.bootstrap_admin', entityId: members[0]!.id } }),
    ).toBe(1);
  });

  it('reactivates a deactivated member and adds the admin role to their roles', async () => {
    const structure = await makeStructure(fresh.prisma, 'CCI du Loiret', 'cci');
    await fresh.prisma.member.create({
      data: {
        slackUserId: 'UFORMER',
        structureId: structure.id,
        active: false,
        roles: { create: [{ role: 'capteur' }] },
      },
    });
    await bootstrapAdmins(fresh.prisma, ['UFORMER']);
    const actor = await findActor(fresh.prisma, 'UFORMER');
    expect(actor && [...actor.roles].sort()).toEqual(['admin', 'capteur']);
  });
});
