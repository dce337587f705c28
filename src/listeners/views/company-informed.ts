import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { INFORMED_HOW, recordCompanyInformed } from '../../services/committees/committees.js';
import { UserError } from '../../services/errors.js';
import { choice, collectFieldErrors, isoDate, required } from '../../services/form-fields.js';
import { INFORMED_BLOCKS } from '../../slack/ids.js';
import { COMMITTEE_TEXTS, errorText, refusalKind } from '../../texts/fr.js';
import { localDate } from '../../time.js';
import { refusalModal, savedModal } from '../../views/modals/administration.js';
import { withSubmissionSafetyNet } from '../guard.js';
import { fieldErrorsResponse, readFields, readMetadata, readViewState } from '../view-state.js';

const HOW = Object.fromEntries(INFORMED_HOW.map((h) => [h, h])) as Record<
  (typeof INFORMED_HOW)[number],
  (typeof INFORMED_HOW)[number]
>;

/** « Entreprise informée »: how and when the capteur passed the decisions on. */
export function companyInformedSubmission(ctx: AppContext) {
  return withSubmissionSafetyNet(
    ctx.logger,
    INFORMED_BLOCKS.how,
    async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
      const actor = await ctx.actors.find(body.user.id);
      if (!actor)
        return void (await ack({ response_action: 'update', view: refusalModal(errorText('inform_not_yours')) }));
      const { agendaItemId } = readMetadata(view, z.object({ agendaItemId: z.string().uuid() }));
      const today = localDate(ctx.timeZone, ctx.now());
      const schema = z.object({
        how: required(choice(HOW)),
        on: required(isoDate.refine((d) => d <= today, 'date_in_future')),
      });
      const parsed = schema.safeParse(readFields(readViewState(view.state.values), INFORMED_BLOCKS));
      if (!parsed.success)
        return void (await ack(
          fieldErrorsResponse(
            collectFieldErrors<'how' | 'on'>(parsed.error.issues),
            INFORMED_BLOCKS,
            INFORMED_BLOCKS.how,
          ),
        ));
      try {
        await recordCompanyInformed(
          ctx.db,
          actor,
          agendaItemId,
          parsed.data.how,
          new Date(`${parsed.data.on}T00:00:00Z`),
        );
      } catch (error) {
        if (error instanceof UserError)
          return void (await ack({
            response_action: 'update',
            view: refusalModal(errorText(error.code, error.params), refusalKind(error.code)),
          }));
        throw error;
      }
      await ack({
        response_action: 'update',
        view: savedModal(COMMITTEE_TEXTS.informedModal.saved.title, COMMITTEE_TEXTS.informedModal.saved.text),
      });
      await ctx.notifier.kick();
    },
  );
}
