import type { KnownBlock } from '@slack/types';
import { formatSiret } from '../../reference/siret.js';
import type { VisitSummary } from '../../services/visits/file-visit.js';
import type { Overlap } from '../../services/visits/overlap.js';
import { ACTIONS } from '../../slack/ids.js';
import {
  CHANNEL_LABELS,
  HIRING_HORIZON_LABELS,
  PRIORITY_LABELS,
  RED_FLAG_LABELS,
  SITE_OUTLOOK_LABELS,
  STAKE_LABELS,
  TREND_LABELS,
  VISIT_TEXTS as T,
} from '../../texts/visit.js';
import { frenchDate } from '../../time.js';
import { actions, button, context, escapeAndCut, escapeText as esc, fields, header, section } from '../blocks.js';

type StakeRow = { stake: keyof typeof STAKE_LABELS; priority: keyof typeof PRIORITY_LABELS };
const PRIORITY_ORDER = ['haute', 'moyenne', 'basse'] as const;

/** « Priorité haute : Recrutement, Export · Priorité moyenne : Numérique » */
export function stakesLine(stakes: StakeRow[]): string {
  const groups = PRIORITY_ORDER.map(
    (p) => [p, stakes.filter((s) => s.priority === p).map((s) => STAKE_LABELS[s.stake])] as const,
  )
    .filter(([, names]) => names.length > 0)
    .map(([p, names]) => T.stakesGroup(PRIORITY_LABELS[p], names));
  return groups.length ? groups.join(' · ') : T.noStake;
}

export function redFlagsLine(flags: { flag: keyof typeof RED_FLAG_LABELS }[]): string | null {
  return flags.length ? `:warning: ${flags.map((f) => RED_FLAG_LABELS[f.flag]).join(' · ')}` : null;
}

/** The facts of a visit as short mrkdwn fields. */
export function visitFacts(visit: VisitSummary): string[] {
  const facts = [T.facts.date(frenchDate(visit.visitDate), CHANNEL_LABELS[visit.channel])];
  if (visit.headcount !== null) {
    facts.push(T.facts.headcount(visit.headcount, visit.headcountTrend ? TREND_LABELS[visit.headcountTrend] : null));
  }
  if (visit.hiringNeeds.length) {
    const total = visit.hiringNeeds.reduce((n, h) => n + h.count, 0);
    facts.push(
      T.facts.hiring(
        total,
        visit.hiringHorizon ? HIRING_HORIZON_LABELS[visit.hiringHorizon] : null,
        visit.hiringNeeds.map((h) => T.facts.hiringNeed(esc(h.jobFamily), h.count)).join(', '),
      ),
    );
  }
  if (visit.jobsAtRisk) facts.push(T.facts.jobsAtRisk(visit.jobsAtRisk));
  if (visit.siteOutlook) facts.push(T.facts.siteOutlook(SITE_OUTLOOK_LABELS[visit.siteOutlook]));
  facts.push(T.facts.sharing(visit.consentToShare));
  if (visit.toCommitteeAgenda) facts.push(T.facts.toCommittee);
  return facts;
}

function visitBlocks(visit: VisitSummary): KnownBlock[] {
  const company = visit.company;
  const flags = redFlagsLine(visit.redFlags);
  return [
    section(T.companyLine(esc(company.name), esc(company.commune), company.siret ? formatSiret(company.siret) : null)),
    fields(visitFacts(visit)),
    section(T.stakes(stakesLine(visit.stakes))),
    section(T.diagnostic(escapeAndCut(visit.diagnostic, 1500))),
    ...(flags ? [context(flags)] : []),
  ];
}

/**
 * What the capteur can do next from the confirmation (the modal closes on saving, so this is
 * where it is offered): one button per next step — the company card always, « Signaler une alerte
 * recrutement » when the visit recorded hiring needs and the capteur may raise alerts.
 */
function confirmationButtons(visit: VisitSummary, canRaiseAlert: boolean | undefined) {
  return [
    button(T.confirmation.showCard, ACTIONS.showCompanyCard, visit.company.id),
    ...(canRaiseAlert === true && visit.hiringNeeds.length > 0
      ? [button(T.confirmation.raiseAlert, ACTIONS.raiseAlertFromVisit, visit.id)]
      : []),
  ];
}

/**
 * The confirmation sent to the capteur as a direct message (kept in their history). When the visit
 * recorded hiring needs and the capteur may raise alerts, it offers the alert form pre-filled.
 */
export function visitConfirmationMessage(visit: VisitSummary, options: { canRaiseAlert?: boolean } = {}) {
  const text = T.confirmation.text(esc(visit.company.name), frenchDate(visit.visitDate));
  return {
    text,
    blocks: [
      header(T.confirmation.title),
      ...visitBlocks(visit),
      actions('visit_confirmation_actions', confirmationButtons(visit, options.canRaiseAlert)),
    ],
  };
}

/**
 * To a capteur whose visit overlaps another structure's: who else saw the company, and when, so
 * they can coordinate. Dates, people and structures only — no content of the other visit.
 */
export function visitOverlapMessage(overlap: Overlap) {
  const { visit, others } = overlap;
  const name = escapeAndCut(visit.company.name, 200);
  const lines = others.map((o) =>
    T.overlap.other(
      frenchDate(o.visitDate),
      o.capteur.slackUserId,
      o.structure ? escapeAndCut(o.structure.name, 120) : null,
    ),
  );
  return {
    text: T.overlap.text(esc(visit.company.name)),
    blocks: [
      section(T.overlap.body(name, esc(visit.company.commune), frenchDate(visit.visitDate), lines.join('\n'))),
      context(T.overlap.footer),
      actions('overlap_actions', [button(T.overlap.showCard, ACTIONS.showCompanyCard, visit.company.id)]),
    ],
  };
}
