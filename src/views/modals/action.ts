import type { View } from '@slack/types';
import { NEXT_STATUSES, type ActionDetails } from '../../services/actions/actions.js';
import { ACTION_BLOCKS as B, ACTION_CHANGE_BLOCKS as C, VIEWS } from '../../slack/ids.js';
import { ACTION_STATUS_LABELS, ACTION_TARGET_LABELS, STAKE_LABELS } from '../../texts/fr.js';
import { frenchDate } from '../../time.js';
import {
  context,
  escapeText,
  input,
  option,
  options,
  plain,
  radios,
  section,
  staticSelect,
  textInput,
  truncate,
} from '../blocks.js';

/** The private_metadata of the action forms. */
export interface ActionCreateMetadata {
  submissionKey: string;
  companyId: string;
  alertId?: string;
  agendaItemId?: string;
}
export interface ActionChangeMetadata {
  actionId: string;
  /** Generated when the form opens: the same submission twice records one change. */
  submissionKey?: string;
}

export interface ActionCreateInput {
  submissionKey: string;
  company: { id: string; name: string };
  structures: { id: string; name: string }[];
  today: string;
  /** The action follows an alert: it is linked to it. */
  alertId?: string | undefined;
  /** Decided in a committee session, about this agenda item. */
  agendaItemId?: string | undefined;
}

/** « Créer une action »: what, for whom, who follows it, by when. */
export function actionCreateModal(opening: ActionCreateInput): View {
  const metadata: ActionCreateMetadata = {
    submissionKey: opening.submissionKey,
    companyId: opening.company.id,
    ...(opening.alertId ? { alertId: opening.alertId } : {}),
    ...(opening.agendaItemId ? { agendaItemId: opening.agendaItemId } : {}),
  };
  // Slack rejects a select without options: with no active structure, nobody can follow an action yet.
  if (opening.structures.length === 0) {
    return {
      type: 'modal',
      callback_id: VIEWS.actionCreate,
      private_metadata: JSON.stringify(metadata),
      title: plain('Créer une action'),
      close: plain('Fermer'),
      blocks: [
        context(`Entreprise : *${escapeText(truncate(opening.company.name, 200))}*`),
        section(
          'Aucune structure partenaire active ne peut suivre une action : la coordination doit d’abord en enregistrer une avec /plateforme.',
        ),
      ],
    };
  }
  return {
    type: 'modal',
    callback_id: VIEWS.actionCreate,
    private_metadata: JSON.stringify(metadata),
    title: plain('Créer une action'),
    submit: plain('Créer'),
    close: plain('Annuler'),
    blocks: [
      context(`Entreprise : *${escapeText(truncate(opening.company.name, 200))}*`),
      input(
        B.title,
        'Action',
        textInput({ maxLength: 150, placeholder: 'ex. Monter une POE de soudeurs avec l’OPCO' }),
      ),
      input(B.target, 'Pour', radios(options(ACTION_TARGET_LABELS), 'entreprise')),
      input(B.stake, 'Enjeu', staticSelect(options(STAKE_LABELS), 'Choisir'), { optional: true }),
      input(
        B.ownerStructureId,
        'Structure qui la suit',
        staticSelect(
          opening.structures.slice(0, 100).map((s) => option(s.name, s.id)),
          'Choisir',
        ),
      ),
      input(
        B.ownerMemberSlackId,
        'Personne qui la suit',
        { type: 'users_select', placeholder: plain('Choisir dans Slack') },
        { optional: true, hint: 'Un membre de la structure choisie.' },
      ),
      input(B.dueDate, 'Échéance', { type: 'datepicker', initial_date: opening.today }),
      input(B.description, 'Description', textInput({ multiline: true, maxLength: 2000 }), { optional: true }),
    ],
  };
}

function changeModal(
  callbackId: string,
  title: string,
  action: ActionDetails,
  blocks: View['blocks'],
  submit: string | null = 'Enregistrer',
  submissionKey?: string,
): View {
  const metadata: ActionChangeMetadata = { actionId: action.id, ...(submissionKey ? { submissionKey } : {}) };
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: JSON.stringify(metadata),
    title: plain(title),
    ...(submit ? { submit: plain(submit), close: plain('Annuler') } : { close: plain('Fermer') }),
    blocks: [
      context(
        `*${escapeText(truncate(action.title, 150))}* — ${escapeText(truncate(action.company.name, 150))} — ${ACTION_STATUS_LABELS[action.status]}`,
      ),
      ...blocks,
    ],
  };
}

/** A new status; done, blocked and abandoned need a word (the result, the reason). */
export function actionStatusModal(action: ActionDetails, submissionKey?: string): View {
  // A done or abandoned action no longer changes status, yet an older message or /actions list can
  // still offer the button; Slack rejects radio buttons without options: say so instead.
  if (NEXT_STATUSES[action.status].length === 0) {
    return changeModal(
      VIEWS.actionStatus,
      'Statut de l’action',
      action,
      [section('Cette action est close : son statut ne change plus.')],
      null,
    );
  }
  return changeModal(
    VIEWS.actionStatus,
    'Statut de l’action',
    action,
    [
      input(
        C.status,
        'Nouveau statut',
        radios(NEXT_STATUSES[action.status].map((s) => option(ACTION_STATUS_LABELS[s], s))),
      ),
      input(C.note, 'Résultat, blocage ou raison', textInput({ multiline: true, maxLength: 1000 }), {
        optional: true,
        hint: 'Obligatoire pour « Réalisée », « Bloquée » et « Abandonnée ».',
      }),
    ],
    'Enregistrer',
    submissionKey,
  );
}

export function actionNoteModal(action: ActionDetails, submissionKey?: string): View {
  return changeModal(
    VIEWS.actionNote,
    'Note d’avancement',
    action,
    [input(C.note, 'Où en est l’action ?', textInput({ multiline: true, maxLength: 1000 }))],
    'Enregistrer',
    submissionKey,
  );
}

export function actionDueModal(action: ActionDetails, today: string, submissionKey?: string): View {
  const current = action.dueDate.toISOString().slice(0, 10);
  return changeModal(
    VIEWS.actionDue,
    'Reporter l’échéance',
    action,
    [
      context(`Échéance actuelle : ${frenchDate(action.dueDate)}`),
      input(C.dueDate, 'Nouvelle échéance', { type: 'datepicker', initial_date: current >= today ? current : today }),
      input(C.reason, 'Pourquoi', textInput({ multiline: true, maxLength: 1000 })),
    ],
    'Enregistrer',
    submissionKey,
  );
}
