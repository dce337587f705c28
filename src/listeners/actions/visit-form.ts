import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { companyFromReference, getCompanyIdentity, referenceSiret } from '../../services/companies.js';
import { VIEWS, VISIT_BLOCKS as B } from '../../slack/ids.js';
import { localDate } from '../../time.js';
import type { KeptValues } from '../../views/kept-values.js';
import { companyPickerLabel } from '../../views/messages/company-card.js';
import { FIGURES, type VisitModalInput, visitReportModal } from '../../views/modals/visit-report.js';
import { ackFirst, authorise } from '../guard.js';
import { readMetadata, viewStateSchema } from '../view-state.js';

/** What changed in the open visit form, each redrawing it (views.update) with what was typed. */
export type VisitFormChange = 'company' | 'newCompany' | 'knownCompany' | 'figures';

const payload = z.object({
  user: z.object({ id: z.string() }),
  view: z.object({
    id: z.string(),
    hash: z.string(),
    callback_id: z.string(),
    private_metadata: z.string().optional(),
    state: z.object({ values: viewStateSchema }),
  }),
  actions: z.array(z.object({ selected_option: z.object({ value: z.string() }).nullish() }).passthrough()).min(1),
});

/** The option as chosen, its text included: the type-ahead's label comes back as the person saw it. */
const chosenOption = z.object({
  selected_option: z.object({ value: z.string(), text: z.object({ type: z.literal('plain_text'), text: z.string() }) }),
});

/**
 * The visit form answers as it is filled: a company picked shows its identity instead of the
 * new-company inputs; « Nouvelle entreprise » opens them (and the way back); the figures radio
 * shows or skips its group. The hash makes Slack refuse an update if the form changed meanwhile.
 */
export function visitFormChanged(ctx: AppContext, change: VisitFormChange) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const parsed = payload.safeParse(body);
    if (!parsed.success || parsed.data.view.callback_id !== VIEWS.visitReport) return;
    const { view, user, actions } = parsed.data;
    const auth = await authorise(ctx.actors, user.id, 'fileVisit');
    if (!auth.ok) return;
    const { submissionKey } = readMetadata(view, z.object({ submissionKey: z.string().min(1) }));
    // One element per input block: its state, by block_id.
    const kept: KeptValues = Object.fromEntries(
      Object.entries(view.state.values).map(([blockId, elements]) => [blockId, Object.values(elements)[0]]),
    );
    const input: VisitModalInput = {
      submissionKey,
      today: localDate(ctx.timeZone, ctx.now()),
      newCompany: B.newName in view.state.values,
      skipFigures: kept[B.figures]?.selected_option?.value === FIGURES.skip,
      kept,
    };
    if (change === 'newCompany') input.newCompany = true;
    if (change === 'knownCompany') input.newCompany = false;
    if (change === 'figures') input.skipFigures = actions[0]!.selected_option?.value === FIGURES.skip;
    if (!input.newCompany) {
      const picked = chosenOption.safeParse(view.state.values[B.companyId]?.[B.companyId] ?? {});
      if (picked.success) {
        // A SIRENE establishment picked: the company is made from the reference now (once, whoever
        // picks it), so the form shows its identity like a followed company's and asks none of it.
        const siret = referenceSiret(picked.data.selected_option.value);
        const companyId = siret
          ? await ctx.db
              .$transaction((tx) => companyFromReference(tx, auth.actor, siret))
              .catch((error: unknown) => {
                ctx.logger.warn({ reason: (error as Error).message }, 'reference establishment not created');
                return null;
              })
          : picked.data.selected_option.value;
        const identity = companyId ? await getCompanyIdentity(ctx.db, companyId) : null;
        if (identity) {
          input.identity = identity;
          // Made from the reference, it is followed now: its option says so.
          const label = siret ? companyPickerLabel(identity, 'followed') : picked.data.selected_option.text.text;
          input.company = { id: identity.id, label };
          if (siret)
            kept[B.companyId] = { selected_option: { value: identity.id, text: { type: 'plain_text', text: label } } };
        } else kept[B.companyId] = undefined;
      }
    }
    try {
      await client.views.update({ view_id: view.id, hash: view.hash, view: visitReportModal(input) });
    } catch (error) {
      // hash_conflict: the person changed the form meanwhile; their next change redraws it.
      const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      ctx.logger.warn({ reason: code }, 'visit form not redrawn');
    }
  };
}
