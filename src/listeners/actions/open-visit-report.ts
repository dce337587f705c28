import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { visitReportModal } from '../../views/modals/visit-report.js';
import { buttonListener } from '../guard.js';
import { visitReportOpening } from '../shared.js';

/** « Nouvelle visite » (App Home, company card): the same modal as /visite, with the card's company. */
export const openVisitReport = (ctx: AppContext) =>
  buttonListener(
    ctx,
    'fileVisit',
    z.string().optional(),
    async ({ value: companyId, openModal }) => {
      await openModal(visitReportModal(await visitReportOpening(ctx, '', companyId || undefined)));
    },
    { refuseIn: 'modal' },
  );
