import type { KnownBlock } from '@slack/types';
import { findHeadcountBand, HEADCOUNT_BANDS, shortBandLabel } from '../../reference/headcount-bands.js';
import { findNafSubclass } from '../../reference/naf.js';
import { formatSiret } from '../../reference/siret.js';
import type { CompanyIdentity } from '../../services/companies.js';
import { ACTIONS, VISIT_BLOCKS as B } from '../../slack/ids.js';
import { COMMON } from '../../texts/common.js';
import { COMPANY_TEXTS } from '../../texts/company.js';
import {
  actions,
  button,
  context,
  escapeText,
  externalSelect,
  input,
  option,
  section,
  staticSelect,
  textInput,
} from '../blocks.js';

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
    ...newCompanyInputs(prefill, { required: false }),
  ];
}

/** The inputs that create a company; `required` marks those a new company needs (the visit form, once asked). */
function newCompanyInputs(prefill: CompanyPrefill, { required }: { required: boolean }): KnownBlock[] {
  const needed = { optional: !required };
  return [
    input(
      B.newSiret,
      T.siret,
      textInput({ placeholder: '123 456 789 00012', maxLength: 30, initial: prefill.newSiret }),
      { optional: true, hint: T.siretHint },
    ),
    input(B.newName, T.name, textInput({ maxLength: 200 }), needed),
    input(B.newNaf, T.naf, externalSelect(T.nafPlaceholder, 2), { ...needed, hint: T.nafHint }),
    input(
      B.newHeadcountBand,
      T.headcountBand,
      staticSelect(
        HEADCOUNT_BANDS.map((b) => option(shortBandLabel(b), b.code)),
        T.headcountBandPlaceholder,
      ),
      needed,
    ),
    input(B.newCommune, T.commune, textInput({ maxLength: 100 }), needed),
    input(B.newPostalCode, T.postalCode, textInput({ maxLength: 10 }), optional),
  ];
}

/** How the visit form shows its company part. */
export interface VisitCompanyState extends CompanyPrefill {
  /** The company picked (or named by the command), with what identifies it. */
  identity?: CompanyIdentity | undefined;
  /** The person asked to create a new company (or the command gave an unknown SIRET). */
  newCompany?: boolean | undefined;
}

/** « SIRET 732 829 320 00074 · NAF 25.62B — Mécanique industrielle · 20 à 49 salariés · Vierzon (18100) » */
export function identityLine(c: CompanyIdentity): string {
  const band = findHeadcountBand(c.headcountBand);
  return T.identity(
    [
      T.identitySiret(c.siret ? formatSiret(c.siret) : null),
      T.identityNaf(c.nafCode, findNafSubclass(c.nafCode)?.label ?? null),
      ...(band ? [shortBandLabel(band)] : []),
      T.identityCommune(c.commune, c.postalCode),
    ].map(escapeText),
  );
}

/**
 * The company part of the visit form, one way at a time: the type-ahead alone (required), and
 * once a company is picked its identity under it; or, when asked (« Nouvelle entreprise »), the
 * new company's inputs, required where a company needs them, with a way back to the type-ahead.
 */
export function visitCompanyBlocks(state: VisitCompanyState, title: string): KnownBlock[] {
  if (state.newCompany) {
    return [
      section(title),
      context(T.newOpenHeading),
      ...newCompanyInputs(state, { required: true }),
      actions('visit_company_switch', [button(T.backToKnown, ACTIONS.visitKnownCompany)]),
    ];
  }
  const picked = state.identity
    ? option(state.company?.label ?? state.identity.name, state.identity.id)
    : state.company
      ? option(state.company.label, state.company.id)
      : undefined;
  return [
    section(title),
    input(B.companyId, T.known, externalSelect(COMMON.companySearch, 2, picked), {
      hint: T.knownOnlyHint,
      dispatchAction: true,
    }),
    state.identity
      ? context(identityLine(state.identity))
      : section(T.notListed, button(T.newCompany, ACTIONS.visitNewCompany)),
  ];
}
