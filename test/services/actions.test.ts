import { beforeAll, describe, expect, it } from 'vitest';
import { parseActionForm, parseDueForm, parseStatusForm } from '../../src/services/actions/action-form.js';
import {
  changeAction,
  createAction,
  listOpenActions,
  type ActionChange,
  type ActionSettings,
} from '../../src/services/actions/actions.js';
import { UserError, ValidationFailed } from '../../src/services/errors.js';
import type { Actor } from '../../src/services/permissions.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';

const TODAY = '2026-11-27';
const NOW = new Date('2026-11-27T09:00:00Z');
const settings: ActionSettings = { committeeChannelId: 'CCOMITE' };

const { db } = withTestDatabase();
let cciMember: Actor;
let cciOwner: Actor;
let cmaMember: Actor;
let coordinator: Actor;
let capteurOnly: Actor;
let cciId: string;
let companyId: string;
let seq = 0;

beforeAll(async () => {
  const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  const cma = await makeStructure(db.prisma, 'CMA du Cher', 'cma');
  cciId = cci.id;
  cciMember = await makeMember(db.prisma, 'UACTCCI1', ['comite'], cci.id);
  cciOwner = await makeMember(db.prisma, 'UACTCCI2', ['comite', 'capteur'], cci.id);
  cmaMember = await makeMember(db.prisma, 'UACTCMA1', ['comite'], cma.id);
  coordinator = await makeMember(db.prisma, 'UACTCOORD', ['coordinateur']);
  capteurOnly = await makeMember(db.prisma, 'UACTCAPT', ['capteur'], cci.id);
  companyId = (await makeCompany(db.prisma, { name: 'Forges de Vierzon' })).id;
});

function input(overrides: Record<string, string | undefined> = {}) {
  const parsed = parseActionForm(
    {
      submissionKey: `action-${++seq}`,
      companyId,
      title: 'Monter une POE de soudeurs',
      target: 'salaries',
      stake: 'competences_formation',
      ownerStructureId: cciId,
      ownerMemberSlackId: 'UACTCCI2',
      dueDate: '2027-01-15',
      ...overrides,
    },
    TODAY,
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.action;
}

/** `actor` creates an ad hoc action from `form`, now. */
const create = (actor: Actor, form: ReturnType<typeof input>) =>
  createAction(db.prisma, actor, form, { kind: 'ad_hoc' }, NOW, settings);
/** `actor` changes the action `actionId`, now. */
const change = (actor: Actor, actionId: string, what: ActionChange) =>
  changeAction(db.prisma, actor, actionId, what, NOW, settings);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error.code;
    if (error instanceof ValidationFailed) return error.errors.map((e) => `${e.field}=${e.code}`).join(',');
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('action forms', () => {
  it('put each error on its field, in French codes', () => {
    const parsed = parseActionForm({ submissionKey: 'k', companyId, title: ' ', dueDate: '2026-11-26' }, TODAY);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => `${e.field}=${e.code}`).sort()).toEqual([
      'dueDate=due_in_past',
      'ownerStructureId=required',
      'target=required',
      'title=required',
    ]);
  });

  it('require the result, the blocking reason or the abandon reason', () => {
    expect(parseStatusForm({ status: 'en_cours' })).toEqual({ ok: true, status: 'en_cours', note: undefined });
    for (const status of ['realisee', 'bloquee', 'abandonnee']) {
      const parsed = parseStatusForm({ status });
      expect(parsed.ok ? [] : parsed.errors.map((e) => `${e.field}=${e.code}`)).toEqual([
        `note=note_required_${status}`,
      ]);
    }
    expect(parseStatusForm({ status: 'terminee' }).ok).toBe(false);
    expect(parseDueForm({ dueDate: '2026-11-20', reason: 'x' }, TODAY).ok).toBe(false);
  });
});

describe('actions', () => {
  it('are created by a committee member with their history and owed messages, once per submission', async () => {
    const data = input();
    const first = await create(cciMember, data);
    const again = await create(cciMember, data);
    expect(again).toEqual({ actionId: first.actionId, created: false });
    const action = await db.prisma.action.findUniqueOrThrow({
      where: { id: first.actionId },
      include: { updates: true },
    });
    expect(action).toMatchObject({
      status: 'a_faire',
      ownerStructureId: cciId,
      ownerMemberId: cciOwner.memberId,
      origin: 'ad_hoc',
      createdById: cciMember.memberId,
    });
    expect(action.updates.map((u) => u.kind)).toEqual(['creation']);
    const owed = await db.prisma.outboxMessage.findMany({
      where: { data: { path: ['actionId'], equals: first.actionId } },
      select: { kind: true, recipient: true },
    });
    expect(owed.map((o) => `${o.kind}>${o.recipient}`).sort()).toEqual([
      'action_message>CCOMITE',
      'action_news>UACTCCI2',
    ]);
  });

  it('are refused to a member outside the committee, and to an owner from another structure', async () => {
    expect(await refusal(create(capteurOnly, input()))).toBe('action_forbidden');
    expect(await refusal(create(cciMember, input({ ownerMemberSlackId: 'UACTCMA1' })))).toBe(
      'ownerMemberSlackId=owner_other_structure',
    );
  });

  it('change status along the allowed paths only, with their history and an update of their message', async () => {
    const { actionId } = await create(cciMember, input());
    await change(cciOwner, actionId, { kind: 'statut', status: 'en_cours' });
    await change(cciOwner, actionId, { kind: 'note', note: 'Six candidats repérés.' });
    await change(cciOwner, actionId, {
      kind: 'echeance',
      dueDate: '2027-02-01',
      reason: 'Formation décalée par l’OPCO.',
    });
    await change(cciOwner, actionId, {
      kind: 'statut',
      status: 'realisee',
      note: 'Quatre soudeurs formés et embauchés.',
    });
    const before = await db.prisma.action.findUniqueOrThrow({
      where: { id: actionId },
      include: { updates: { orderBy: { at: 'asc' } } },
    });
    expect(before).toMatchObject({ status: 'realisee', statusNote: 'Quatre soudeurs formés et embauchés.' });
    expect(before.dueDate.toISOString().slice(0, 10)).toBe('2027-02-01');
    expect(before.updates.map((u) => u.kind)).toEqual(['creation', 'statut', 'note', 'echeance', 'statut']);
    expect(
      await db.prisma.outboxMessage.count({
        where: { kind: 'action_message', dedupeKey: { startsWith: `action_message:${actionId}:` } },
      }),
    ).toBe(4);

    // A finished action does not move any more.
    expect(await refusal(change(cciOwner, actionId, { kind: 'statut', status: 'en_cours' }))).toBe('action_status');
    expect(await refusal(change(cciOwner, actionId, { kind: 'echeance', dueDate: '2027-03-01', reason: 'x' }))).toBe(
      'action_closed',
    );
    expect(
      (await db.prisma.action.findUniqueOrThrow({ where: { id: actionId }, include: { updates: true } })).updates,
    ).toHaveLength(5);
  });

  it('are changed only by their structure’s committee members, or the coordination', async () => {
    const { actionId } = await create(cciMember, input());
    expect(await refusal(change(cmaMember, actionId, { kind: 'note', note: 'x' }))).toBe('action_not_yours');
    await change(coordinator, actionId, { kind: 'statut', status: 'bloquee', note: 'En attente du financement.' });
    expect((await db.prisma.action.findUniqueOrThrow({ where: { id: actionId } })).status).toBe('bloquee');
  });

  it('are listed to a member: theirs first, then their structure’s, open ones only', async () => {
    // The test makes what it lists (tests run in any order): one open action of theirs, one done.
    const owned = await create(cciMember, input({ title: 'Portée par le membre' }));
    const done = await create(cciMember, input({ title: 'Déjà réalisée' }));
    await change(cciOwner, done.actionId, { kind: 'statut', status: 'realisee', note: 'Terminée.' });
    const unowned = await create(cciMember, input({ ownerMemberSlackId: undefined, title: 'Sans porteur' }));
    const { mine, structure } = await listOpenActions(db.prisma, cciOwner);
    expect(mine.map((a) => a.id)).toContain(owned.actionId);
    expect(mine.map((a) => a.id)).not.toContain(done.actionId);
    expect(mine.every((a) => a.ownerMember?.slackUserId === 'UACTCCI2' && a.status !== 'realisee')).toBe(true);
    expect(structure.map((a) => a.id)).toContain(unowned.actionId);
    expect((await listOpenActions(db.prisma, cmaMember)).mine).toEqual([]);
  });
});
