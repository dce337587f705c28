import type { View } from '@slack/types';
import type { DraftAgenda } from '../../services/committees/agenda.js';
import {
  AGENDA_EDIT_BLOCKS as B_EDIT,
  COMMITTEE_BLOCKS as B,
  DECISION_BLOCKS,
  INFORMED_BLOCKS,
  VIEWS,
} from '../../slack/ids.js';
import { frenchDateTime } from '../../time.js';
import { context, escapeText, input, option, plain, radios, textInput, truncate } from '../blocks.js';

/**
 * Planning a session: when (local time), and its channel. With `committeeId`, moving a planned
 * session instead (same form, its current values).
 */
export function committeePlanModal(opening: {
  initialAt: Date;
  channelId?: string | undefined;
  committeeId?: string;
  submissionKey?: string;
}): View {
  // Planning carries its submission key (generated when the form opens): a replay plans nothing more.
  const metadata = opening.committeeId
    ? { committeeId: opening.committeeId }
    : opening.submissionKey
      ? { submissionKey: opening.submissionKey }
      : null;
  return {
    type: 'modal',
    callback_id: VIEWS.committeePlan,
    ...(metadata ? { private_metadata: JSON.stringify(metadata) } : {}),
    title: plain(opening.committeeId ? 'Déplacer la séance' : 'Planifier un comité'),
    submit: plain(opening.committeeId ? 'Déplacer' : 'Planifier'),
    close: plain('Annuler'),
    blocks: [
      input(B.scheduledAt, 'Date et heure', {
        type: 'datetimepicker',
        initial_date_time: Math.floor(opening.initialAt.getTime() / 1000),
      }),
      input(B.channel, 'Canal du comité', {
        type: 'conversations_select',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(opening.channelId ? { initial_conversation: opening.channelId } : {}),
      }),
      context(
        "L'ordre du jour réunit les entreprises dont une visite est marquée « prochain comité ». Invitez l'application dans le canal pour qu'elle puisse y publier.",
      ),
    ],
  };
}

/** « Décision »: what the committee decided for this company (the capteur will tell it). */
export function decisionModal(item: { id: string; decision: string | null; company: { name: string } }): View {
  return {
    type: 'modal',
    callback_id: VIEWS.itemDecision,
    private_metadata: JSON.stringify({ agendaItemId: item.id }),
    title: plain('Décision du comité'),
    submit: plain('Enregistrer'),
    close: plain('Annuler'),
    blocks: [
      context(`*${escapeText(truncate(item.company.name, 200))}*`),
      input(
        DECISION_BLOCKS.decision,
        'Décision',
        textInput({ multiline: true, maxLength: 2000, initial: item.decision ?? undefined }),
      ),
      context("Elle sera transmise à l'entreprise par le capteur qui l'a présentée."),
    ],
  };
}

/** « Entreprise informée »: how, and when. */
export function informedModal(item: { id: string; company: { name: string } }, today: string): View {
  return {
    type: 'modal',
    callback_id: VIEWS.companyInformed,
    private_metadata: JSON.stringify({ agendaItemId: item.id }),
    title: plain('Entreprise informée'),
    submit: plain('Enregistrer'),
    close: plain('Annuler'),
    blocks: [
      context(`*${escapeText(truncate(item.company.name, 200))}*`),
      input(
        INFORMED_BLOCKS.how,
        'Comment',
        radios([
          option('Par e-mail', 'email'),
          option('Par téléphone', 'telephone'),
          option('Lors d’une visite', 'visite'),
        ]),
      ),
      input(INFORMED_BLOCKS.on, 'Quand', { type: 'datepicker', initial_date: today }),
    ],
  };
}

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
    choice: option(`${item.rank}. ${item.company.name} (${item.company.commune})`, item.id),
  }));
  return {
    type: 'modal',
    callback_id: VIEWS.agendaEdit,
    // Items are listed by rank: those after the last shown (beyond the list, or drafted while the
    // form is open) are kept whatever the answer.
    private_metadata: JSON.stringify({ committeeId: draft.id, shownUpToRank: shown.at(-1)?.rank ?? 0 }),
    title: plain('Ordre du jour'),
    submit: plain('Enregistrer'),
    close: plain('Annuler'),
    blocks: [
      context(
        `Comité du *${frenchDateTime(draft.scheduledAt, clock.timeZone)}* — ${draft.items.length} entreprise(s) à l'ordre du jour.`,
      ),
      ...(items.length
        ? [
            input(
              B_EDIT.keep,
              'Entreprises à l’ordre du jour',
              {
                type: 'multi_static_select',
                placeholder: plain('Aucune'),
                options: items.map((i) => i.choice),
                initial_options: items.map((i) => i.choice),
              },
              {
                optional: true,
                hint: 'Retirez une entreprise pour la reporter : ses visites iront à la séance suivante.',
              },
            ),
          ]
        : []),
      input(
        B_EDIT.add,
        'Ajouter des entreprises',
        { type: 'multi_external_select', placeholder: plain('SIRET ou nom'), min_query_length: 2 },
        { optional: true, hint: 'Avec leurs visites qui ne sont pas encore passées en comité.' },
      ),
      ...(draft.items.length > MAX_KEPT
        ? [
            context(
              `Les ${draft.items.length - MAX_KEPT} dernières entreprises restent à l'ordre du jour (100 au plus dans cette liste).`,
            ),
          ]
        : []),
    ],
  };
}
