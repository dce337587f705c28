import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { editAgenda } from '../../services/committees/agenda.js';
import { countAgendaItems } from '../../services/committees/committees.js';
import { AGENDA_EDIT_BLOCKS as B } from '../../slack/ids.js';
import { COMMITTEE_TEXTS, errorText } from '../../texts/fr.js';
import { savedModal } from '../../views/modals/administration.js';
import { submissionListener } from '../guard.js';
import { asList, readMetadata, readViewState } from '../view-state.js';

const metadata = z.object({ committeeId: z.string().uuid(), shownUpToRank: z.number().int().min(0) });
const ids = z.array(z.string().uuid()).max(100);

/** « Modifier l'ordre du jour »: the items kept, the companies added; before publication only. */
export const agendaEditSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'runCommittees', B.add, async ({ actor, ack, view }) => {
    const { committeeId, shownUpToRank } = readMetadata(view, metadata);
    const state = readViewState(view.state.values);
    const keep = ids.safeParse(asList(state[B.keep]));
    const add = ids.safeParse(asList(state[B.add]));
    if (!keep.success || !add.success)
      return void (await ack({ response_action: 'errors', errors: { [B.add]: errorText('required') } }));
    const { removed, added } = await editAgenda(
      ctx.db,
      actor,
      committeeId,
      { shownUpToRank, keepItemIds: keep.data, addCompanyIds: add.data },
      ctx.now(),
    );
    const count = await countAgendaItems(ctx.db, committeeId);
    await ack({
      response_action: 'update',
      view: savedModal(
        COMMITTEE_TEXTS.agendaEditModal.saved.title,
        COMMITTEE_TEXTS.agendaEditModal.saved.text(added, removed, count),
      ),
    });
  });
