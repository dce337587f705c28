import type { View } from '@slack/types';
import type { DraftAgenda } from '../../services/committees/agenda.js';
import {
  AGENDA_EDIT_BLOCKS as B_EDIT,
  COMMITTEE_BLOCKS as B,
  DECISION_BLOCKS,
  INFORMED_BLOCKS,
  VIEWS,
} from '../../slack/ids.js';
import { COMMITTEE_TEXTS as T, INFORMED_HOW_LABELS } from '../../texts/committee.js';
import { COMMON } from '../../texts/common.js';
import { frenchDateTime } from '../../time.js';
import { escapeAndCut, context, input, option, options, plain, radios, textInput } from '../blocks.js';

/**
 * Planning a session: when (local time), and its channel. With `committeeId`, moving a planned
 * session instead (same form, its current values).
 */
export function committeePlanModal(opening: {
  initialAt: Date;
  channelId?: string | undefined;
  committeeId?: string | undefined;
  submissionKey?: string | undefined;
  /** The date chosen falls on a public holiday or a weekend day: the question, and the box confirming that day. */
  offDay?: { date: string; question: string };
}): View {
  // Planning carries its submission key (generated when the form opens): a replay plans nothing more.
  const key = opening.committeeId
    ? { committeeId: opening.committeeId }
    : opening.submissionKey
      ? { submissionKey: opening.submissionKey }
      : null;
  // The day off already asked about: submitted again unticked, the question goes on the date field.
  const metadata = opening.offDay ? { ...key, askedOffDay: opening.offDay.date } : key;
  return {
    type: 'modal',
    callback_id: VIEWS.committeePlan,
    ...(metadata ? { private_metadata: JSON.stringify(metadata) } : {}),
    title: plain(T.planModal.title(Boolean(opening.committeeId))),
    submit: plain(T.planModal.submit(Boolean(opening.committeeId))),
    close: plain(COMMON.cancel),
    blocks: [
      input(B.scheduledAt, T.planModal.scheduledAt, {
        type: 'datetimepicker',
        initial_date_time: Math.floor(opening.initialAt.getTime() / 1000),
      }),
      ...(opening.offDay
        ? [
            input(
              B.confirmOffDay,
              opening.offDay.question,
              { type: 'checkboxes', options: [option(T.planModal.confirmOffDay, opening.offDay.date)] },
              { optional: true },
            ),
          ]
        : []),
      input(B.channel, T.planModal.channel, {
        type: 'conversations_select',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(opening.channelId ? { initial_conversation: opening.channelId } : {}),
      }),
      context(T.planModal.footer),
    ],
  };
}

/** « Décision »: what the committee decided for this company (the capteur will tell it). */
export function decisionModal(item: { id: string; decision: string | null; company: { name: string } }): View {
  return {
    type: 'modal',
    callback_id: VIEWS.itemDecision,
    private_metadata: JSON.stringify({ agendaItemId: item.id }),
    title: plain(T.decisionModal.title),
    submit: plain(COMMON.save),
    close: plain(COMMON.cancel),
    blocks: [
      context(`*${escapeAndCut(item.company.name, 200)}*`),
      input(
        DECISION_BLOCKS.decision,
        T.decisionModal.decision,
        textInput({ multiline: true, maxLength: 2000, initial: item.decision ?? undefined }),
      ),
      context(T.decisionModal.footer),
    ],
  };
}

/** « Entreprise informée »: how, and when. */
export function informedModal(item: { id: string; company: { name: string } }, today: string): View {
  return {
    type: 'modal',
    callback_id: VIEWS.companyInformed,
    private_metadata: JSON.stringify({ agendaItemId: item.id }),
    title: plain(T.informedModal.title),
    submit: plain(COMMON.save),
    close: plain(COMMON.cancel),
    blocks: [
      context(`*${escapeAndCut(item.company.name, 200)}*`),
      input(INFORMED_BLOCKS.how, T.informedModal.how, radios(options(INFORMED_HOW_LABELS))),
      input(INFORMED_BLOCKS.on, T.informedModal.on, { type: 'datepicker', initial_date: today }),
    ],
  };
}

const E = T.agendaEditModal;

/** Slack lists at most 100 options in a select. */
const MAX_KEPT = 100;

/**
 * « Modifier l'ordre du jour », before publication: the companies on it (all selected; unselect
 * to take one off) and companies to add (type-ahead on the known companies).
 */
export function agendaEditModal(draft: DraftAgenda, clock: { timeZone: string }): View {
  const shown = draft.items.slice(0, MAX_KEPT);
  const items = shown.map((item) => ({
    item,
    choice: option(T.agendaOption(item.rank, item.company.name, item.company.commune), item.id),
  }));
  return {
    type: 'modal',
    callback_id: VIEWS.agendaEdit,
    // Items are listed by rank: those after the last shown (beyond the list, or drafted while the
    // form is open) are kept whatever the answer.
    private_metadata: JSON.stringify({ committeeId: draft.id, shownUpToRank: shown.at(-1)?.rank ?? 0 }),
    title: plain(E.title),
    submit: plain(COMMON.save),
    close: plain(COMMON.cancel),
    blocks: [
      context(E.context(frenchDateTime(draft.scheduledAt, clock.timeZone), draft.items.length)),
      ...(items.length
        ? [
            input(
              B_EDIT.keep,
              E.keep,
              {
                type: 'multi_static_select',
                placeholder: plain(COMMON.none),
                options: items.map((i) => i.choice),
                initial_options: items.map((i) => i.choice),
              },
              { optional: true, hint: E.keepHint },
            ),
          ]
        : []),
      input(
        B_EDIT.add,
        E.add,
        { type: 'multi_external_select', placeholder: plain(COMMON.companySearch), min_query_length: 2 },
        { optional: true, hint: E.addHint },
      ),
      ...(draft.items.length > MAX_KEPT ? [context(E.notListed(draft.items.length - MAX_KEPT, MAX_KEPT))] : []),
    ],
  };
}
