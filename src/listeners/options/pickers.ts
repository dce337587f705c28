import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { formatNaf, searchNafSubclasses } from '../../reference/naf.js';
import { referenceValue, searchCompanies, searchCompaniesAndReference } from '../../services/companies.js';
import { can, type Permission } from '../../services/permissions.js';
import { option, truncate } from '../../views/blocks.js';
import { companyLabel, companyPickerLabel } from '../../views/messages/company-card.js';

const suggestion = z.object({ value: z.string().default(''), user: z.object({ id: z.string() }) });

/** Slack shows at most 100 options; a short list is easier to read while typing. */
const MAX_OPTIONS = 25;

/**
 * Type-ahead on companies (SIRET, SIREN, name or commune): for capteurs in their forms, the
 * coordination in an agenda. With `reference`, the forms whose services create a company from the
 * SIRENE reference also list its establishments not yet on the platform (`sirene:<siret>`), after
 * the followed ones.
 */
export function companyPickerOptions(
  ctx: AppContext,
  permission: Permission = 'fileVisit',
  { reference = false }: { reference?: boolean } = {},
) {
  return async ({ ack, body }: SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs) => {
    const { value, user } = suggestion.parse(body);
    if (!can(await ctx.actors.find(user.id), permission)) return void (await ack({ options: [] }));
    if (!reference) {
      const companies = await searchCompanies(ctx.db, value, MAX_OPTIONS);
      return void (await ack({ options: companies.map((c) => option(truncate(companyLabel(c), 75), c.id)) }));
    }
    const found = await searchCompaniesAndReference(ctx.db, value, MAX_OPTIONS);
    await ack({
      options: [
        ...found.followed.map((c) => option(companyPickerLabel(c, 'followed'), c.id)),
        ...found.reference.map((r) => option(companyPickerLabel(r, 'reference'), referenceValue(r.siret))),
      ],
    });
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
