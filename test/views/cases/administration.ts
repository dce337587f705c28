/** Administration: the structure and member forms, what they say once saved or refused, the overview. */
import { expect } from 'vitest';
import { ACTIONS, MEMBER_BLOCKS, STRUCTURE_BLOCKS, VIEWS } from '../../../src/slack/ids.js';
import { errorText, REFUSALS, refusalKind } from '../../../src/texts/fr.js';
import {
  type MemberRow,
  type StructureRow,
  administrationMessage,
  memberModal,
  refusalModal,
  savedModal,
  structureModal,
} from '../../../src/views/modals/administration.js';
import { MEMBER_EDIT, MEMBER_WORST, members, structureRow, structures } from '../fixtures/administration.js';
import { ALL_ROLES, LONG_STRUCTURE_NAME, slackId, uuid } from '../fixtures/common.js';
import {
  type Case,
  type JPayload,
  buttons,
  entry,
  expectWellFormedModal,
  inputById,
  inputs,
  showsText,
} from '../fixtures/payload.js';

function expectAdministration(p: JPayload, s: StructureRow[], m: MemberRow[]) {
  expect(p.text).toBe('Administration de la plateforme');
  expect(showsText(p, `*Structures partenaires (${s.length})*`)).toBe(true);
  expect(showsText(p, `*Membres (${m.length})*`)).toBe(true);
  const edit = buttons(p).filter((b) => b.action_id === ACTIONS.openStructureForm && b.value !== undefined);
  // One « Modifier » per structure while they fit, none (a plain list) beyond.
  expect(edit.map((b) => b.value)).toEqual(s.length <= 30 ? s.map((x) => x.id) : []);
  const actionIds = buttons(p).map((b) => b.action_id);
  expect(actionIds).toContain(ACTIONS.openStructureForm);
  expect(actionIds).toContain(ACTIONS.openMemberForm);
  if (s.length === 0) expect(showsText(p, 'Aucune pour le moment')).toBe(true);
  if (m.length === 0) expect(showsText(p, 'Aucun pour le moment')).toBe(true);
}

export const ADMINISTRATION_CASES: Case[] = [
  // --- Modals: administration ---
  entry(structureModal, 'new structure', 'modal', [undefined], (p) => {
    expect(p.callback_id).toBe(VIEWS.structureForm);
    expectWellFormedModal(p);
    expect(JSON.parse(p.private_metadata ?? '')).toEqual({ id: null });
    expect(inputs(p).map((b) => b.block_id)).toEqual(Object.values(STRUCTURE_BLOCKS));
    expect(inputById(p, STRUCTURE_BLOCKS.active).element?.initial_options?.map((o) => o.value)).toEqual(['active']);
  }),
  entry(structureModal, 'edit an active structure', 'modal', [structureRow(1, false)], (p) => {
    expect(JSON.parse(p.private_metadata ?? '')).toEqual({ id: uuid(801) });
    expect(inputById(p, STRUCTURE_BLOCKS.name).element?.initial_value).toBe('CMA Centre-Val de Loire');
    expect(inputById(p, STRUCTURE_BLOCKS.kind).element?.initial_option?.value).toBe('cma');
  }),
  entry(structureModal, 'worst case: inactive, 120-char name', 'modal', [structureRow(5, true)], (p) => {
    expectWellFormedModal(p);
    expect(inputById(p, STRUCTURE_BLOCKS.name).element?.initial_value).toBe(structureRow(5, true).name);
    expect(inputById(p, STRUCTURE_BLOCKS.active).element?.initial_options).toBeUndefined();
  }),
  entry(memberModal, 'new member, three structures', 'modal', [{ structures: structures(3) }], (p) => {
    expect(p.callback_id).toBe(VIEWS.memberForm);
    expectWellFormedModal(p);
    expect(inputs(p).map((b) => b.block_id)).toEqual(Object.values(MEMBER_BLOCKS));
    expect(inputById(p, MEMBER_BLOCKS.structure).element?.options?.map((o) => o.value)).toEqual([
      'none',
      uuid(801),
      uuid(802),
      uuid(803),
    ]);
  }),
  entry(memberModal, 'edit a capteur', 'modal', [MEMBER_EDIT], (p) => {
    expect(inputById(p, MEMBER_BLOCKS.structure).element?.initial_option?.value).toBe(uuid(801));
    expect(inputById(p, MEMBER_BLOCKS.roles).element?.initial_options?.map((o) => o.value)).toEqual(['capteur']);
    expect(inputById(p, MEMBER_BLOCKS.active).element?.initial_options?.map((o) => o.value)).toEqual(['active']);
  }),
  entry(memberModal, 'worst case: 150 structures, all roles, no structure, inactive', 'modal', [MEMBER_WORST], (p) => {
    const structureOptions = inputById(p, MEMBER_BLOCKS.structure).element?.options ?? [];
    expect(structureOptions).toHaveLength(100);
    expect(structureOptions[0]?.value).toBe('none');
    expect(inputById(p, MEMBER_BLOCKS.structure).element?.initial_option?.value).toBe('none');
    expect(inputById(p, MEMBER_BLOCKS.roles).element?.initial_options).toHaveLength(ALL_ROLES.length);
    expect(inputById(p, MEMBER_BLOCKS.active).element?.initial_options).toBeUndefined();
  }),
  entry(memberModal, 'no structure at all', 'modal', [{ structures: [] }], (p) => {
    expect(inputById(p, MEMBER_BLOCKS.structure).element?.options?.map((o) => o.value)).toEqual(['none']);
  }),
  entry(
    savedModal,
    'structure saved',
    'modal',
    ['Structure enregistrée', ':white_check_mark: *CCI du Cher* est enregistrée.'],
    (p) => {
      expect(p.submit).toBeUndefined();
      expect(showsText(p, 'CCI du Cher')).toBe(true);
    },
  ),
  entry(
    savedModal,
    'worst case: 120-char structure name',
    'modal',
    ['Structure enregistrée', `:white_check_mark: *${LONG_STRUCTURE_NAME}* est enregistrée.`],
    (p) => expect(inputs(p)).toEqual([]),
  ),
  entry(savedModal, 'member saved', 'modal', [
    'Membre enregistré',
    `:white_check_mark: <@${slackId(1)}> est enregistré.`,
  ]),
  ...Object.entries(REFUSALS).map(([key, text]) =>
    entry(refusalModal, `refusal « ${key} »`, 'modal', [text], (p) => {
      expect(p.submit).toBeUndefined();
      expect(showsText(p, text)).toBe(true);
    }),
  ),
  // A state conflict says what happened in its title; « Accès refusé » is kept for permissions.
  ...(['alert_state', 'agenda_already_published', 'committee_closed'] as const).map((code) =>
    entry(
      refusalModal,
      `refusal of a state conflict « ${code} »`,
      'modal',
      [errorText(code, { reference: 'AR-2026-0042', state: 'cloturee', by: slackId(2) }), refusalKind(code)],
      (p) => {
        expect(refusalKind(code)).toBe('impossible');
        expect(p.title?.text).toBe('Action impossible');
        expect(showsText(p, errorText(code, { reference: 'AR-2026-0042', state: 'cloturee', by: slackId(2) }))).toBe(
          true,
        );
      },
    ),
  ),
  ...(['committee_forbidden', 'inform_not_yours', 'committee_member_only'] as const).map((code) =>
    entry(refusalModal, `refusal of a permission « ${code} »`, 'modal', [errorText(code), refusalKind(code)], (p) =>
      expect(p.title?.text).toBe('Accès refusé'),
    ),
  ),
  entry(
    refusalModal,
    'a notice where a button has no message to answer in',
    'modal',
    ['Déjà effacée.', 'notice'],
    (p) => expect(p.title?.text).toBe('Information'),
  ),

  // --- Messages: administration ---
  entry(administrationMessage, 'three structures, a few members', 'message', [structures(3), members(5)], (p) =>
    expectAdministration(p, structures(3), members(5)),
  ),
  entry(administrationMessage, 'empty platform', 'message', [[], []], (p) => expectAdministration(p, [], [])),
  entry(
    administrationMessage,
    'exactly 30 long-named structures, 200 members',
    'message',
    [structures(30, true), members(200, true)],
    (p) => expectAdministration(p, structures(30, true), members(200, true)),
  ),
  entry(
    administrationMessage,
    'worst case: 40 structures, 200 members',
    'message',
    [structures(40, true), members(200, true)],
    (p) => expectAdministration(p, structures(40, true), members(200, true)),
  ),
];
