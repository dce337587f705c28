import type { KnownBlock } from '@slack/types';
import { NEXT_STATUSES } from '../../domain/actions.js';
import type { ActionDetails } from '../../services/actions/actions.js';
import { ACTION_BUTTONS } from '../../slack/ids.js';
import { ACTION_STATUS_LABELS, ACTION_TARGET_LABELS, ACTION_TEXTS as T } from '../../texts/action.js';
import { STAKE_LABELS } from '../../texts/visit.js';
import { frenchDate, frenchDateTime } from '../../time.js';
import { escapeAndCut, actions, button, context, escapeText as esc, section, truncate } from '../blocks.js';
import type { Clock } from './alert.js';

const STATUS_ICONS = {
  a_faire: ':white_circle:',
  en_cours: ':large_blue_circle:',
  realisee: ':white_check_mark:',
  bloquee: ':no_entry:',
  abandonnee: ':heavy_multiplication_x:',
} as const;

/** « Échéance 15/03/2026 » — « en retard » once past, for an open action. */
function dueLine(action: Pick<ActionDetails, 'dueDate' | 'status'>, clock: ActionClock): string {
  const open = NEXT_STATUSES[action.status].length > 0;
  const overdue = open && action.dueDate.toISOString().slice(0, 10) < clock.today;
  return T.due(frenchDate(action.dueDate), overdue);
}

/** The buttons of an open action: start it, change its status (with a note), add a note, move its due date. */
function actionButtons(action: ActionDetails, blockId: string): KnownBlock[] {
  if (NEXT_STATUSES[action.status].length === 0) return [];
  return [
    actions(blockId, [
      ...(NEXT_STATUSES[action.status].includes('en_cours')
        ? [button(T.buttons.start, ACTION_BUTTONS.start, action.id, 'primary')]
        : []),
      button(T.buttons.status, ACTION_BUTTONS.status, action.id),
      button(T.buttons.note, ACTION_BUTTONS.note, action.id),
      button(T.buttons.due, ACTION_BUTTONS.due, action.id),
    ]),
  ];
}

export interface ActionClock extends Clock {
  /** Today, local (YYYY-MM-DD): an open action due before it is late. */
  today: string;
}

function summary(action: ActionDetails, clock: ActionClock): string {
  return [
    T.summary.title(STATUS_ICONS[action.status], esc(action.title), ACTION_STATUS_LABELS[action.status]),
    T.summary.company(
      esc(action.company.name),
      esc(action.company.commune),
      ACTION_TARGET_LABELS[action.target],
      action.stake ? STAKE_LABELS[action.stake] : null,
    ),
    T.summary.owner(esc(action.ownerStructure.name), action.ownerMember?.slackUserId ?? null, dueLine(action, clock)),
    ...(action.statusNote ? [`_${escapeAndCut(action.statusNote, 500)}_`] : []),
  ].join('\n');
}

/** The action's own message in the committee channel, updated in place as it changes. */
export function actionMessage(action: ActionDetails, clock: ActionClock) {
  const last = action.updates[0];
  const lastLine = last
    ? T.message.lastUpdate(
        frenchDateTime(last.at, clock.timeZone),
        last.actor.slackUserId,
        last.note ? escapeAndCut(last.note, 300) : null,
      )
    : '';
  return {
    text: T.message.text(esc(action.title), esc(action.company.name), ACTION_STATUS_LABELS[action.status]),
    blocks: [
      section(truncate(summary(action, clock), 3000)),
      ...(action.description ? [section(escapeAndCut(action.description, 3000))] : []),
      ...actionButtons(action, 'action_buttons'),
      ...(lastLine ? [context(truncate(lastLine, 2900))] : []),
    ],
  };
}

/** A DM to the owner: an action was assigned to them, or changed by someone else. */
export function actionNewsMessage(action: ActionDetails, clock: ActionClock) {
  const last = action.updates[0];
  return {
    text: T.news.text(esc(action.title), esc(action.company.name)),
    blocks: [
      section(T.news.what(last?.actor.slackUserId ?? '', last?.kind === 'creation')),
      section(truncate(summary(action, clock), 3000)),
      ...actionButtons(action, 'action_buttons'),
    ],
  };
}

/** Actions of each list shown by /actions, the most urgent first. */
const ACTIONS_SHOWN = 10;

/** /actions: a member's open actions, then their structure's. */
export function myActionsMessage(list: { mine: ActionDetails[]; structure: ActionDetails[] }, clock: ActionClock) {
  const group = (title: string, items: ActionDetails[], offset: number): KnownBlock[] =>
    items.length === 0
      ? []
      : [
          section(T.mine.group(title, items.length)),
          ...items
            .slice(0, ACTIONS_SHOWN)
            .flatMap((a, i) => [
              section(truncate(summary(a, clock), 3000)),
              ...actionButtons(a, `actions_${offset + i}`),
            ]),
        ];
  const blocks = [...group(T.mine.mine, list.mine, 0), ...group(T.mine.structure, list.structure, 100)];
  const total = list.mine.length + list.structure.length;
  return {
    text: T.mine.text(total),
    blocks: blocks.length
      ? [
          ...blocks,
          ...(list.mine.length > ACTIONS_SHOWN || list.structure.length > ACTIONS_SHOWN
            ? [context(T.mine.mostUrgent(ACTIONS_SHOWN))]
            : []),
        ]
      : [section(T.mine.none)],
  };
}

type DigestAction = {
  id: string;
  title: string;
  dueDate: Date;
  status: ActionDetails['status'];
  company: { name: string };
};

/** The morning digest: one person's actions that are overdue or due soon. */
export function actionDigestMessage(items: DigestAction[], clock: ActionClock) {
  const late = items.filter((a) => a.dueDate.toISOString().slice(0, 10) < clock.today);
  const soon = items.filter((a) => a.dueDate.toISOString().slice(0, 10) >= clock.today);
  const line = (a: DigestAction) =>
    T.digest.line(esc(a.title), esc(a.company.name), frenchDate(a.dueDate), ACTION_STATUS_LABELS[a.status]);
  const part = (title: string, list: DigestAction[]) =>
    list.length
      ? [section(truncate(T.digest.part(title, list.length, list.slice(0, 20).map(line).join('\n')), 3000))]
      : [];
  return {
    text: T.digest.text(late.length, soon.length),
    blocks: [...part(T.digest.late, late), ...part(T.digest.soon, soon), context(T.updateThem)],
  };
}
