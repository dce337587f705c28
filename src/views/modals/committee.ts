import type { View } from '@slack/types';
import { COMMITTEE_BLOCKS as B, VIEWS } from '../../slack/ids.js';
import { context, input, plain } from '../blocks.js';

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
