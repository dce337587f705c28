import { beforeEach, describe, expect, it } from 'vitest';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { searchKey } from '../../src/reference/text.js';
import { type ActionInput, blockActions } from '../../src/simulator/slack-requests.js';
import { ACTIONS, VISIT_BLOCKS as B } from '../../src/slack/ids.js';
import { COMPANY_TEXTS } from '../../src/texts/company.js';
import { withTestApp } from '../support/app.js';
import { makeCompany, referenceRow } from '../support/factories.js';
import { fillModal, submitModal } from '../support/forms.js';
import { resetTables } from '../support/reset.js';

const capteur = { id: 'UCAPTEUR1', name: 'claire.martin' };

const { t, db } = withTestApp({
  structures: { 'CCI du Cher': 'cci' },
  members: [{ user: capteur, roles: ['capteur'], structure: 'CCI du Cher' }],
});

type Modal = { id: string; hash: string; callback_id: string; private_metadata: string; blocks: never[] };
type Answers = Record<string, string | string[] | null>;
type Option = { text: { type: string; text: string }; value: string };

const FORGES = '51234567800011';
const PERSON = '91234567800017';
/** What the importer writes for a `P` unit is the placeholder; this row carries a person's name to prove none is read. */
const SOMEONE = /dupont|jeanne/i;

/** The reference establishments, as the importer writes them. */
async function seedReference(): Promise<void> {
  const row = (siret: string, displayName: string, more: Partial<Prisma.SireneEstablishmentCreateManyInput> = {}) =>
    referenceRow(siret, displayName, { nafCode: '25.50A', headcountBand: '21', ...more });
  await db.prisma.sireneEstablishment.createMany({
    data: [
      row(FORGES, 'Forges de Vierzon'),
      row(PERSON, 'Jeanne Dupont', {
        diffusible: false,
        legalName: 'DUPONT JEANNE',
        searchText: searchKey(`${COMPANY_TEXTS.picker.notDiffusible} Vierzon`),
      }),
    ],
  });
}

beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  await seedReference();
});

/** The type-ahead's options request, as Slack sends it while the capteur types. */
async function typeAhead(value: string): Promise<Option[]> {
  const res = await t.slack.interaction({
    type: 'block_suggestion',
    user: { id: capteur.id },
    team: { id: 'T0001' },
    action_id: ACTIONS.companyPicker,
    block_id: B.companyId,
    value,
  });
  expect(res.status).toBe(200);
  return (res.json() as { options: Option[] }).options;
}

async function openModal(text = ''): Promise<Modal> {
  const opened = t.fake.callsTo('views.open').length;
  const res = await t.slack.command('/visite', text, capteur, { extra: { response_url: t.fake.responseUrl() } });
  expect(res.status).toBe(200);
  await expect.poll(() => t.fake.callsTo('views.open').length).toBe(opened + 1);
  const view = t.fake.callsTo('views.open')[opened]!.args.view as Modal;
  return { ...view, id: `V-open-${opened}`, hash: `hash-open-${opened}` };
}

/** The capteur picks `option` in the open form: the form as the app redrew it. */
async function pick(view: Modal, option: Option): Promise<Modal> {
  const before = t.fake.callsTo('views.update').length;
  const action: ActionInput = {
    action_id: ACTIONS.companyPicker,
    block_id: B.companyId,
    type: 'external_select',
    selected_option: { text: { type: 'plain_text', text: option.text.text }, value: option.value },
  };
  const values = fillModal(view, {}, { keepInitial: true });
  const own = values[B.companyId]?.[B.companyId] as Record<string, unknown> | undefined;
  if (own) own.selected_option = action.selected_option;
  const res = await t.slack.interaction(
    blockActions({ user: capteur, view: { ...view, state: { values: values as never } }, actions: [action] }),
  );
  expect(res.status).toBe(200);
  await expect.poll(() => t.fake.callsTo('views.update').length).toBe(before + 1);
  return { ...(t.fake.callsTo('views.update')[before]!.args.view as Modal), id: view.id, hash: `hash-${before}` };
}

type Block = {
  type: string;
  block_id?: string;
  element?: { initial_option?: { value: string; text: { text: string } } };
};
const blocks = (view: Modal) => view.blocks as Block[];
const inputIds = (view: Modal) => blocks(view).flatMap((b) => (b.type === 'input' && b.block_id ? [b.block_id] : []));
const IDENTITY_INPUTS = [B.newSiret, B.newName, B.newNaf, B.newHeadcountBand, B.newCommune];

const minimal: Answers = {
  [B.stakes]: ['haute:recrutement'],
  [B.needs]: 'Deux soudeurs.',
  [B.diagnostic]: 'Activité soutenue.',
};

/** Files the form with `answers` (and what it shows), and the company its visit is about. */
async function submit(view: Modal, answers: Answers): Promise<string | null> {
  const res = await t.slack.interaction(submitModal(capteur, view, answers, { keepInitial: true }));
  expect(res.json()).toMatchObject({ response_action: 'clear' });
  const key = JSON.parse(view.private_metadata).submissionKey as string;
  const visit = await db.prisma.visit.findUnique({ where: { submissionKey: key }, select: { companyId: true } });
  return visit?.companyId ?? null;
}

describe('a visit to an establishment of the SIRENE reference, not yet followed', () => {
  it('typed, picked and filed without one identity input: the company is made from the reference once', async () => {
    const followed = await makeCompany(db.prisma, { name: 'Forges du Cher', commune: 'Bourges' });
    const options = await typeAhead('forges vier');
    const reference = options.find((o) => o.value === `sirene:${FORGES}`);
    expect(reference?.text.text).toBe(`Forges de Vierzon — Vierzon · ${COMPANY_TEXTS.picker.reference}`);
    // Followed companies come first, labelled as such.
    const followedFirst = await typeAhead('forges');
    expect(followedFirst[0]).toMatchObject({ value: followed.id });
    expect(followedFirst[0]!.text.text).toContain(COMPANY_TEXTS.picker.followed);
    expect(followedFirst.map((o) => o.value)).toContain(`sirene:${FORGES}`);
    expect(followedFirst.every((o) => o.text.text.length <= 75)).toBe(true);

    const opened = await openModal();
    const picked = await pick(opened, reference!);
    const company = await db.prisma.company.findUniqueOrThrow({ where: { siret: FORGES } });
    expect(company).toMatchObject({
      name: 'Forges de Vierzon',
      siren: FORGES.slice(0, 9),
      nafCode: '25.50A',
      sectorFamily: 'industrie',
      headcountBand: '21',
      commune: 'Vierzon',
      postalCode: '18100',
    });
    // The identity shows as for a followed company; none of its inputs is asked.
    const json = JSON.stringify(picked.blocks);
    expect(json).toContain('SIRET 512 345 678 00011');
    expect(json).not.toContain(ACTIONS.visitNewCompany);
    for (const id of IDENTITY_INPUTS) expect(inputIds(picked)).not.toContain(id);
    const shown = blocks(picked).find((b) => b.block_id === B.companyId)?.element?.initial_option;
    expect(shown?.value).toBe(company.id);

    // Filed with what the form holds: the company just made, then the option as first picked.
    expect(await submit(picked, minimal)).toBe(company.id);
    const again = await pick(await openModal(), reference!);
    expect(await submit(again, { ...minimal, [B.companyId]: `sirene:${FORGES}` })).toBe(company.id);
    expect(await db.prisma.company.count({ where: { siret: FORGES } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: 'company.create', entityId: company.id } })).toBe(1);
    // Followed now: the type-ahead offers it once, as followed.
    const after = (await typeAhead('forges de vierzon')).map((o) => o.value);
    expect(after).toEqual([company.id]);
  });

  it('named by its SIRET in the command, it is filed with no identity input either', async () => {
    const opened = await openModal(FORGES);
    for (const id of IDENTITY_INPUTS) expect(inputIds(opened)).not.toContain(id);
    expect(await db.prisma.company.count({ where: { siret: FORGES } })).toBe(0);
    const companyId = await submit(opened, minimal);
    const company = await db.prisma.company.findUniqueOrThrow({ where: { siret: FORGES } });
    expect(companyId).toBe(company.id);
  });

  it('costs the moves a followed company costs', async () => {
    const followed = await makeCompany(db.prisma, { name: 'Menuiserie Suivie', commune: 'Vierzon' });
    /** The command, the pick, each input the person sets (its answer differs from what the form shows), the submission. */
    const moves = async (option: Option) => {
      const view = await pick(await openModal(), option);
      const element = (id: string) => blocks(view).find((b) => b.block_id === id)?.element as Record<string, unknown>;
      const shown = (id: string) => {
        const e = element(id) ?? {};
        return JSON.stringify(
          (e.initial_value as string | undefined) ??
            (e.initial_option as { value: string } | undefined)?.value ??
            (e.initial_options as { value: string }[] | undefined)?.map((o) => o.value) ??
            null,
        );
      };
      const companyId = (element(B.companyId)?.initial_option as { value: string } | undefined)?.value ?? null;
      const answers: Answers = { ...minimal, [B.companyId]: companyId };
      const set = Object.entries(answers).filter(
        ([id, answer]) => inputIds(view).includes(id) && JSON.stringify(answer) !== shown(id),
      );
      expect(await submit(view, answers)).toBe(companyId);
      return 2 + set.length + 1;
    };
    const [known] = await typeAhead('menuiserie suivie');
    const [reference] = await typeAhead('forges de vierzon');
    expect(known?.value).toBe(followed.id);
    expect(reference?.value).toBe(`sirene:${FORGES}`);
    expect(await moves(reference!)).toBe(await moves(known!));
  });

  it('a `P` establishment: its option and its company never carry a person’s name', async () => {
    const options = await typeAhead(PERSON);
    expect(options).toEqual([
      {
        text: expect.objectContaining({ text: `${COMPANY_TEXTS.picker.notDiffusible} — Vierzon · SIRENE` }),
        value: `sirene:${PERSON}`,
      },
    ]);
    expect(JSON.stringify(await typeAhead('vierzon'))).not.toMatch(SOMEONE);
    expect(await typeAhead('dupont')).toEqual([]);
    const picked = await pick(await openModal(), options[0]!);
    expect(JSON.stringify(picked)).not.toMatch(SOMEONE);
    const companyId = await submit(picked, minimal);
    const company = await db.prisma.company.findUniqueOrThrow({ where: { siret: PERSON } });
    expect(companyId).toBe(company.id);
    expect(company).toMatchObject({ name: COMPANY_TEXTS.picker.notDiffusible, commune: 'Vierzon' });
    expect(JSON.stringify(company)).not.toMatch(SOMEONE);
  });
});
