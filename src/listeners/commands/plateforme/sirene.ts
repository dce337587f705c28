import type { AppContext } from '../../../context.js';
import { sireneStatus } from '../../../services/sirene/status.js';
import { sireneStatusMessage } from '../../../views/messages/sirene.js';
import type { CommandCall } from '../../guard.js';

/** `/plateforme sirene` (coordination): the territory's SIRENE reference and its last imports. */
export async function sireneVerb(ctx: AppContext, { reply, authorise }: CommandCall) {
  if (!(await authorise('followSireneReference'))) return;
  await reply(sireneStatusMessage(await sireneStatus(ctx.db), ctx.timeZone));
}
