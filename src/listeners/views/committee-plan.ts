import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { countAgendaItems, planCommittee, rescheduleCommittee } from '../../services/committees/committees.js';
import { UserError } from '../../services/errors.js';
import { COMMITTEE_BLOCKS as B } from '../../slack/ids.js';
import { COMMITTEE_TEXTS, errorText } from '../../texts/fr.js';
import { frenchDateTime } from '../../time.js';
import { savedModal } from '../../views/modals/administration.js';
import { committeePlanModal } from '../../views/modals/committee.js';
import { submissionListener } from '../guard.js';
import { asList, asString, errorsResponse, readMetadata, readViewState } from '../view-state.js';

const planForm = z.object({
  scheduledAt: z.coerce.number({ error: 'required' }).int().positive('required'),
  channel: z.string({ error: 'required' }).regex(/^[CG][A-Z0-9]+$/, 'required'),
});
/** What the coordination reads once the session is planned or moved. */
const SAVED = COMMITTEE_TEXTS.planModal;

const planMetadata = z.object({
  committeeId: z.string().uuid().optional(),
  submissionKey: z.string().min(1).max(100).optional(),
  askedOffDay: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

/**
 * « Planifier un comité »: the session, and its draft agenda from the visits marked for it.
 * The same form moves a planned session (« Déplacer », its id in the metadata).
 */
export const committeePlanSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'runCommittees', B.scheduledAt, async ({ actor, ack, view }) => {
    const state = readViewState(view.state.values);
    const parsed = planForm.safeParse({
      scheduledAt: asString(state[B.scheduledAt]),
      channel: asString(state[B.channel]),
    });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]!.path[0]) === 'channel' ? B.channel : B.scheduledAt;
      return void (await ack(errorsResponse({ [field]: errorText('required') })));
    }
    const { committeeId, submissionKey, askedOffDay } = readMetadata(view, planMetadata);
    const input = {
      scheduledAt: new Date(parsed.data.scheduledAt * 1000),
      channelId: parsed.data.channel,
      // The day off the person ticked « Confirmer cette date » for (its local date).
      confirmedOffDay: asList(state[B.confirmOffDay])[0],
    };
    try {
      if (committeeId) {
        const moved = await rescheduleCommittee(ctx.db, actor, committeeId, input, ctx.now(), ctx.workingDays);
        return void (await ack({
          response_action: 'update',
          view: savedModal(
            SAVED.moved.title,
            SAVED.moved.text(frenchDateTime(moved.scheduledAt, ctx.timeZone), moved.channelId),
          ),
        }));
      }
      const committee = await planCommittee(ctx.db, actor, { ...input, submissionKey }, ctx.now(), ctx.workingDays);
      const items = await countAgendaItems(ctx.db, committee.id);
      await ack({
        response_action: 'update',
        view: savedModal(
          SAVED.planned.title,
          SAVED.planned.text(
            frenchDateTime(committee.scheduledAt, ctx.timeZone),
            committee.channelId,
            items,
            ctx.committees.agendaDaysBefore,
          ),
        ),
      });
    } catch (error) {
      // A public holiday or a weekend day: asked once with a box to confirm that very day; submitted
      // again on it unticked, the question goes on the date field.
      if (error instanceof UserError && error.code === 'committee_off_day') {
        const { date = '', weekday = '1', holiday } = error.params;
        const question = SAVED.offDay(date, Number(weekday), holiday ?? null, Boolean(committeeId));
        if (askedOffDay === date)
          return void (await ack(errorsResponse({ [B.scheduledAt]: SAVED.offDayUnconfirmed(question) })));
        return void (await ack({
          response_action: 'update',
          view: committeePlanModal({
            initialAt: input.scheduledAt,
            channelId: input.channelId,
            committeeId,
            submissionKey,
            offDay: { date, question },
          }),
        }));
      }
      // A date the service refuses goes on its field; its other refusals replace the modal.
      if (error instanceof UserError && error.field === 'scheduledAt')
        return void (await ack(errorsResponse({ [B.scheduledAt]: errorText(error.code, error.params) })));
      throw error;
    }
  });
