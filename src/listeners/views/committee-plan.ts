import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { countAgendaItems, planCommittee, rescheduleCommittee } from '../../services/committees/committees.js';
import { UserError } from '../../services/errors.js';
import { COMMITTEE_BLOCKS as B } from '../../slack/ids.js';
import { errorText } from '../../texts/fr.js';
import { frenchDateTime } from '../../time.js';
import { refusalModal, savedModal } from '../../views/modals/administration.js';
import { authorise, withSubmissionSafetyNet } from '../guard.js';
import { asString, errorsResponse, readViewState } from '../view-state.js';

const planForm = z.object({
  scheduledAt: z.coerce.number({ error: 'required' }).int().positive('required'),
  channel: z.string({ error: 'required' }).regex(/^[CG][A-Z0-9]+$/, 'required'),
});

/**
 * « Planifier un comité »: the session, and its draft agenda from the visits marked for it.
 * The same form moves a planned session (« Déplacer », its id in the metadata).
 */
export function committeePlanSubmission(ctx: AppContext) {
  return withSubmissionSafetyNet(
    ctx.logger,
    B.scheduledAt,
    async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
      const auth = await authorise(ctx.actors, body.user.id, 'runCommittees');
      if (!auth.ok) return void (await ack({ response_action: 'update', view: refusalModal(auth.refusal) }));
      const state = readViewState(view.state.values);
      const parsed = planForm.safeParse({
        scheduledAt: asString(state[B.scheduledAt]),
        channel: asString(state[B.channel]),
      });
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]!.path[0]) === 'channel' ? B.channel : B.scheduledAt;
        return void (await ack(errorsResponse({ [field]: errorText('required') })));
      }
      const { committeeId, submissionKey } = z
        .object({ committeeId: z.string().uuid().optional(), submissionKey: z.string().min(1).max(100).optional() })
        .parse(JSON.parse(view.private_metadata || '{}'));
      const input = { scheduledAt: new Date(parsed.data.scheduledAt * 1000), channelId: parsed.data.channel };
      try {
        if (committeeId) {
          const moved = await rescheduleCommittee(ctx.db, auth.actor, committeeId, input, ctx.now());
          return void (await ack({
            response_action: 'update',
            view: savedModal(
              'Séance déplacée',
              `:white_check_mark: Comité déplacé au *${frenchDateTime(moved.scheduledAt, ctx.timeZone)}* dans <#${moved.channelId}>.`,
            ),
          }));
        }
        const committee = await planCommittee(ctx.db, auth.actor, { ...input, submissionKey }, ctx.now());
        const items = await countAgendaItems(ctx.db, committee.id);
        await ack({
          response_action: 'update',
          view: savedModal(
            'Comité planifié',
            `:white_check_mark: Comité du *${frenchDateTime(committee.scheduledAt, ctx.timeZone)}* planifié dans <#${committee.channelId}>. ${items} entreprise(s) à l'ordre du jour pour l'instant ; il sera publié ${ctx.committees.agendaDaysBefore} jour(s) avant.`,
          ),
        });
      } catch (error) {
        if (error instanceof UserError && error.field === 'scheduledAt')
          return void (await ack(errorsResponse({ [B.scheduledAt]: errorText(error.code, error.params) })));
        if (error instanceof UserError)
          return void (await ack({
            response_action: 'update',
            view: refusalModal(errorText(error.code, error.params)),
          }));
        throw error;
      }
    },
  );
}
