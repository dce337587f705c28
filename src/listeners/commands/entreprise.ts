import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { searchCompanies } from '../../services/companies.js';
import { HELP } from '../../texts/fr.js';
import { companyChoicesMessage, companyNotFoundMessage, MAX_CHOICES } from '../../views/messages/company-card.js';
import { ackFirst, authorise } from '../guard.js';
import { asksForHelp, commandPayload, companyCardFor, ephemeral } from '../shared.js';

/** `/entreprise <SIRET or name>`: the company card, or a short list to pick from. */
export function entrepriseCommand(ctx: AppContext) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const { user_id, text } = commandPayload.parse(command);
    const query = text.trim();
    if (!query || asksForHelp(query)) return void (await respond(ephemeral(HELP.entreprise)));
    const auth = await authorise(ctx.actors, user_id, 'readCompanies');
    if (!auth.ok) return void (await respond(ephemeral(auth.refusal)));
    const matches = await searchCompanies(ctx.db, query, MAX_CHOICES + 1);
    if (matches.length === 0)
      return void (await respond({ response_type: 'ephemeral', ...companyNotFoundMessage(query) }));
    if (matches.length > 1) {
      return void (await respond({ response_type: 'ephemeral', ...companyChoicesMessage(query, matches) }));
    }
    const card = await companyCardFor(ctx, auth.actor, matches[0]!.id);
    if (card) await respond({ response_type: 'ephemeral', ...card });
  };
}
