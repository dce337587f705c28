import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { getProgramme } from '../../services/programmes/programmes.js';
import { errorText } from '../../texts/fr.js';
import { programmeModal } from '../../views/modals/programme.js';
import { ackFirst, authorise, tellClicker } from '../guard.js';

const structureYear = z
  .string()
  .regex(/^[0-9a-f-]{36}:\d{4}$/)
  .transform((value) => {
    const [structureId, year] = value.split(':') as [string, string];
    return { structureId, year: Number(year) };
  });

/** « Programme 2026 » on a structure in /plateforme programmes: its form, with what is set. */
export function openProgrammeForm(ctx: AppContext) {
  return async (args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ackFirst(args.ack);
    const tell = tellClicker(args);
    const auth = await authorise(ctx.actors, args.body.user.id, 'managePrograms');
    if (!auth.ok) return void (await tell(auth.refusal));
    const { structureId, year } = structureYear.parse(args.action.value);
    const [structure, programme] = await Promise.all([
      ctx.db.structure.findUnique({ where: { id: structureId }, select: { id: true, name: true } }),
      getProgramme(ctx.db, structureId, year),
    ]);
    if (!structure) return void (await tell(errorText('structure_unknown')));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: programmeModal({ structure, year, programme }),
    });
  };
}
