import type { View } from '@slack/types';
import { COMMITTEE_BLOCKS as B, DECISION_BLOCKS, INFORMED_BLOCKS, VIEWS } from '../../slack/ids.js';
import { context, escapeText, input, option, plain, radios, textInput, truncate } from '../blocks.js';

/** Planning a session: when (local time), and its channel. */
export function committeePlanModal(opening: { initialAt: Date; channelId?: string | undefined }): View {
  return {
    type: 'modal',
    callback_id: VIEWS.committeePlan,
    title: plain('Planifier un comité'),
    submit: plain('Planifier'),
    close: plain('Annuler'),
    blocks: [
      input(B.scheduledAt, 'Date et heure', { type: 'datetimepicker', initial_date_time: Math.floor(opening.initialAt.getTime() / 1000) }),
      input(B.channel, 'Canal du comité', { type: 'conversations_select', filter: { include: ['public', 'private'], exclude_bot_users: true }, ...(opening.channelId ? { initial_conversation: opening.channelId } : {}) }),
      context("L'ordre du jour réunit les entreprises dont une visite est marquée « prochain comité ». Invitez l'application dans le canal pour qu'elle puisse y publier."),
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
      input(DECISION_BLOCKS.decision, 'Décision', textInput({ multiline: true, maxLength: 2000, initial: item.decision ?? undefined })),
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
      input(INFORMED_BLOCKS.how, 'Comment', radios([option('Par e-mail', 'email'), option('Par téléphone', 'telephone'), option('Lors d’une visite', 'visite')])),
      input(INFORMED_BLOCKS.on, 'Quand', { type: 'datepicker', initial_date: today }),
    ],
  };
}
