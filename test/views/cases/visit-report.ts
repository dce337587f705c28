/** The visit report's views: the form, the saved visit (modal and direct message), the overlap notice. */
import { expect } from 'vitest';
import type { VisitSummary } from '../../../src/services/visits/file-visit.js';
import type { Overlap } from '../../../src/services/visits/overlap.js';
import { ACTIONS, VIEWS, VISIT_BLOCKS } from '../../../src/slack/ids.js';
import { frenchDate } from '../../../src/time.js';
import { escapeText } from '../../../src/views/blocks.js';
import { visitConfirmationMessage, visitOverlapMessage } from '../../../src/views/messages/visit.js';
import { type VisitModalInput, visitReportModal } from '../../../src/views/modals/visit-report.js';
import { escapedCut, slackId } from '../fixtures/common.js';
import {
  type Case,
  type JPayload,
  buttons,
  entry,
  expectTypedMarkupEscaped,
  expectWellFormedModal,
  inputById,
  inputs,
  showsText,
} from '../fixtures/payload.js';
import {
  MINIMAL_SUMMARY,
  OPENING_BLANK,
  OPENING_COMPANY,
  OPENING_NEW_SIRET,
  OPENING_WORST_COMPANY,
  PICKED_COMPANY,
  PICKED_WORST,
  REALISTIC_OVERLAP,
  REALISTIC_SUMMARY,
  WORST_OVERLAP,
  WORST_SUMMARY,
} from '../fixtures/visit-report.js';

const B = VISIT_BLOCKS;
const NEW_COMPANY = [B.newSiret, B.newName, B.newNaf, B.newHeadcountBand, B.newCommune, B.newPostalCode];
const FIGURES = [B.headcount, B.hiringNeeds, B.jobsAtRisk, B.exportSharePct, B.situation];
/** What the form requires, in Slack's sense: no « (facultatif) » on them, and Slack refuses the form without them. */
const REQUIRED = new Set<string>([
  B.companyId,
  B.newName,
  B.newNaf,
  B.newHeadcountBand,
  B.newCommune,
  B.visitDate,
  B.channel,
  B.figures,
  B.stakes,
  B.needs,
  B.diagnostic,
]);

function expectVisitReportModal(p: JPayload, opening: VisitModalInput) {
  expect(p.callback_id).toBe(VIEWS.visitReport);
  expect(p.submit?.text).toBe('Enregistrer');
  expectWellFormedModal(p);
  // The company one way at a time, the figures unless skipped, the rest always; each input once.
  const expected = [
    ...(opening.newCompany ? NEW_COMPANY : [B.companyId]),
    B.visitDate,
    B.channel,
    B.figures,
    ...(opening.skipFigures ? [] : FIGURES),
    B.stakes,
    B.needs,
    B.diagnostic,
    B.followUp,
  ];
  expect(inputs(p).map((b) => b.block_id)).toEqual(expected);
  for (const block of inputs(p))
    expect([block.block_id, !block.optional]).toEqual([block.block_id, REQUIRED.has(block.block_id!)]);
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({ submissionKey: opening.submissionKey });
  // The stakes: one list, a group per priority, every stake in each.
  const stakes = inputById(p, B.stakes).element as unknown as { option_groups: { options: { value: string }[] }[] };
  expect(stakes.option_groups.map((g) => g.options.length)).toEqual([11, 11, 11]);
  if (!opening.skipFigures) {
    // The six one-answer questions in one list: trends, site, investment, hiring horizon, transmission.
    const situation = inputById(p, B.situation).element as unknown as { option_groups: { options: unknown[] }[] };
    expect(situation.option_groups.map((g) => g.options.length)).toEqual([3, 3, 4, 2, 2, 3]);
  }
  if (opening.newCompany) {
    expect(inputById(p, B.newSiret).element?.initial_value).toBe(opening.newSiret);
    expect(buttons(p).map((b) => b.action_id)).toEqual([ACTIONS.visitKnownCompany]);
    return;
  }
  const company = inputById(p, B.companyId).element!;
  expect(company.action_id).toBe(ACTIONS.companyPicker);
  expect(inputById(p, B.companyId).dispatch_action).toBe(true);
  expect(company.initial_option?.value).toBe(opening.company?.id);
  // Once a company is known its identity shows instead of the way to create one.
  expect(buttons(p).map((b) => b.action_id)).toEqual(opening.identity ? [] : [ACTIONS.visitNewCompany]);
  if (opening.identity)
    expect(showsText(p, opening.identity.siret ? 'SIRET 732 829 320 00074' : 'SIRET à compléter')).toBe(true);
}

function expectVisitSummary(p: JPayload, visit: VisitSummary) {
  // User text reaches mrkdwn escaped (&, <, >), never raw.
  expect(showsText(p, escapeText(visit.company.name).slice(0, 100))).toBe(true);
  expect(showsText(p, '*Premier diagnostic*')).toBe(true);
  expect(showsText(p, escapeText(visit.diagnostic).slice(0, 200))).toBe(true);
  expect(showsText(p, ':warning:')).toBe(visit.redFlags.length > 0);
  expect(showsText(p, visit.stakes.length ? 'Priorité' : 'Aucun enjeu indiqué')).toBe(true);
  expect(showsText(p, 'SIRET')).toBe(visit.company.siret !== null);
}

/** Who else visited and when, one line each; the company card to coordinate; nothing else of the other visits. */
function expectOverlap(p: JPayload, o: Overlap) {
  expect(p.text).toContain('a aussi été visitée par une autre structure');
  const [first, ...lines] = p.blocks[0]!.text!.text.split('\n');
  expect(first).toBe(
    `:busts_in_silhouette: *${escapedCut(o.visit.company.name, 200)}* (${escapeText(o.visit.company.commune)}), que vous avez visitée le ${frenchDate(o.visit.visitDate)}, a aussi été visitée :`,
  );
  expect(lines).toEqual(
    o.others.map(
      (x) =>
        `• le ${frenchDate(x.visitDate)} par <@${x.capteur.slackUserId}>${x.structure ? ` (${escapedCut(x.structure.name, 120)})` : ''}`,
    ),
  );
  expect(showsText(p, 'la fiche `/entreprise` rassemble les visites et les actions')).toBe(true);
  expect(buttons(p).map((b) => [b.action_id, b.value, b.text?.text])).toEqual([
    [ACTIONS.showCompanyCard, o.visit.company.id, 'Fiche entreprise'],
  ]);
}

export const VISIT_REPORT_CASES: Case[] = [
  // --- Modals: visit report ---
  entry(visitReportModal, 'blank /visite', 'modal', [OPENING_BLANK], (p) => {
    expectVisitReportModal(p, OPENING_BLANK);
    // Consent is given by ticking its box, never by default (nor the agenda).
    const followUp = inputById(p, B.followUp).element!;
    expect(followUp.type).toBe('checkboxes');
    expect(followUp.options?.map((o) => o.value)).toEqual(['partage', 'comite']);
    expect(followUp.initial_options).toBeUndefined();
  }),
  entry(visitReportModal, 'known company pre-filled', 'modal', [OPENING_COMPANY], (p) =>
    expectVisitReportModal(p, OPENING_COMPANY),
  ),
  entry(
    visitReportModal,
    'worst case: 300-char company label, long submission key',
    'modal',
    [OPENING_WORST_COMPANY],
    (p) => expectVisitReportModal(p, OPENING_WORST_COMPANY),
  ),
  entry(visitReportModal, 'unknown SIRET pre-filled', 'modal', [OPENING_NEW_SIRET], (p) =>
    expectVisitReportModal(p, OPENING_NEW_SIRET),
  ),

  entry(visitReportModal, 'company picked: identity shown, typed values kept', 'modal', [PICKED_COMPANY], (p) => {
    expectVisitReportModal(p, PICKED_COMPANY);
    expect(
      showsText(
        p,
        'SIRET 732 829 320 00074 · NAF 25.62B — Mécanique industrielle · 20 à 49 salariés · Vierzon (18100)',
      ),
    ).toBe(true);
    expect(inputById(p, B.visitDate).element?.initial_date).toBe('2026-02-27');
    expect(inputById(p, B.channel).element?.initial_option?.value).toBe('telephone');
    expect(inputById(p, B.headcount).element?.initial_value).toBe('38');
    expect(inputById(p, B.situation).element?.initial_options?.map((o) => o.value)).toEqual([
      'headcountTrend:hausse',
      'hiringHorizon:urgent',
    ]);
    expect(inputById(p, B.stakes).element?.initial_options?.map((o) => o.value)).toEqual([
      'haute:recrutement',
      'basse:export',
    ]);
    expect(inputById(p, B.needs).element?.initial_value).toBe('Deux soudeurs.');
    expect(inputById(p, B.followUp).element?.initial_options?.map((o) => o.value)).toEqual(['partage', 'comite']);
    expect(inputById(p, B.figures).element?.initial_option?.value).toBe('renseigner');
  }),
  entry(
    visitReportModal,
    'worst case: picked company without SIRET, unknown codes, markup in the commune, 3000-char texts kept, figures skipped',
    'modal',
    [PICKED_WORST],
    (p) => {
      expectVisitReportModal(p, PICKED_WORST);
      expect(inputById(p, B.figures).element?.initial_option?.value).toBe('passer');
      expect(inputById(p, B.diagnostic).element?.initial_value).toBe(PICKED_WORST.kept!.diagnostic!.value);
      expectTypedMarkupEscaped(p);
    },
  ),

  // --- The visit's direct message: the summary and what to do next ---
  entry(visitConfirmationMessage, 'realistic visit', 'message', [REALISTIC_SUMMARY], (p) => {
    expectVisitSummary(p, REALISTIC_SUMMARY);
    expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual([
      [ACTIONS.showCompanyCard, REALISTIC_SUMMARY.company.id],
    ]);
  }),
  entry(
    visitConfirmationMessage,
    'worst case: long everything, all stakes, every flag, 60 hiring lines',
    'message',
    [WORST_SUMMARY],
    (p) => expectVisitSummary(p, WORST_SUMMARY),
  ),
  entry(visitConfirmationMessage, 'nothing optional answered', 'message', [MINIMAL_SUMMARY], (p) =>
    expectVisitSummary(p, MINIMAL_SUMMARY),
  ),
  // « Signaler une alerte recrutement »: when the visit recorded hiring needs, to who may raise alerts.
  entry(
    visitConfirmationMessage,
    'hiring needs, to a capteur who may raise alerts',
    'message',
    [REALISTIC_SUMMARY, { canRaiseAlert: true }],
    (p) => {
      expectVisitSummary(p, REALISTIC_SUMMARY);
      expect(buttons(p).map((b) => [b.action_id, b.value, b.text?.text])).toEqual([
        [ACTIONS.showCompanyCard, REALISTIC_SUMMARY.company.id, 'Voir la fiche entreprise'],
        [ACTIONS.raiseAlertFromVisit, REALISTIC_SUMMARY.id, 'Signaler une alerte recrutement'],
      ]);
    },
  ),
  entry(
    visitConfirmationMessage,
    'worst case with the alert button: long everything, 60 hiring lines',
    'message',
    [WORST_SUMMARY, { canRaiseAlert: true }],
    (p) => {
      expectVisitSummary(p, WORST_SUMMARY);
      expect(buttons(p).map((b) => b.action_id)).toEqual([ACTIONS.showCompanyCard, ACTIONS.raiseAlertFromVisit]);
    },
  ),
  entry(
    visitConfirmationMessage,
    'no hiring need: no alert button, even to who may raise alerts',
    'message',
    [MINIMAL_SUMMARY, { canRaiseAlert: true }],
    (p) => {
      expectVisitSummary(p, MINIMAL_SUMMARY);
      expect(buttons(p).map((b) => b.action_id)).toEqual([ACTIONS.showCompanyCard]);
    },
  ),

  // --- Messages: the visit overlaps another structure's ---

  entry(visitOverlapMessage, 'one other structure visited two weeks earlier', 'message', [REALISTIC_OVERLAP], (p) => {
    expectOverlap(p, REALISTIC_OVERLAP);
    expect(p.blocks[0]?.text?.text).toBe(
      `:busts_in_silhouette: *Mécanique du Val* (Vierzon), que vous avez visitée le 24/02/2026, a aussi été visitée :\n• le 10/02/2026 par <@${slackId(502)}> (CMA Centre-Val de Loire)`,
    );
  }),
  entry(
    visitOverlapMessage,
    'worst case: 3 other structures, 200-char company name, 120- and 150-char structure names with markup, one without structure',
    'message',
    [WORST_OVERLAP],
    (p) => {
      expectOverlap(p, WORST_OVERLAP);
      expect(p.blocks[0]?.text?.text.split('\n')).toHaveLength(4);
      expect(p.blocks[0]?.text?.text.endsWith(`• le 02/11/2026 par <@${slackId(506)}>`)).toBe(true);
      expect(showsText(p, `${escapedCut(WORST_OVERLAP.others[1]!.structure!.name, 120)})`)).toBe(true);
      expectTypedMarkupEscaped(p);
    },
  ),
];
