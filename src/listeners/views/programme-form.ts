import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { formatSiret } from '../../reference/siret.js';
import { ValidationFailed } from '../../services/errors.js';
import { setProgramme } from '../../services/programmes/programmes.js';
import { PROGRAMME_BLOCKS as B } from '../../slack/ids.js';
import { errorText, PROGRAMME_TEXTS } from '../../texts/fr.js';
import { savedModal } from '../../views/modals/administration.js';
import { submissionListener } from '../guard.js';
import { asList, asString, errorsResponse, fieldErrorsResponse, readMetadata, readViewState } from '../view-state.js';

const metadata = z.object({
  structureId: z.string().uuid(),
  year: z.number().int().min(2000).max(2100),
  shownUpTo: z.object({ addedAt: z.coerce.date(), id: z.string().uuid() }).nullable(),
});
const ids = z.array(z.string().uuid()).max(100);
const monthlyTarget = z.coerce.number().int().min(0).max(500);
const SAVED = PROGRAMME_TEXTS.modal.saved;

/** The programme form: saved whole, or every problem on its field (invalid SIRETs listed). */
export const programmeSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'managePrograms', B.monthlyTarget, async ({ actor, ack, view }) => {
    const { structureId, year, shownUpTo } = readMetadata(view, metadata);
    const state = readViewState(view.state.values);
    const target = monthlyTarget.safeParse(asString(state[B.monthlyTarget]) ?? '');
    if (!target.success || (asString(state[B.monthlyTarget]) ?? '').trim() === '')
      return void (await ack(errorsResponse({ [B.monthlyTarget]: errorText('monthly_target') })));
    const keep = ids.parse(asList(state[B.keep]));
    const add = ids.parse(asList(state[B.add]));
    try {
      const saved = await setProgramme(
        ctx.db,
        actor,
        {
          structureId,
          year,
          monthlyTarget: target.data,
          shownUpTo,
          keepTargetIds: keep,
          addCompanyIds: add,
          sirets: asString(state[B.sirets]) ?? '',
        },
        ctx.now(),
      );
      const pending = SAVED.pending(
        saved.pending.length,
        saved.pending.slice(0, 15).map(formatSiret),
        saved.pending.length > 15,
      );
      await ack({
        response_action: 'update',
        view: savedModal(SAVED.title(year), SAVED.text(year, target.data, saved, pending)),
      });
    } catch (error) {
      if (error instanceof ValidationFailed)
        return void (await ack(
          fieldErrorsResponse(error.errors, { monthlyTarget: B.monthlyTarget, sirets: B.sirets }, B.sirets),
        ));
      throw error;
    }
  });
