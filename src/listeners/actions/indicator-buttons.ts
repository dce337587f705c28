import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { getIndicatorSets } from '../../services/indicators/steering.js';
import { localInstant } from '../../time.js';
import { indicatorsModal } from '../../views/modals/indicators.js';
import { ackFirst, authorise, tellClicker } from '../guard.js';

/** « Choisir les indicateurs 2026 »: the steering committee's choice, with what is recorded. */
export function openIndicatorsForm(ctx: AppContext) {
  return async (args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ackFirst(args.ack);
    const auth = await authorise(ctx.actors, args.body.user.id, 'manageIndicators');
    if (!auth.ok) return void (await tellClicker(args)(auth.refusal));
    const year = z.coerce.number().int().min(2000).max(2100).parse(args.action.value);
    const [current] = await getIndicatorSets(ctx.db, year);
    const started = ctx.now() >= localInstant(`${year}-01-01`, '00:00', ctx.timeZone);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: indicatorsModal(year, current, started) });
  };
}
