import type { AppContext } from '../../context.js';
import { searchCompanies } from '../../services/companies.js';
import { HELP } from '../../texts/fr.js';
import { companyChoicesMessage, companyNotFoundMessage, MAX_CHOICES } from '../../views/messages/company-card.js';
import { commandListener } from '../guard.js';
import { asksForHelp, companyCardFor } from '../shared.js';

/** `/entreprise <SIRET or name>`: the company card, or a short list to pick from. */
export const entrepriseCommand = (ctx: AppContext) =>
  commandListener(ctx, async ({ text: query, reply, authorise }) => {
    if (!query || asksForHelp(query)) return reply(HELP.entreprise);
    const actor = await authorise('readCompanies');
    if (!actor) return;
    const matches = await searchCompanies(ctx.db, query, MAX_CHOICES + 1);
    if (matches.length === 0) return reply(companyNotFoundMessage(query));
    if (matches.length > 1) return reply(companyChoicesMessage(query, matches));
    const card = await companyCardFor(ctx, actor, matches[0]!.id);
    if (card) await reply(card);
  });
