import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { recordItemOutcome } from '../../services/committees/committees.js';
import { UserError } from '../../services/errors.js';
import { collectFieldErrors, required, text } from '../../services/form-fields.js';
import { DECISION_BLOCKS } from '../../slack/ids.js';
import { errorText } from '../../texts/fr.js';
import { refusalModal, savedModal } from '../../views/modals/administration.js';
import { authorise, withSubmissionSafetyNet } from '../guard.js';
import { fieldErrorsResponse, readFields, readViewState } from '../view-state.js';

const decisionSchema = z.object({ decision: required(text(2000)) });

/** « Décision »: recorded on the agenda item, whose message is updated in place. */
export function itemDecisionSubmission(ctx: AppContext) {
  return withSubmissionSafetyNet(
    ctx.logger,
    DECISION_BLOCKS.decision,
    async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
      const auth = await authorise(ctx.actors, body.user.id, 'followCommittees');
      if (!auth.ok) return void (await ack({ response_action: 'update', view: refusalModal(auth.refusal) }));
      const { agendaItemId } = z
        .object({ agendaItemId: z.string().uuid() })
        .parse(JSON.parse(view.private_metadata || '{}'));
      const parsed = decisionSchema.safeParse(readFields(readViewState(view.state.values), DECISION_BLOCKS));
      if (!parsed.success)
        return void (await ack(
          fieldErrorsResponse(
            collectFieldErrors<'decision'>(parsed.error.issues),
            DECISION_BLOCKS,
            DECISION_BLOCKS.decision,
          ),
        ));
      try {
        await recordItemOutcome(ctx.db, auth.actor, agendaItemId, { kind: 'decision', decision: parsed.data.decision });
      } catch (error) {
        if (error instanceof UserError)
          return void (await ack({
            response_action: 'update',
            view: refusalModal(errorText(error.code, error.params)),
          }));
        throw error;
      }
      await ack({
        response_action: 'update',
        view: savedModal('Décision enregistrée', ':white_check_mark: Décision enregistrée sur l’ordre du jour.'),
      });
      await ctx.notifier.kick();
    },
  );
}
