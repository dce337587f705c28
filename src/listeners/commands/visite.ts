import type { AppContext } from '../../context.js';
import { HELP } from '../../texts/fr.js';
import { visitReportModal } from '../../views/modals/visit-report.js';
import { commandListener } from '../guard.js';
import { asksForHelp, visitReportOpening } from '../shared.js';

/** `/visite [SIRET or name]`: opens the visit-report modal, pre-filled with the company when known. */
export const visiteCommand = (ctx: AppContext) =>
  commandListener(ctx, async ({ text, reply, authorise, openModal }) => {
    if (asksForHelp(text)) return reply(HELP.visite);
    if (!(await authorise('fileVisit'))) return;
    await openModal(visitReportModal(await visitReportOpening(ctx, text)));
  });
