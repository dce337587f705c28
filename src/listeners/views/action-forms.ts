import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { parseActionForm, parseDueForm, parseNote, parseStatusForm } from '../../services/actions/action-form.js';
import { changeAction, createAction, type ActionChange } from '../../services/actions/actions.js';
import { ValidationFailed } from '../../services/errors.js';
import { ACTION_BLOCKS, ACTION_CHANGE_BLOCKS as C } from '../../slack/ids.js';
import { ACTION_TEXTS } from '../../texts/fr.js';
import { localDate } from '../../time.js';
import { savedModal } from '../../views/modals/administration.js';
import { submissionListener } from '../guard.js';
import { type errorsResponse, fieldErrorsResponse, readFields, readMetadata, readViewState } from '../view-state.js';

const createMetadata = z.object({
  submissionKey: z.string().min(1),
  companyId: z.string().uuid(),
  alertId: z.string().uuid().optional(),
  agendaItemId: z.string().uuid().optional(),
});
// A form opened before submission keys (an older modal still open) has none: it is saved as before.
const changeMetadata = z.object({ actionId: z.string().uuid(), submissionKey: z.string().min(1).max(100).optional() });

/** « Créer une action »: validated, saved once, then its message and its owner's DM go out. */
export const actionCreateSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'manageActions', ACTION_BLOCKS.title, async ({ actor, ack, view }) => {
    const meta = readMetadata(view, createMetadata);
    const now = ctx.now();
    const state = readViewState(view.state.values);
    const parsed = parseActionForm(
      { submissionKey: meta.submissionKey, companyId: meta.companyId, ...readFields(state, ACTION_BLOCKS) },
      localDate(ctx.timeZone, now),
    );
    if (!parsed.ok) return void (await ack(fieldErrorsResponse(parsed.errors, ACTION_BLOCKS, ACTION_BLOCKS.title)));
    try {
      const origin = meta.agendaItemId
        ? ({ kind: 'comite', agendaItemId: meta.agendaItemId } as const)
        : meta.alertId
          ? ({ kind: 'alerte', alertId: meta.alertId } as const)
          : ({ kind: 'ad_hoc' } as const);
      await createAction(ctx.db, actor, parsed.action, origin, now, ctx.actions);
    } catch (error) {
      if (error instanceof ValidationFailed)
        return void (await ack(fieldErrorsResponse(error.errors, ACTION_BLOCKS, ACTION_BLOCKS.title)));
      throw error;
    }
    await ack({
      response_action: 'update',
      view: savedModal(ACTION_TEXTS.createModal.saved.title, ACTION_TEXTS.createModal.saved.text),
    });
    await ctx.notifier.kick();
  });

/** The three forms that change an action: its status, a note, its due date. */
function actionChangeSubmission(
  ctx: AppContext,
  errorBlockId: string,
  read: (
    state: ReturnType<typeof readViewState>,
    today: string,
  ) => { ok: true; change: ActionChange } | { ok: false; errors: ReturnType<typeof errorsResponse> },
) {
  return submissionListener(ctx, 'manageActions', errorBlockId, async ({ actor, ack, view }) => {
    const { actionId, submissionKey } = readMetadata(view, changeMetadata);
    const now = ctx.now();
    const form = read(readViewState(view.state.values), localDate(ctx.timeZone, now));
    if (!form.ok) return void (await ack(form.errors));
    await changeAction(ctx.db, actor, actionId, form.change, now, ctx.actions, submissionKey);
    await ack({
      response_action: 'update',
      view: savedModal(ACTION_TEXTS.changeModal.saved.title, ACTION_TEXTS.changeModal.saved.text),
    });
    await ctx.notifier.kick();
  });
}

export const actionStatusSubmission = (ctx: AppContext) =>
  actionChangeSubmission(ctx, C.note, (state) => {
    const parsed = parseStatusForm(readFields(state, { status: C.status, note: C.note }));
    return parsed.ok
      ? { ok: true, change: { kind: 'statut', status: parsed.status, note: parsed.note } }
      : { ok: false, errors: fieldErrorsResponse(parsed.errors, { status: C.status, note: C.note }, C.note) };
  });

export const actionNoteSubmission = (ctx: AppContext) =>
  actionChangeSubmission(ctx, C.note, (state) => {
    const parsed = parseNote(readFields(state, { note: C.note }).note);
    return parsed.ok
      ? { ok: true, change: { kind: 'note', note: parsed.note } }
      : { ok: false, errors: fieldErrorsResponse(parsed.errors, { note: C.note }, C.note) };
  });

export const actionDueSubmission = (ctx: AppContext) =>
  actionChangeSubmission(ctx, C.dueDate, (state, today) => {
    const blocks = { dueDate: C.dueDate, reason: C.reason };
    const parsed = parseDueForm(readFields(state, blocks), today);
    return parsed.ok
      ? { ok: true, change: { kind: 'echeance', dueDate: parsed.dueDate, reason: parsed.reason } }
      : { ok: false, errors: fieldErrorsResponse(parsed.errors, blocks, C.dueDate) };
  });
