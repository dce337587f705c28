import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { formatNaf, searchNafSubclasses } from '../../reference/naf.js';
import { searchCompanies } from '../../services/companies.js';
import { can, type Permission } from '../../services/permissions.js';
import { option, truncate } from '../../views/blocks.js';
import { companyLabel } from '../../views/messages/company-card.js';

const suggestion = z.object({ value: z.string().default(''), user: z.object({ id: z.string() }) });

/** Slack shows at most 100 options; a short list is easier to read while typing. */
const MAX_OPTIONS = 25;

/** Type-ahead on known companies (SIRET or name): for capteurs in their forms, the coordination in an agenda. */
export function companyPickerOptions(ctx: AppContext, permission: Permission = 'fileVisit') {
  return async ({ ack, body }: SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs) => {
    const { value, user } = suggestion.parse(body);
    if (!can(await ctx.actors.find(user.id), permission)) return void (await ack({ options: [] }));
    const companies = await searchCompanies(ctx.db, value, MAX_OPTIONS);
    await ack({ options: companies.map((c) => option(truncate(companyLabel(c), 75), c.id)) });
  };
}

/** Type-ahead on the NAF rév. 2 sous-classes, for the visit-report modal's capteurs. */
export function nafPickerOptions(ctx: AppContext) {
  return async ({ ack, body }: SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs) => {
    const { value, user } = suggestion.parse(body);
    if (!can(await ctx.actors.find(user.id), 'fileVisit')) return void (await ack({ options: [] }));
    await ack({
      options: searchNafSubclasses(value, MAX_OPTIONS).map((entry) => option(formatNaf(entry), entry.code)),
    });
  };
}
