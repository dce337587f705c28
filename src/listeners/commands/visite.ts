import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { HELP } from '../../texts/fr.js';
import { localDate } from '../../time.js';
import { visitReportModal, type VisitModalInput } from '../../views/modals/visit-report.js';
import { companyPrefill } from '../company-prefill.js';
import { ackFirst, authorise, ephemeral, openModalForCommand } from '../guard.js';

export const commandPayload = z.object({
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  text: z.string().default(''),
  trigger_id: z.string().min(1),
});

/** `/visite [SIRET or name]`: opens the visit-report modal, pre-filled with the company when known. */
export function visiteCommand(ctx: AppContext) {
  return async ({ command, ack, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    // Ack first: the trigger_id is valid 3 s and Slack shows an error if we are late.
    await ackFirst(ack);
    const { user_id, text, trigger_id } = commandPayload.parse(command);
    if (/^(aide|help|\?)$/i.test(text.trim())) return void (await respond(ephemeral(HELP.visite)));
    const auth = await authorise(ctx.actors, user_id, 'fileVisit');
    if (!auth.ok) return void (await respond(ephemeral(auth.refusal)));
    await openModalForCommand(
      { client, respond, logger: ctx.logger },
      trigger_id,
      visitReportModal(await openingFor(ctx, text)),
    );
  };
}

/** A fresh modal (new submission key), with the company when the text names exactly one. */
export async function openingFor(ctx: AppContext, text: string, companyId?: string): Promise<VisitModalInput> {
  return {
    submissionKey: randomUUID(),
    today: localDate(ctx.timeZone, ctx.now()),
    ...(await companyPrefill(ctx.db, text, companyId)),
  };
}
