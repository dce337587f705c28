import type { KnownBlock } from '@slack/types';
import { findHeadcountBand, shortBandLabel } from '../../reference/headcount-bands.js';
import { findNafSubclass } from '../../reference/naf.js';
import { formatSiret } from '../../reference/siret.js';
import { SECTOR_FAMILY_LABELS } from '../../reference/sector-family.js';
import type { CompanyCard, CompanySummary } from '../../services/companies.js';
import { ACTIONS } from '../../slack/ids.js';
import { CHANNEL_LABELS, RED_FLAG_LABELS } from '../../texts/fr.js';
import { frenchDate } from '../../time.js';
import { actions, button, context, divider, fields, header, section, truncate } from '../blocks.js';
import { redFlagsLine, stakesLine } from './visit.js';

/** Visits shown in full on a card; older ones are counted. Keeps the message under 50 blocks. */
export const CARD_VISITS = 8;

export function companyCardMessage(card: CompanyCard, options: { canFileVisit: boolean }) {
  const naf = findNafSubclass(card.nafCode);
  const band = findHeadcountBand(card.headcountBand);
  const identity = [
    `*SIRET*\n${card.siret ? formatSiret(card.siret) : '_à compléter_'}`,
    `*Activité (NAF rév. 2)*\n${card.nafCode} — ${naf?.label ?? 'code inconnu'}`,
    `*Effectif*\n${band ? shortBandLabel(band) : card.headcountBand}`,
    `*Commune*\n${card.commune}${card.postalCode ? ` (${card.postalCode})` : ''}`,
    `*Secteur*\n${SECTOR_FAMILY_LABELS[card.sectorFamily]}`,
    `*Visites*\n${card.visits.length}`,
  ];
  const flags = card.redFlags.length
    ? `:warning: *Signaux d'alerte* : ${card.redFlags.map((f) => RED_FLAG_LABELS[f]).join(' · ')}`
    : "Aucun signal d'alerte à la dernière visite.";

  const visitBlocks: KnownBlock[] = card.visits.slice(0, CARD_VISITS).flatMap((visit): KnownBlock[] => {
    const who = visit.structure?.name ?? 'structure inconnue';
    if (!visit.shared) {
      return [context(`*${frenchDate(visit.visitDate)}* — ${who} : contenu non partagé (l'entreprise n'a pas donné son accord).`)];
    }
    const visitFlags = redFlagsLine(visit.redFlags);
    return [
      section(
        [
          `*${frenchDate(visit.visitDate)}* — ${who}, <@${visit.capteur.slackUserId}> (${CHANNEL_LABELS[visit.channel].toLowerCase()})`,
          `*Enjeux* : ${stakesLine(visit.stakes)}`,
          `*Diagnostic* : ${truncate(visit.diagnostic, 600)}`,
          ...(visitFlags ? [visitFlags] : []),
        ].join('\n'),
      ),
    ];
  });
  const older = card.visits.length - CARD_VISITS;

  const text = `Fiche entreprise : ${card.name} (${card.commune})`;
  return {
    text,
    blocks: [
      header(card.name),
      fields(identity),
      section(flags),
      divider(),
      ...(card.visits.length ? visitBlocks : [section('_Aucune visite enregistrée pour le moment._')]),
      ...(older > 0 ? [context(`… et ${older} visite(s) plus ancienne(s).`)] : []),
      ...(options.canFileVisit ? [actions('company_card_actions', [button('Nouvelle visite', ACTIONS.openVisitReport, card.id, 'primary')])] : []),
    ],
  };
}

/** Label of a company in lists and select options: « Nom — Commune — 123 456 789 00012 ». */
export function companyLabel(company: CompanySummary): string {
  return [company.name, company.commune, company.siret ? formatSiret(company.siret) : null].filter(Boolean).join(' — ');
}

/** Shown by /entreprise when several companies match. */
export function companyChoicesMessage(query: string, matches: CompanySummary[], total: number) {
  const shown = matches.slice(0, 10);
  return {
    text: `${total} entreprises correspondent à « ${query} ».`,
    blocks: [
      section(`*${total} entreprises* correspondent à « ${truncate(query, 100)} ». Laquelle ?`),
      ...shown.map((c) => section(truncate(companyLabel(c), 300), button('Voir la fiche', ACTIONS.showCompanyCard, c.id))),
      ...(total > shown.length ? [context('Liste limitée aux 10 premières : précisez le nom ou tapez le SIRET.')] : []),
    ],
  };
}

export function companyNotFoundMessage(query: string) {
  const text = `Aucune entreprise connue ne correspond à « ${truncate(query, 100)} ». Vérifiez le SIRET ou l’orthographe ; pour l’ajouter, déposez une visite avec /visite.`;
  return { text, blocks: [section(text)] };
}
