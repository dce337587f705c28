import type { AppContext } from '../../../context.js';
import { normaliseSiret } from '../../../reference/siret.js';
import { findCompanyBySiret } from '../../../services/companies.js';
import { exportCompanyData } from '../../../services/privacy/access.js';
import { errorText, EXPORT_TEXTS, PRIVACY_TEXTS } from '../../../texts/fr.js';
import { escapeText } from '../../../views/blocks.js';
import { eraseConfirmationMessage } from '../../../views/messages/privacy.js';
import type { CommandCall } from '../../guard.js';
import { sendFileToPerson } from '../../send-file.js';

/**
 * `/plateforme rgpd export <SIRET>` (coordination): everything held about a company, sent to the
 * person alone; `/plateforme rgpd effacer <SIRET>` (administrators): its data erased, after a
 * confirmation.
 */
export async function rgpdVerb(ctx: AppContext, { rest, reply, authorise }: CommandCall) {
  const [verb = '', ...siretWords] = rest;
  const siret = normaliseSiret(siretWords.join(''));
  if (!['export', 'effacer'].includes(verb.toLowerCase()) || !/^\d{14}$/.test(siret))
    return reply(errorText('rgpd_usage'));
  const exporting = verb.toLowerCase() === 'export';
  const actor = await authorise(exporting ? 'exportData' : 'eraseCompanyData');
  if (!actor) return;
  const company = await findCompanyBySiret(ctx.db, siret);
  if (!company) return reply(errorText('company_unknown'));
  if (!exporting) return reply(eraseConfirmationMessage(company));
  const { file, filename } = await exportCompanyData(ctx.db, actor, company.id);
  const sent = await sendFileToPerson(
    ctx,
    actor.slackUserId,
    PRIVACY_TEXTS.access.note(escapeText(company.name), ctx.privacy.exportFileDays),
    { file, filename, title: PRIVACY_TEXTS.access.fileTitle(company.name) },
    { kind: 'export_rgpd', companyIds: [company.id], noteNamesCompany: true },
  );
  await reply(sent ? EXPORT_TEXTS.sent : errorText('export_not_sent'));
}
