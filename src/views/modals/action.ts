import type { View } from '@slack/types';
import { NEXT_STATUSES } from '../../domain/actions.js';
import type { ActionDetails } from '../../services/actions/actions.js';
import { ACTION_BLOCKS as B, ACTION_CHANGE_BLOCKS as C, VIEWS } from '../../slack/ids.js';
import { ACTION_STATUS_LABELS, ACTION_TARGET_LABELS, ACTION_TEXTS } from '../../texts/action.js';
import { COMMON } from '../../texts/common.js';
import { STAKE_LABELS } from '../../texts/visit.js';
import { frenchDate } from '../../time.js';
import {
  escapeAndCut,
  context,
  input,
  option,
  options,
  plain,
  radios,
  section,
  staticSelect,
  textInput,
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

const T = ACTION_TEXTS.createModal;
const C_T = ACTION_TEXTS.changeModal;

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
      title: plain(T.title),
      close: plain(COMMON.close),
      blocks: [context(T.company(escapeAndCut(opening.company.name, 200))), section(T.noStructure)],
    };
  }
  return {
    type: 'modal',
    callback_id: VIEWS.actionCreate,
    private_metadata: JSON.stringify(metadata),
    title: plain(T.title),
    submit: plain(T.submit),
    close: plain(COMMON.cancel),
    blocks: [
      context(T.company(escapeAndCut(opening.company.name, 200))),
      input(B.title, T.action, textInput({ maxLength: 150, placeholder: T.actionPlaceholder })),
      input(B.target, T.target, radios(options(ACTION_TARGET_LABELS), 'entreprise')),
      input(B.stake, T.stake, staticSelect(options(STAKE_LABELS), COMMON.choose), { optional: true }),
      input(
        B.ownerStructureId,
        T.ownerStructure,
        staticSelect(
          opening.structures.slice(0, 100).map((s) => option(s.name, s.id)),
          COMMON.choose,
        ),
      ),
      input(
        B.ownerMemberSlackId,
        T.ownerMember,
        { type: 'users_select', placeholder: plain(COMMON.chooseInSlack) },
        { optional: true, hint: T.ownerMemberHint },
      ),
      input(B.dueDate, T.dueDate, { type: 'datepicker', initial_date: opening.today }),
      input(B.description, T.description, textInput({ multiline: true, maxLength: 2000 }), { optional: true }),
    ],
  };
}

function changeModal(
  callbackId: string,
  title: string,
  action: ActionDetails,
  blocks: View['blocks'],
  submit: string | null = COMMON.save,
  submissionKey?: string,
): View {
  const metadata: ActionChangeMetadata = { actionId: action.id, ...(submissionKey ? { submissionKey } : {}) };
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: JSON.stringify(metadata),
    title: plain(title),
    ...(submit ? { submit: plain(submit), close: plain(COMMON.cancel) } : { close: plain(COMMON.close) }),
    blocks: [
      context(
        C_T.context(
          escapeAndCut(action.title, 150),
          escapeAndCut(action.company.name, 150),
          ACTION_STATUS_LABELS[action.status],
        ),
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
    return changeModal(VIEWS.actionStatus, C_T.statusTitle, action, [section(C_T.closed)], null);
  }
  return changeModal(
    VIEWS.actionStatus,
    C_T.statusTitle,
    action,
    [
      input(
        C.status,
        C_T.newStatus,
        radios(NEXT_STATUSES[action.status].map((s) => option(ACTION_STATUS_LABELS[s], s))),
      ),
      input(C.note, C_T.statusNote, textInput({ multiline: true, maxLength: 1000 }), {
        optional: true,
        hint: C_T.statusNoteHint,
      }),
    ],
    COMMON.save,
    submissionKey,
  );
}

export function actionNoteModal(action: ActionDetails, submissionKey?: string): View {
  return changeModal(
    VIEWS.actionNote,
    C_T.noteTitle,
    action,
    [input(C.note, C_T.note, textInput({ multiline: true, maxLength: 1000 }))],
    COMMON.save,
    submissionKey,
  );
}

export function actionDueModal(action: ActionDetails, today: string, submissionKey?: string): View {
  const current = action.dueDate.toISOString().slice(0, 10);
  return changeModal(
    VIEWS.actionDue,
    C_T.dueTitle,
    action,
    [
      context(C_T.currentDue(frenchDate(action.dueDate))),
      input(C.dueDate, C_T.newDue, { type: 'datepicker', initial_date: current >= today ? current : today }),
      input(C.reason, C_T.reason, textInput({ multiline: true, maxLength: 1000 })),
    ],
    COMMON.save,
    submissionKey,
  );
}
