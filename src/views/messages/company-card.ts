import type { KnownBlock } from '@slack/types';
import { findHeadcountBand, shortBandLabel } from '../../reference/headcount-bands.js';
import { findNafSubclass } from '../../reference/naf.js';
import { formatSiret } from '../../reference/siret.js';
import { SECTOR_FAMILY_LABELS } from '../../reference/sector-family.js';
import type { CompanyCard, CompanySummary } from '../../services/companies.js';
import { ACTION_BUTTONS, ACTIONS } from '../../slack/ids.js';
import { ACTION_STATUS_LABELS, CHANNEL_LABELS, RED_FLAG_LABELS } from '../../texts/fr.js';
import { frenchDate } from '../../time.js';
import { actions, button, context, divider, escapeText, fields, header, section, truncate } from '../blocks.js';
import { redFlagsLine, stakesLine } from './visit.js';

/** Visits shown in full on a card; older ones are counted. Keeps the message under 50 blocks. */
export const CARD_VISITS = 8;

export function companyCardMessage(card: CompanyCard, options: { canFileVisit: boolean; canCreateActions?: boolean }) {
  if (card.erasedAt) return erasedCompanyCard(card.erasedAt);
  const naf = findNafSubclass(card.nafCode);
  const band = findHeadcountBand(card.headcountBand);
  const identity = [
    `*SIRET*\n${card.siret ? formatSiret(card.siret) : '_à compléter_'}`,
    `*Activité (NAF rév. 2)*\n${card.nafCode} — ${naf?.label ?? 'code inconnu'}`,
    `*Effectif*\n${band ? shortBandLabel(band) : card.headcountBand}`,
    `*Commune*\n${escapeText(card.commune)}${card.postalCode ? ` (${card.postalCode})` : ''}`,
    `*Secteur*\n${SECTOR_FAMILY_LABELS[card.sectorFamily]}`,
    `*Visites*\n${card.visitCount}`,
  ];
  const flags = card.redFlags.length
    ? `:warning: *Signaux d'alerte* : ${card.redFlags.map((f) => RED_FLAG_LABELS[f]).join(' · ')}`
    : card.visits.some((v) => v.shared)
      ? "Aucun signal d'alerte à la dernière visite."
      : card.visits.length
        ? "Signaux d'alerte : non communiqués (visites non partagées)."
        : "Aucun signal d'alerte : l'entreprise n'a pas encore été visitée.";

  const visitBlocks: KnownBlock[] = card.visits.slice(0, CARD_VISITS).flatMap((visit): KnownBlock[] => {
    const who = escapeText(visit.structure?.name ?? 'structure inconnue');
    if (!visit.shared) {
      return [
        context(
          `*${frenchDate(visit.visitDate)}* — ${who} : contenu non partagé (l'entreprise n'a pas donné son accord).`,
        ),
      ];
    }
    const visitFlags = redFlagsLine(visit.redFlags);
    return [
      section(
        [
          `*${frenchDate(visit.visitDate)}* — ${who}, <@${visit.capteur.slackUserId}> (${CHANNEL_LABELS[visit.channel].toLowerCase()})`,
          `*Enjeux* : ${stakesLine(visit.stakes)}`,
          `*Diagnostic* : ${truncate(escapeText(visit.diagnostic), 600)}`,
          ...(visitFlags ? [visitFlags] : []),
        ].join('\n'),
      ),
    ];
  });
  const older = card.visitCount - Math.min(card.visits.length, CARD_VISITS);

  // The fallback text is read as mrkdwn too (notifications): escaped like the blocks.
  const text = `Fiche entreprise : ${escapeText(card.name)} (${escapeText(card.commune)})`;
  return {
    text,
    blocks: [
      header(card.name),
      fields(identity),
      section(flags),
      divider(),
      ...(card.visits.length ? visitBlocks : [section('_Aucune visite enregistrée pour le moment._')]),
      ...(older > 0 ? [context(`… et ${older} visite(s) plus ancienne(s).`)] : []),
      ...(card.agendaItems.length
        ? [
            section(
              truncate(
                `*Décisions du comité technique*\n${card.agendaItems
                  .map(
                    (i) =>
                      `• ${frenchDate(i.committee.scheduledAt)} : ${i.decision ? escapeText(truncate(i.decision, 400)) : 'pas de suite'}`,
                  )
                  .join('\n')}`,
                3000,
              ),
            ),
          ]
        : []),
      ...(card.actions.length
        ? [
            section(
              truncate(
                `*Actions en cours (${card.actions.length})*\n${card.actions.map((a) => `• ${escapeText(a.title)} — ${escapeText(a.ownerStructure.name)} — ${ACTION_STATUS_LABELS[a.status]}, échéance ${frenchDate(a.dueDate)}`).join('\n')}`,
                3000,
              ),
            ),
          ]
        : []),
      ...(options.canFileVisit || options.canCreateActions
        ? [
            actions('company_card_actions', [
              ...(options.canFileVisit ? [button('Nouvelle visite', ACTIONS.openVisitReport, card.id, 'primary')] : []),
              ...(options.canCreateActions ? [button('Créer une action', ACTION_BUTTONS.create, card.id)] : []),
            ]),
          ]
        : []),
    ],
  };
}

/**
 * The card of a company whose data were erased on request: nothing that could identify it — not
 * its commune, activity, size nor the dates of its visits (kept only as anonymous counts).
 */
function erasedCompanyCard(erasedAt: Date) {
  const text = `Données effacées à la demande de l’entreprise le ${frenchDate(erasedAt)}.`;
  return {
    text,
    blocks: [
      header('Entreprise effacée'),
      section(`:wastebasket: ${text}`),
      context('La plateforme n’en garde que des comptes anonymes, pour ses indicateurs et rapports.'),
    ],
  };
}

/** Label of a company in lists and select options: « Nom — Commune — 123 456 789 00012 ». */
export function companyLabel(company: CompanySummary): string {
  return [company.name, company.commune, company.siret ? formatSiret(company.siret) : null].filter(Boolean).join(' — ');
}

/** Companies listed by /entreprise when several match; a longer list asks for a finer search. */
export const MAX_CHOICES = 10;

/** Shown by /entreprise when several companies match (pass up to MAX_CHOICES + 1 to detect more). */
export function companyChoicesMessage(query: string, matches: CompanySummary[]) {
  const shown = matches.slice(0, MAX_CHOICES);
  const count = matches.length > MAX_CHOICES ? `Plus de ${MAX_CHOICES} entreprises` : `${matches.length} entreprises`;
  return {
    text: `${count} correspondent à « ${escapeText(query)} ».`,
    blocks: [
      section(`*${count}* correspondent à « ${truncate(escapeText(query), 100)} ». Laquelle ?`),
      ...shown.map((c) =>
        section(truncate(escapeText(companyLabel(c)), 300), button('Voir la fiche', ACTIONS.showCompanyCard, c.id)),
      ),
      ...(matches.length > MAX_CHOICES
        ? [context(`Liste limitée aux ${MAX_CHOICES} premières : précisez le nom ou tapez le SIRET.`)]
        : []),
    ],
  };
}

export function companyNotFoundMessage(query: string) {
  const text = `Aucune entreprise connue ne correspond à « ${truncate(escapeText(query), 100)} ». Vérifiez le SIRET ou l’orthographe ; pour l’ajouter, déposez une visite avec /visite.`;
  return { text, blocks: [section(text)] };
}
