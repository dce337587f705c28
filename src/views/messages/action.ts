import type { KnownBlock } from '@slack/types';
import { NEXT_STATUSES, type ActionDetails } from '../../services/actions/actions.js';
import { ACTION_BUTTONS } from '../../slack/ids.js';
import { ACTION_STATUS_LABELS, ACTION_TARGET_LABELS, STAKE_LABELS } from '../../texts/fr.js';
import { frenchDate, frenchDateTime } from '../../time.js';
import { actions, button, context, escapeText as esc, section, truncate } from '../blocks.js';
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
  return `Échéance ${frenchDate(action.dueDate)}${overdue ? ' — *en retard*' : ''}`;
}

/** The buttons of an open action: start it, change its status (with a note), add a note, move its due date. */
function actionButtons(action: ActionDetails, blockId: string): KnownBlock[] {
  if (NEXT_STATUSES[action.status].length === 0) return [];
  return [
    actions(blockId, [
      ...(NEXT_STATUSES[action.status].includes('en_cours')
        ? [button('En cours', ACTION_BUTTONS.start, action.id, 'primary')]
        : []),
      button('Changer le statut', ACTION_BUTTONS.status, action.id),
      button('Note d’avancement', ACTION_BUTTONS.note, action.id),
      button('Reporter', ACTION_BUTTONS.due, action.id),
    ]),
  ];
}

export interface ActionClock extends Clock {
  /** Today, local (YYYY-MM-DD): an open action due before it is late. */
  today: string;
}

function summary(action: ActionDetails, clock: ActionClock): string {
  const owner = `${esc(action.ownerStructure.name)}${action.ownerMember ? ` — <@${action.ownerMember.slackUserId}>` : ''}`;
  const stake = action.stake ? ` · ${STAKE_LABELS[action.stake]}` : '';
  return [
    `${STATUS_ICONS[action.status]} *${esc(action.title)}* — ${ACTION_STATUS_LABELS[action.status]}`,
    `*${esc(action.company.name)}* (${esc(action.company.commune)}) · pour ${ACTION_TARGET_LABELS[action.target].toLowerCase()}${stake}`,
    `Suivie par ${owner} · ${dueLine(action, clock)}`,
    ...(action.statusNote ? [`_${esc(truncate(action.statusNote, 500))}_`] : []),
  ].join('\n');
}

/** The action's own message in the committee channel, updated in place as it changes. */
export function actionMessage(action: ActionDetails, clock: ActionClock) {
  const last = action.updates[0];
  const lastLine = last
    ? `Dernière mise à jour le ${frenchDateTime(last.at, clock.timeZone)} par <@${last.actor.slackUserId}>${last.note ? ` : ${esc(truncate(last.note, 300))}` : ''}`
    : '';
  return {
    text: `Action : ${esc(action.title)} (${esc(action.company.name)}) — ${ACTION_STATUS_LABELS[action.status]}`,
    blocks: [
      section(truncate(summary(action, clock), 3000)),
      ...(action.description ? [section(truncate(esc(action.description), 3000))] : []),
      ...actionButtons(action, 'action_buttons'),
      ...(lastLine ? [context(truncate(lastLine, 2900))] : []),
    ],
  };
}

/** A DM to the owner: an action was assigned to them, or changed by someone else. */
export function actionNewsMessage(action: ActionDetails, clock: ActionClock) {
  const last = action.updates[0];
  const what = last?.kind === 'creation' ? 'vous a confié une action' : 'a mis à jour une de vos actions';
  return {
    text: `Action : ${esc(action.title)} (${esc(action.company.name)})`,
    blocks: [
      section(`<@${last?.actor.slackUserId ?? ''}> ${what} :`),
      section(truncate(summary(action, clock), 3000)),
      ...actionButtons(action, 'action_buttons'),
    ],
  };
}

/** /actions: a member's open actions, then their structure's. */
export function myActionsMessage(list: { mine: ActionDetails[]; structure: ActionDetails[] }, clock: ActionClock) {
  const group = (title: string, items: ActionDetails[], offset: number): KnownBlock[] =>
    items.length === 0
      ? []
      : [
          section(`*${title} (${items.length})*`),
          ...items
            .slice(0, 10)
            .flatMap((a, i) => [
              section(truncate(summary(a, clock), 3000)),
              ...actionButtons(a, `actions_${offset + i}`),
            ]),
        ];
  const blocks = [
    ...group('Vos actions en cours', list.mine, 0),
    ...group('Les autres actions de votre structure', list.structure, 100),
  ];
  const total = list.mine.length + list.structure.length;
  return {
    text: `${total} action(s) en cours`,
    blocks: blocks.length
      ? [
          ...blocks,
          ...(list.mine.length > 10 || list.structure.length > 10
            ? [context('Les 10 plus urgentes de chaque liste.')]
            : []),
        ]
      : [section('Aucune action en cours pour vous ni pour votre structure.')],
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
    `• *${esc(a.title)}* — ${esc(a.company.name)} — échéance ${frenchDate(a.dueDate)} (${ACTION_STATUS_LABELS[a.status].toLowerCase()})`;
  const part = (title: string, list: DigestAction[]) =>
    list.length
      ? [section(truncate(`*${title} (${list.length})*\n${list.slice(0, 20).map(line).join('\n')}`, 3000))]
      : [];
  return {
    text: `Vos actions : ${late.length} en retard, ${soon.length} à échéance proche`,
    blocks: [
      ...part('En retard', late),
      ...part('À échéance proche', soon),
      context('Mettez-les à jour avec `/actions`.'),
    ],
  };
}
