/**
 * Actions: their message and news in every status, the morning digest, /actions, and the forms that
 * create and change them.
 */
import { expect } from 'vitest';
import { NEXT_STATUSES, OPEN_STATUSES } from '../../../src/domain/actions.js';
import type { ActionDetails } from '../../../src/services/actions/actions.js';
import { ACTION_BLOCKS, ACTION_BUTTONS, ACTION_CHANGE_BLOCKS, VIEWS } from '../../../src/slack/ids.js';
import { ACTION_STATUS_LABELS, ACTION_TARGET_LABELS, STAKE_LABELS } from '../../../src/texts/fr.js';
import { frenchDate, frenchDateTime } from '../../../src/time.js';
import { escapeText } from '../../../src/views/blocks.js';
import {
  type ActionClock,
  actionDigestMessage,
  actionMessage,
  actionNewsMessage,
  myActionsMessage,
} from '../../../src/views/messages/action.js';
import {
  type ActionCreateInput,
  actionCreateModal,
  actionDueModal,
  actionNoteModal,
  actionStatusModal,
} from '../../../src/views/modals/action.js';
import {
  ACTION_CLOCK,
  ACTION_OPENING,
  ACTION_OPENING_ALERT,
  ACTION_OPENING_WORST,
  ACTION_SCENARIOS,
  ALL_ESCAPED_ACTION,
  DUE_LATER,
  DUE_PAST,
  type DigestItem,
  REALISTIC_DIGEST,
  REALISTIC_MY_ACTIONS,
  WORST_DIGEST,
  WORST_MY_ACTIONS,
  actionDetails,
} from '../fixtures/actions.js';
import { day, escapedCut } from '../fixtures/common.js';
import {
  type Case,
  type JPayload,
  buttons,
  contextTexts,
  entry,
  expectNoRawMarkup,
  expectWellFormedModal,
  inputById,
  inputs,
  showsText,
  visibleTexts,
} from '../fixtures/payload.js';
import { plural } from '../../../src/texts/plural.js';

/** Is the action open and due before today? A done or abandoned action is never late. */
const actionLate = (a: Pick<ActionDetails, 'status' | 'dueDate'>, clock: ActionClock) =>
  OPEN_STATUSES.includes(a.status) && a.dueDate.toISOString().slice(0, 10) < clock.today;

/**
 * The buttons of the given actions, in order: « En cours » when it is a next status, then
 * status, note and due date, each with the action's id; none for a final action.
 */
function expectActionButtons(p: JPayload, listed: ActionDetails[]) {
  const expected = listed.flatMap((a) =>
    NEXT_STATUSES[a.status].length === 0
      ? []
      : [
          ...(NEXT_STATUSES[a.status].includes('en_cours') ? [ACTION_BUTTONS.start] : []),
          ACTION_BUTTONS.status,
          ACTION_BUTTONS.note,
          ACTION_BUTTONS.due,
        ].map((actionId) => [actionId, a.id]),
  );
  expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual(expected);
  for (const b of buttons(p).filter((x) => x.action_id === ACTION_BUTTONS.start)) expect(b.text?.text).toBe('En cours');
}

/** The summary of an action (its message, its news, /actions): what, for whom, who, by when. */
function expectActionSummary(text: string, a: ActionDetails, clock: ActionClock) {
  const [what = '', company = '', who = '', ...rest] = text.split('\n');
  expect(what).toContain(`*${escapeText(a.title)}* — ${ACTION_STATUS_LABELS[a.status]}`);
  expect(company).toContain(`*${escapeText(a.company.name)}* (${escapeText(a.company.commune)})`);
  expect(
    company.endsWith(
      `pour ${ACTION_TARGET_LABELS[a.target].toLowerCase()}${a.stake ? ` · ${STAKE_LABELS[a.stake]}` : ''}`,
    ),
  ).toBe(true);
  expect(who.startsWith(`Suivie par ${escapeText(a.ownerStructure.name)}`)).toBe(true);
  // The member who follows it is mentioned, when there is one; typed text never mentions anyone.
  expect(who.includes('<@')).toBe(a.ownerMember !== null);
  if (a.ownerMember) expect(who).toContain(` — <@${a.ownerMember.slackUserId}> · `);
  expect(who).toContain(`Échéance ${frenchDate(a.dueDate)}`);
  expect(text.includes('en retard'), `« en retard » in ${who}`).toBe(actionLate(a, clock));
  expect(who.endsWith(' — *en retard*')).toBe(actionLate(a, clock));
  const note = rest.join('\n');
  expect(note !== '').toBe(a.statusNote !== null);
  if (a.statusNote) expect(note.startsWith(`_${escapeText(a.statusNote).slice(0, 300)}`)).toBe(true);
}

function expectActionMessage(p: JPayload, a: ActionDetails, clock: ActionClock) {
  expect(p.text).toBe(
    `Action : ${escapeText(a.title)} (${escapeText(a.company.name)}) — ${ACTION_STATUS_LABELS[a.status]}`,
  );
  expectActionSummary(p.blocks[0]?.text?.text ?? '', a, clock);
  // The description, when there is one, right under the summary.
  const description = p.blocks[1]?.type === 'section' ? (p.blocks[1].text?.text ?? '') : null;
  expect(description !== null).toBe(a.description !== null);
  if (a.description) expect(description?.startsWith(escapeText(a.description).slice(0, 1000))).toBe(true);
  expectActionButtons(p, [a]);
  expect(p.blocks.filter((b) => b.type === 'actions').map((b) => b.block_id)).toEqual(
    NEXT_STATUSES[a.status].length ? ['action_buttons'] : [],
  );
  // The last update says when, and who made it.
  const last = a.updates[0];
  const lastBlock = p.blocks[p.blocks.length - 1]!;
  expect(lastBlock.type === 'context').toBe(last !== undefined);
  if (last) {
    const lastLine = contextTexts(lastBlock).join('');
    expect(
      lastLine.startsWith(
        `Dernière mise à jour le ${frenchDateTime(last.at, clock.timeZone)} par <@${last.actor.slackUserId}>`,
      ),
    ).toBe(true);
    expect(lastLine.includes(' : ')).toBe(last.note !== null);
    if (last.note) expect(lastLine).toContain(` : ${escapeText(last.note).slice(0, 250)}`);
  }
  expectNoRawMarkup(p);
}

/** What a DM to the owner says first, by the kind of the last update. */
function expectActionNews(p: JPayload, a: ActionDetails, clock: ActionClock) {
  const last = a.updates[0]!;
  const what = last.kind === 'creation' ? 'vous a confié une action' : 'a mis à jour une de vos actions';
  expect(p.blocks[0]?.text?.text).toBe(`<@${last.actor.slackUserId}> ${what} :`);
  expect(p.text).toBe(`Action : ${escapeText(a.title)} (${escapeText(a.company.name)})`);
  expectActionSummary(p.blocks[1]?.text?.text ?? '', a, clock);
  expectActionButtons(p, [a]);
  expectNoRawMarkup(p);
}

/** The morning digest: the overdue ones, then those due soon, at most 20 of each listed. */
function expectActionDigest(p: JPayload, items: DigestItem[], clock: ActionClock) {
  const late = items.filter((a) => a.dueDate.toISOString().slice(0, 10) < clock.today);
  const soon = items.filter((a) => !late.includes(a));
  expect(p.text).toBe(`Vos actions : ${late.length} en retard, ${soon.length} à échéance proche`);
  for (const [title, list] of [
    ['En retard', late],
    ['À échéance proche', soon],
  ] as const) {
    const part = visibleTexts(p).find((t) => t.startsWith(`*${title} (`));
    expect(part !== undefined, title).toBe(list.length > 0);
    if (!part || list.length === 0) continue;
    const [heading, ...lines] = part.split('\n');
    expect(heading).toBe(`*${title} (${list.length})*`);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines[0]).toBe(
      `• *${escapeText(list[0]!.title)}* — ${escapeText(list[0]!.company.name)} — échéance ${frenchDate(list[0]!.dueDate)} (${ACTION_STATUS_LABELS[list[0]!.status].toLowerCase()})`,
    );
  }
  expect(showsText(p, '`/actions`')).toBe(true);
  expect(buttons(p)).toEqual([]);
  expectNoRawMarkup(p);
}

/** /actions: mine, then my structure's, each counted and cut to its 10 most urgent. */
function expectMyActions(p: JPayload, list: { mine: ActionDetails[]; structure: ActionDetails[] }, clock: ActionClock) {
  const total = list.mine.length + list.structure.length;
  expect(p.text).toBe(`${total} action${plural(total, '', 's')} en cours`);
  expect(showsText(p, `*Vos actions en cours (${list.mine.length})*`)).toBe(list.mine.length > 0);
  expect(showsText(p, `*Les autres actions de votre structure (${list.structure.length})*`)).toBe(
    list.structure.length > 0,
  );
  const shown = [...list.mine.slice(0, 10), ...list.structure.slice(0, 10)];
  const summaries = p.blocks.filter((b) => b.type === 'section' && /^:\w+: \*/.test(b.text?.text ?? ''));
  expect(summaries).toHaveLength(shown.length);
  for (const [i, b] of summaries.entries()) expectActionSummary(b.text?.text ?? '', shown[i]!, clock);
  expectActionButtons(p, shown);
  // One actions block per open action, each with its own block_id.
  const blockIds = p.blocks.filter((b) => b.type === 'actions').map((b) => b.block_id);
  expect(blockIds).toHaveLength(shown.filter((a) => NEXT_STATUSES[a.status].length > 0).length);
  expect(new Set(blockIds).size).toBe(blockIds.length);
  expect(showsText(p, 'Les 10 plus urgentes de chaque liste.')).toBe(
    list.mine.length > 10 || list.structure.length > 10,
  );
  expect(showsText(p, 'Aucune action en cours pour vous ni pour votre structure.')).toBe(total === 0);
  if (total === 0) expect(buttons(p)).toEqual([]);
  expectNoRawMarkup(p);
}

function expectActionCreateModal(p: JPayload, opening: ActionCreateInput) {
  expect(p.callback_id).toBe(VIEWS.actionCreate);
  expectWellFormedModal(p);
  expect(p.submit?.text).toBe('Créer');
  // Every field the submission handler reads, once, keyed by ACTION_BLOCKS (block_id === action_id).
  expect(
    inputs(p)
      .map((b) => b.block_id)
      .sort(),
  ).toEqual(Object.values(ACTION_BLOCKS).sort());
  for (const b of inputs(p)) expect(b.element?.action_id, b.block_id).toBe(b.block_id);
  expect(
    inputs(p)
      .filter((b) => !b.optional)
      .map((b) => b.block_id)
      .sort(),
  ).toEqual([ACTION_BLOCKS.title, ACTION_BLOCKS.target, ACTION_BLOCKS.ownerStructureId, ACTION_BLOCKS.dueDate].sort());
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({
    submissionKey: opening.submissionKey,
    companyId: opening.company.id,
    ...(opening.alertId ? { alertId: opening.alertId } : {}),
  });
  expect(inputById(p, ACTION_BLOCKS.title).element?.max_length).toBe(150);
  expect(inputById(p, ACTION_BLOCKS.description).element?.max_length).toBe(2000);
  expect(inputById(p, ACTION_BLOCKS.target).element?.options?.map((o) => o.value)).toEqual(
    Object.keys(ACTION_TARGET_LABELS),
  );
  expect(inputById(p, ACTION_BLOCKS.stake).element?.options?.map((o) => o.value)).toEqual(Object.keys(STAKE_LABELS));
  // A static select holds 100 options at most: the first 100 structures.
  const structureOptions = inputById(p, ACTION_BLOCKS.ownerStructureId).element?.options ?? [];
  expect(structureOptions.map((o) => o.value)).toEqual(opening.structures.slice(0, 100).map((s) => s.id));
  expect(inputById(p, ACTION_BLOCKS.ownerMemberSlackId).element?.type).toBe('users_select');
  expect(inputById(p, ACTION_BLOCKS.dueDate).element?.initial_date).toBe(opening.today);
  expect(showsText(p, `Entreprise : *${escapeText(opening.company.name).slice(0, 150)}`)).toBe(true);
  expect(JSON.stringify(p)).not.toContain('<Berry>');
}

/** The forms that change one action: their inputs, and the action they change. */
function expectActionChangeModal(p: JPayload, callbackId: string, blockIds: string[], a: ActionDetails) {
  expect(p.callback_id).toBe(callbackId);
  expectWellFormedModal(p);
  expect(inputs(p).map((b) => b.block_id)).toEqual(blockIds);
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({ actionId: a.id });
  expect(showsText(p, `*${escapedCut(a.title, 150)}* — `)).toBe(true);
  expect(showsText(p, ACTION_STATUS_LABELS[a.status])).toBe(true);
  expectNoRawMarkup(p);
}

function expectActionStatusModal(p: JPayload, a: ActionDetails) {
  expectActionChangeModal(p, VIEWS.actionStatus, [ACTION_CHANGE_BLOCKS.status, ACTION_CHANGE_BLOCKS.note], a);
  const radios = inputById(p, ACTION_CHANGE_BLOCKS.status).element!;
  expect(radios.type).toBe('radio_buttons');
  expect(radios.options?.map((o) => o.value)).toEqual(NEXT_STATUSES[a.status]);
  expect(radios.options?.map((o) => o.text.text)).toEqual(NEXT_STATUSES[a.status].map((s) => ACTION_STATUS_LABELS[s]));
  expect(inputById(p, ACTION_CHANGE_BLOCKS.note).optional).toBe(true);
  expect(inputById(p, ACTION_CHANGE_BLOCKS.note).element?.max_length).toBe(1000);
}

function expectActionDueModal(p: JPayload, a: ActionDetails, initialDate: string) {
  expectActionChangeModal(p, VIEWS.actionDue, [ACTION_CHANGE_BLOCKS.dueDate, ACTION_CHANGE_BLOCKS.reason], a);
  expect(showsText(p, `Échéance actuelle : ${frenchDate(a.dueDate)}`)).toBe(true);
  expect(inputById(p, ACTION_CHANGE_BLOCKS.dueDate).element?.initial_date).toBe(initialDate);
  expect(inputById(p, ACTION_CHANGE_BLOCKS.reason).element?.max_length).toBe(1000);
}

const actionMessageCase = (label: string, action: ActionDetails) =>
  entry(actionMessage, label, 'message', [action, ACTION_CLOCK], (p) => expectActionMessage(p, action, ACTION_CLOCK));
const actionNewsCase = (label: string, action: ActionDetails) =>
  entry(actionNewsMessage, label, 'message', [action, ACTION_CLOCK], (p) => expectActionNews(p, action, ACTION_CLOCK));

export const ACTION_CASES: Case[] = [
  // --- Messages: the action's own message and the news to its owner, in every status ---
  ...ACTION_SCENARIOS.map(({ label, scenario }) => actionMessageCase(label, actionDetails(scenario))),
  actionMessageCase(
    'a_faire, due today: not late yet',
    actionDetails({ status: 'a_faire', dueDate: day(ACTION_CLOCK.today) }),
  ),
  actionMessageCase('en_cours, no history', { ...actionDetails({ status: 'en_cours' }), updates: [] }),
  entry(
    actionMessage,
    'worst case: every typed character escaped',
    'message',
    [ALL_ESCAPED_ACTION, ACTION_CLOCK],
    (p) => {
      expectActionButtons(p, [ALL_ESCAPED_ACTION]);
      expect(p.blocks[0]?.text?.text).toContain(`*${'&amp;'.repeat(150)}*`);
      expect(JSON.stringify(p)).not.toMatch(/[^\\]<[<&]/);
    },
  ),
  ...ACTION_SCENARIOS.map(({ label, scenario }) => actionNewsCase(label, actionDetails(scenario))),
  actionNewsCase('a_faire, due date moved by someone else', {
    ...actionDetails({ status: 'a_faire' }),
    updates: actionDetails({ status: 'a_faire' }).updates.map((u) => ({
      ...u,
      kind: 'echeance' as const,
      fromDue: DUE_PAST,
      toDue: DUE_LATER,
      note: 'Formation décalée.',
    })),
  }),
  entry(
    actionNewsMessage,
    'worst case: every typed character escaped',
    'message',
    [ALL_ESCAPED_ACTION, ACTION_CLOCK],
    (p) => {
      expectActionButtons(p, [ALL_ESCAPED_ACTION]);
      expect(p.blocks[1]?.text?.text).toContain(`*${'&amp;'.repeat(150)}*`);
    },
  ),

  // --- Messages: the morning digest ---
  entry(
    actionDigestMessage,
    'one overdue, one due today, one due in three days',
    'message',
    [REALISTIC_DIGEST, ACTION_CLOCK],
    (p) => expectActionDigest(p, REALISTIC_DIGEST, ACTION_CLOCK),
  ),
  entry(actionDigestMessage, 'only due soon', 'message', [REALISTIC_DIGEST.slice(1), ACTION_CLOCK], (p) =>
    expectActionDigest(p, REALISTIC_DIGEST.slice(1), ACTION_CLOCK),
  ),
  entry(
    actionDigestMessage,
    'worst case: 30 overdue and 30 due soon, longest texts',
    'message',
    [WORST_DIGEST, ACTION_CLOCK],
    (p) => expectActionDigest(p, WORST_DIGEST, ACTION_CLOCK),
  ),

  // --- Messages: /actions ---
  entry(myActionsMessage, 'nothing open', 'message', [{ mine: [], structure: [] }, ACTION_CLOCK], (p) =>
    expectMyActions(p, { mine: [], structure: [] }, ACTION_CLOCK),
  ),
  entry(myActionsMessage, 'three of mine, two of my structure', 'message', [REALISTIC_MY_ACTIONS, ACTION_CLOCK], (p) =>
    expectMyActions(p, REALISTIC_MY_ACTIONS, ACTION_CLOCK),
  ),
  entry(
    myActionsMessage,
    'only my structure’s, none of mine',
    'message',
    [{ mine: [], structure: REALISTIC_MY_ACTIONS.structure }, ACTION_CLOCK],
    (p) => expectMyActions(p, { mine: [], structure: REALISTIC_MY_ACTIONS.structure }, ACTION_CLOCK),
  ),
  entry(
    myActionsMessage,
    'worst case: 30 + 30 long actions, every open status, half overdue',
    'message',
    [WORST_MY_ACTIONS, ACTION_CLOCK],
    (p) => expectMyActions(p, WORST_MY_ACTIONS, ACTION_CLOCK),
  ),

  // --- Modals: create an action ---
  entry(actionCreateModal, 'from a company card', 'modal', [ACTION_OPENING], (p) =>
    expectActionCreateModal(p, ACTION_OPENING),
  ),
  entry(actionCreateModal, 'following an alert', 'modal', [ACTION_OPENING_ALERT], (p) =>
    expectActionCreateModal(p, ACTION_OPENING_ALERT),
  ),
  entry(
    actionCreateModal,
    'worst case: 150 long-named structures, 200-char company name, long submission key',
    'modal',
    [ACTION_OPENING_WORST],
    (p) => {
      expectActionCreateModal(p, ACTION_OPENING_WORST);
      expect(inputById(p, ACTION_BLOCKS.ownerStructureId).element?.options).toHaveLength(100);
    },
  ),

  entry(actionCreateModal, 'no active structure', 'modal', [{ ...ACTION_OPENING, structures: [] }], (p) => {
    expect(p.callback_id).toBe(VIEWS.actionCreate);
    expectWellFormedModal(p);
    expect(inputs(p)).toEqual([]);
    expect(p.submit).toBeUndefined();
    expect(showsText(p, 'Aucune structure partenaire active')).toBe(true);
  }),

  // --- Modals: change an action ---
  ...OPEN_STATUSES.flatMap((status) => [
    entry(actionStatusModal, `${status}`, 'modal', [actionDetails({ status })], (p) =>
      expectActionStatusModal(p, actionDetails({ status })),
    ),
    entry(
      actionStatusModal,
      `worst case: ${status}, 150-char title, 200-char company name`,
      'modal',
      [actionDetails({ status, worst: true, overdue: true })],
      (p) => expectActionStatusModal(p, actionDetails({ status, worst: true, overdue: true })),
    ),
  ]),
  ...(['realisee', 'abandonnee'] as const).map((status) =>
    entry(
      actionStatusModal,
      `${status}: closed, offered by an older message`,
      'modal',
      [actionDetails({ status })],
      (p) => {
        expect(p.callback_id).toBe(VIEWS.actionStatus);
        expectWellFormedModal(p);
        expect(inputs(p)).toEqual([]);
        expect(p.submit).toBeUndefined();
        expect(JSON.parse(p.private_metadata ?? '')).toEqual({ actionId: actionDetails({ status }).id });
        expect(showsText(p, 'Cette action est close')).toBe(true);
      },
    ),
  ),
  entry(actionNoteModal, 'en_cours', 'modal', [actionDetails({ status: 'en_cours' })], (p) => {
    expectActionChangeModal(p, VIEWS.actionNote, [ACTION_CHANGE_BLOCKS.note], actionDetails({ status: 'en_cours' }));
    expect(inputById(p, ACTION_CHANGE_BLOCKS.note).optional).toBeUndefined();
    expect(inputById(p, ACTION_CHANGE_BLOCKS.note).element?.max_length).toBe(1000);
  }),
  entry(
    actionNoteModal,
    'worst case: bloquee, 150-char title, 200-char company name',
    'modal',
    [actionDetails({ status: 'bloquee', worst: true })],
    (p) =>
      expectActionChangeModal(
        p,
        VIEWS.actionNote,
        [ACTION_CHANGE_BLOCKS.note],
        actionDetails({ status: 'bloquee', worst: true }),
      ),
  ),
  entry(
    actionDueModal,
    'due later: starts from the current due date',
    'modal',
    [actionDetails({ status: 'en_cours' }), ACTION_CLOCK.today],
    (p) => expectActionDueModal(p, actionDetails({ status: 'en_cours' }), '2026-03-31'),
  ),
  entry(
    actionDueModal,
    'due today',
    'modal',
    [actionDetails({ status: 'a_faire', dueDate: day(ACTION_CLOCK.today) }), ACTION_CLOCK.today],
    (p) =>
      expectActionDueModal(
        p,
        actionDetails({ status: 'a_faire', dueDate: day(ACTION_CLOCK.today) }),
        ACTION_CLOCK.today,
      ),
  ),
  entry(
    actionDueModal,
    'past its due date: starts from today',
    'modal',
    [actionDetails({ status: 'a_faire', overdue: true }), ACTION_CLOCK.today],
    (p) => expectActionDueModal(p, actionDetails({ status: 'a_faire', overdue: true }), ACTION_CLOCK.today),
  ),
  entry(
    actionDueModal,
    'worst case: bloquee, overdue, 150-char title, 200-char company name',
    'modal',
    [actionDetails({ status: 'bloquee', worst: true, overdue: true }), ACTION_CLOCK.today],
    (p) =>
      expectActionDueModal(p, actionDetails({ status: 'bloquee', worst: true, overdue: true }), ACTION_CLOCK.today),
  ),
];
