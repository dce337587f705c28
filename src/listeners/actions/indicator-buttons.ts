import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { getIndicatorSets } from '../../services/indicators/steering.js';
import { localInstant } from '../../time.js';
import { indicatorsModal } from '../../views/modals/indicators.js';
import { buttonListener } from '../guard.js';

const yearValue = z.coerce.number().int().min(2000).max(2100);

/** « Choisir les indicateurs 2026 »: the steering committee's choice, with what is recorded. */
export const openIndicatorsForm = (ctx: AppContext) =>
  buttonListener(ctx, 'manageIndicators', yearValue, async ({ value: year, openModal }) => {
    const [current] = await getIndicatorSets(ctx.db, year);
    const started = ctx.now() >= localInstant(`${year}-01-01`, '00:00', ctx.timeZone);
    await openModal(indicatorsModal(year, current, started));
  });
