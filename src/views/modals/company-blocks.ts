import type { KnownBlock } from '@slack/types';
import { HEADCOUNT_BANDS, shortBandLabel } from '../../reference/headcount-bands.js';
import { VISIT_BLOCKS as B } from '../../slack/ids.js';
import { context, externalSelect, input, option, section, staticSelect, textInput } from '../blocks.js';

/** How a form opens about a company: the one the command named, or a SIRET to create it with. */
export interface CompanyPrefill {
  /** The command named exactly one known company. */
  company?: { id: string; label: string } | undefined;
  /** The command gave a valid SIRET no company has yet: pre-fills the new company's SIRET. */
  newSiret?: string | undefined;
}

const optional = { optional: true };

/**
 * The company part of a form (visit report, alert): a known company by type-ahead, or a new one.
 * Same block ids in every form, so one options listener and one validation serve them all.
 */
export function companyBlocks(prefill: CompanyPrefill, title = '*Entreprise*'): KnownBlock[] {
  return [
    section(title),
    input(
      B.companyId,
      'Entreprise connue',
      externalSelect(
        'SIRET ou nom',
        2,
        prefill.company ? option(prefill.company.label, prefill.company.id) : undefined,
      ),
      {
        optional: true,
        hint: 'Tapez le SIRET ou quelques lettres du nom. Absente de la liste ? Remplissez « Nouvelle entreprise ».',
      },
    ),
    context('*Nouvelle entreprise* — seulement si elle n’est pas dans la liste ci-dessus.'),
    input(
      B.newSiret,
      'SIRET',
      textInput({ placeholder: '123 456 789 00012', maxLength: 30, initial: prefill.newSiret }),
      {
        optional: true,
        hint: '14 chiffres. Inconnu ? Laissez vide : la raison sociale et la commune suffisent, le SIRET sera complété plus tard.',
      },
    ),
    input(B.newName, 'Raison sociale', textInput({ maxLength: 200 }), optional),
    input(B.newNaf, 'Activité (code NAF)', externalSelect('Code ou mots de l’activité, ex. 25.62B ou mécanique', 2), {
      optional: true,
      hint: 'Nomenclature NAF rév. 2 de l’INSEE, au niveau de la sous-classe.',
    }),
    input(
      B.newHeadcountBand,
      "Tranche d'effectif salarié",
      staticSelect(
        HEADCOUNT_BANDS.map((b) => option(shortBandLabel(b), b.code)),
        'Tranche INSEE',
      ),
      optional,
    ),
    input(B.newCommune, 'Commune', textInput({ maxLength: 100 }), optional),
    input(B.newPostalCode, 'Code postal', textInput({ maxLength: 10 }), optional),
  ];
}
