import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { recordItemOutcome } from '../../services/committees/committees.js';
import { collectFieldErrors, required, text } from '../../services/form-fields.js';
import { DECISION_BLOCKS } from '../../slack/ids.js';
import { COMMITTEE_TEXTS } from '../../texts/fr.js';
import { savedModal } from '../../views/modals/administration.js';
import { submissionListener } from '../guard.js';
import { fieldErrorsResponse, readFields, readMetadata, readViewState } from '../view-state.js';

const decisionSchema = z.object({ decision: required(text(2000)) });

/** « Décision »: recorded on the agenda item, whose message is updated in place. */
export const itemDecisionSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'followCommittees', DECISION_BLOCKS.decision, async ({ actor, ack, view }) => {
    const { agendaItemId } = readMetadata(view, z.object({ agendaItemId: z.string().uuid() }));
    const parsed = decisionSchema.safeParse(readFields(readViewState(view.state.values), DECISION_BLOCKS));
    if (!parsed.success)
      return void (await ack(
        fieldErrorsResponse(
          collectFieldErrors<'decision'>(parsed.error.issues),
          DECISION_BLOCKS,
          DECISION_BLOCKS.decision,
        ),
      ));
    await recordItemOutcome(ctx.db, actor, agendaItemId, { kind: 'decision', decision: parsed.data.decision });
    await ack({
      response_action: 'update',
      view: savedModal(COMMITTEE_TEXTS.decisionModal.saved.title, COMMITTEE_TEXTS.decisionModal.saved.text),
    });
    await ctx.notifier.kick();
  });
