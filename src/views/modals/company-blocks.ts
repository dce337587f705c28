import type { KnownBlock } from '@slack/types';
import { HEADCOUNT_BANDS, shortBandLabel } from '../../reference/headcount-bands.js';
import { VISIT_BLOCKS as B } from '../../slack/ids.js';
import { COMMON } from '../../texts/common.js';
import { COMPANY_TEXTS } from '../../texts/company.js';
import { context, externalSelect, input, option, section, staticSelect, textInput } from '../blocks.js';

/** How a form opens about a company: the one the command named, or a SIRET to create it with. */
export interface CompanyPrefill {
  /** The command named exactly one known company. */
  company?: { id: string; label: string } | undefined;
  /** The command gave a valid SIRET no company has yet: pre-fills the new company's SIRET. */
  newSiret?: string | undefined;
}

const optional = { optional: true };
const T = COMPANY_TEXTS.form;

/**
 * The company part of a form (visit report, alert): a known company by type-ahead, or a new one.
 * Same block ids in every form, so one options listener and one validation serve them all.
 */
export function companyBlocks(prefill: CompanyPrefill, title: string = T.title): KnownBlock[] {
  return [
    section(title),
    input(
      B.companyId,
      T.known,
      externalSelect(
        COMMON.companySearch,
        2,
        prefill.company ? option(prefill.company.label, prefill.company.id) : undefined,
      ),
      { optional: true, hint: T.knownHint },
    ),
    context(T.newHeading),
    input(
      B.newSiret,
      T.siret,
      textInput({ placeholder: '123 456 789 00012', maxLength: 30, initial: prefill.newSiret }),
      { optional: true, hint: T.siretHint },
    ),
    input(B.newName, T.name, textInput({ maxLength: 200 }), optional),
    input(B.newNaf, T.naf, externalSelect(T.nafPlaceholder, 2), { optional: true, hint: T.nafHint }),
    input(
      B.newHeadcountBand,
      T.headcountBand,
      staticSelect(
        HEADCOUNT_BANDS.map((b) => option(shortBandLabel(b), b.code)),
        T.headcountBandPlaceholder,
      ),
      optional,
    ),
    input(B.newCommune, T.commune, textInput({ maxLength: 100 }), optional),
    input(B.newPostalCode, T.postalCode, textInput({ maxLength: 10 }), optional),
  ];
}
