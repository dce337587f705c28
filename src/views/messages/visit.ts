import type { KnownBlock, View } from '@slack/types';
import { formatSiret } from '../../reference/siret.js';
import type { VisitSummary } from '../../services/visits/file-visit.js';
import type { Overlap } from '../../services/visits/overlap.js';
import { ACTIONS, VIEWS } from '../../slack/ids.js';
import {
  CHANNEL_LABELS,
  HIRING_HORIZON_LABELS,
  PRIORITY_LABELS,
  RED_FLAG_LABELS,
  SITE_OUTLOOK_LABELS,
  STAKE_LABELS,
  TREND_LABELS,
} from '../../texts/fr.js';
import { frenchDate } from '../../time.js';
import { actions, button, context, escapeText as esc, fields, header, plain, section, truncate } from '../blocks.js';

type StakeRow = { stake: keyof typeof STAKE_LABELS; priority: keyof typeof PRIORITY_LABELS };
const PRIORITY_ORDER = ['haute', 'moyenne', 'basse'] as const;

/** « Priorité haute : Recrutement, Export · Priorité moyenne : Numérique » */
export function stakesLine(stakes: StakeRow[]): string {
  const groups = PRIORITY_ORDER.map(
    (p) => [p, stakes.filter((s) => s.priority === p).map((s) => STAKE_LABELS[s.stake])] as const,
  )
    .filter(([, names]) => names.length > 0)
    .map(([p, names]) => `${PRIORITY_LABELS[p]} : ${names.join(', ')}`);
  return groups.length ? groups.join(' · ') : 'Aucun enjeu indiqué';
}

export function redFlagsLine(flags: { flag: keyof typeof RED_FLAG_LABELS }[]): string | null {
  return flags.length ? `:warning: ${flags.map((f) => RED_FLAG_LABELS[f.flag]).join(' · ')}` : null;
}

/** The facts of a visit as short mrkdwn fields. */
export function visitFacts(visit: VisitSummary): string[] {
  const facts = [`*Date*\n${frenchDate(visit.visitDate)} (${CHANNEL_LABELS[visit.channel].toLowerCase()})`];
  if (visit.headcount !== null) {
    facts.push(
      `*Effectif*\n${visit.headcount} salariés${visit.headcountTrend ? ` (${TREND_LABELS[visit.headcountTrend].toLowerCase()})` : ''}`,
    );
  }
  if (visit.hiringNeeds.length) {
    const total = visit.hiringNeeds.reduce((n, h) => n + h.count, 0);
    const when = visit.hiringHorizon ? ` — ${HIRING_HORIZON_LABELS[visit.hiringHorizon].toLowerCase()}` : '';
    facts.push(
      `*Recrutements*\n${total} poste(s)${when} : ${visit.hiringNeeds.map((h) => `${esc(h.jobFamily)} (${h.count})`).join(', ')}`,
    );
  }
  if (visit.jobsAtRisk) facts.push(`*Emplois menacés*\n${visit.jobsAtRisk}`);
  if (visit.siteOutlook) facts.push(`*Perspectives*\n${SITE_OUTLOOK_LABELS[visit.siteOutlook]}`);
  facts.push(`*Partage avec les partenaires*\n${visit.consentToShare ? 'Accepté' : 'Refusé'}`);
  if (visit.toCommitteeAgenda) facts.push('*Comité technique*\nÀ l’ordre du jour du prochain comité');
  return facts;
}

function visitBlocks(visit: VisitSummary): KnownBlock[] {
  const company = visit.company;
  const flags = redFlagsLine(visit.redFlags);
  return [
    section(
      `*${esc(company.name)}* — ${esc(company.commune)}${company.siret ? ` — SIRET ${formatSiret(company.siret)}` : ''}`,
    ),
    fields(visitFacts(visit)),
    section(`*Enjeux* : ${stakesLine(visit.stakes)}`),
    section(`*Premier diagnostic*\n${truncate(esc(visit.diagnostic), 1500)}`),
    ...(flags ? [context(flags)] : []),
  ];
}

/** What the modal turns into once the report is saved. */
export function visitSavedModal(visit: VisitSummary): View {
  return {
    type: 'modal',
    callback_id: VIEWS.visitSaved,
    title: plain('Visite enregistrée'),
    close: plain('Fermer'),
    blocks: [section(':white_check_mark: Votre compte rendu est enregistré. Merci !'), ...visitBlocks(visit)],
  };
}

/** The confirmation sent to the capteur as a direct message (kept in their history). */
export function visitConfirmationMessage(visit: VisitSummary) {
  const text = `Compte rendu de visite enregistré : ${esc(visit.company.name)}, ${frenchDate(visit.visitDate)}.`;
  return {
    text,
    blocks: [
      header('Compte rendu de visite enregistré'),
      ...visitBlocks(visit),
      actions('visit_confirmation_actions', [
        button('Voir la fiche entreprise', ACTIONS.showCompanyCard, visit.company.id),
      ]),
    ],
  };
}

/**
 * To a capteur whose visit overlaps another structure's: who else saw the company, and when, so
 * they can coordinate. Dates, people and structures only — no content of the other visit.
 */
export function visitOverlapMessage(overlap: Overlap) {
  const { visit, others } = overlap;
  const name = esc(truncate(visit.company.name, 200));
  const lines = others.map(
    (o) =>
      `• le ${frenchDate(o.visitDate)} par <@${o.capteur.slackUserId}>${o.structure ? ` (${esc(truncate(o.structure.name, 120))})` : ''}`,
  );
  return {
    text: `${esc(visit.company.name)} a aussi été visitée par une autre structure`,
    blocks: [
      section(
        `:busts_in_silhouette: *${name}* (${esc(visit.company.commune)}), que vous avez visitée le ${frenchDate(visit.visitDate)}, a aussi été visitée :\n${lines.join('\n')}`,
      ),
      context(
        'Pensez à vous coordonner avant de la recontacter : la fiche `/entreprise` rassemble les visites et les actions.',
      ),
      actions('overlap_actions', [button('Fiche entreprise', ACTIONS.showCompanyCard, visit.company.id)]),
    ],
  };
}
