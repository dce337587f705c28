/**
 * Recruitment alerts: the form, the coordinator's page and France Travail's request in every state,
 * the news of each step, the reminders, the diffusion and the lists.
 */
import { expect } from 'vitest';
import type { AlertState } from '../../../src/generated/prisma/enums.js';
import type { AlertDetails, OpenAlert } from '../../../src/services/alerts/alerts.js';
import { AWAITING_TRANSMISSION, type AlertAction, nextActions } from '../../../src/domain/alert-state-machine.js';
import {
  ACTIONS,
  ACTION_BUTTONS,
  ALERT_ACTION_IDS,
  ALERT_BLOCKS,
  CLOSE_BLOCKS,
  OFFER_BLOCKS,
  VIEWS,
} from '../../../src/slack/ids.js';
import { ALERT_STATE_LABELS, CONTRACT_LABELS, OUTCOME_LABELS } from '../../../src/texts/fr.js';
import { frenchDateTime } from '../../../src/time.js';
import { escapeText, mailLink } from '../../../src/views/blocks.js';
import {
  type Clock,
  alertBreachMessage,
  alertDiffusionMessage,
  alertNewsMessage,
  alertPageMessage,
  alertReminderMessage,
  franceTravailRequestMessage,
  openAlertsMessage,
  positionLine,
} from '../../../src/views/messages/alert.js';
import {
  type AlertModalInput,
  alertRaisedModal,
  alertReportModal,
  closeModal,
  franceTravailEmail,
  offerModal,
  transmitByEmailModal,
} from '../../../src/views/modals/alert.js';
import { LONG_COMPANY_NAME, TIME_ZONE, uuid } from '../fixtures/common.js';
import {
  type Case,
  type JPayload,
  buttons,
  contextTexts,
  entry,
  expectWellFormedModal,
  inputById,
  inputs,
  showsText,
  visibleTexts,
} from '../fixtures/payload.js';
import {
  ALERT_OPENING_BLANK,
  ALERT_OPENING_COMPANY,
  ALERT_OPENING_FROM_VISIT,
  ALERT_OPENING_FROM_VISIT_WORST,
  ALERT_OPENING_NEW_SIRET,
  ALERT_OPENING_WORST,
  ALERT_SCENARIOS,
  ALL_ESCAPED_ALERT,
  type AlertScenario,
  type AlertTransitionRow,
  COORDINATOR_SLACK,
  DEADLINE_AT,
  DEADLINE_TEXT,
  FT_EMAIL,
  LATE,
  LONG_FT_EMAIL,
  ON_TIME,
  REALISTIC_OPEN_ALERTS,
  WORST_OPEN_ALERTS,
  alertDetails,
  hoursAfter,
  RAISED_AT,
  clockFor,
} from '../fixtures/recruitment-alert.js';

/** Is the alert waiting for transmission past its deadline (flagged by the job, or not yet)? */
const overdue = (a: Pick<AlertDetails, 'state' | 'deadlineAt' | 'lateAt'>, clock: Clock) =>
  AWAITING_TRANSMISSION.includes(a.state) && (a.lateAt !== null || clock.now >= a.deadlineAt);

/** The state line (stateLine) of an alert, wherever it is shown. */
function expectStateLine(line: string, a: Pick<AlertDetails, 'state' | 'deadlineAt' | 'lateAt'>, clock: Clock) {
  expect(line).toContain(`*${ALERT_STATE_LABELS[a.state]}*`);
  const awaiting = AWAITING_TRANSMISSION.includes(a.state);
  expect(line.includes('en retard'), `« en retard » in ${line}`).toBe(overdue(a, clock));
  expect(line.includes(' :rotating_light: *en retard*'), `flagged late: ${line}`).toBe(overdue(a, clock));
  expect(line.includes(`échéance le ${frenchDateTime(a.deadlineAt, clock.timeZone)}`)).toBe(awaiting);
  expect(line.includes(clock.now >= a.deadlineAt ? 'en retard de' : 'il reste')).toBe(awaiting);
  expect(line.includes('transmise après l’échéance des 48 h')).toBe(!awaiting && a.lateAt !== null);
}

/**
 * The buttons of the next steps (nextActions ∩ `allowed`), each with the alert's id; buttons
 * beyond the procedure (`besides`, checked by the caller) are left out.
 */
function expectAlertButtons(
  p: JPayload,
  alert: AlertDetails,
  allowed: readonly AlertAction[],
  besides: readonly string[] = [],
) {
  const expected = nextActions(alert.state).filter((a) => allowed.includes(a));
  const steps = buttons(p).filter((b) => !besides.includes(b.action_id ?? ''));
  expect(steps.map((b) => [b.action_id, b.value])).toEqual(expected.map((a) => [ALERT_ACTION_IDS[a], alert.id]));
  for (const b of steps) {
    if (b.action_id !== ALERT_ACTION_IDS.diffuser) {
      expect(b.confirm, `${b.action_id} has no confirm dialog`).toBeUndefined();
      continue;
    }
    // Diffusing publishes to every partner: a dialog says so, and whether the name is withheld.
    expect(b.confirm).toEqual({
      title: { type: 'plain_text', text: 'Diffuser l’offre ?' },
      text: {
        type: 'mrkdwn',
        text: alert.consentToName
          ? "L'offre sera publiée dans le canal des partenaires."
          : "L'offre sera publiée dans le canal des partenaires, sans le nom de l’entreprise.",
      },
      confirm: { type: 'plain_text', text: 'Diffuser' },
      deny: { type: 'plain_text', text: 'Annuler' },
    });
  }
}

function expectAlertPage(p: JPayload, alert: AlertDetails, clock: Clock) {
  expect(p.blocks[0]?.type).toBe('header');
  expect(p.blocks[0]?.text?.text).toBe(`Alerte recrutement ${alert.reference}`);
  expect(p.text).toContain(alert.reference);
  expect(p.text).toContain(ALERT_STATE_LABELS[alert.state]);
  // Exactly the next steps of the state machine, none once closed.
  expectAlertButtons(p, alert, nextActions(alert.state), [ACTION_BUTTONS.createFromAlert]);
  if (alert.state === 'cloturee') expect(buttons(p)).toEqual([]);
  // Beyond the procedure: « Créer une action » following the alert, until it is closed.
  const followUp = buttons(p).filter((b) => b.action_id === ACTION_BUTTONS.createFromAlert);
  expect(followUp.map((b) => b.value)).toEqual(alert.state === 'cloturee' ? [] : [alert.id]);
  expect(buttons(p).some((b) => b.action_id === ALERT_ACTION_IDS.diffuser)).toBe(alert.state === 'offre_enregistree');
  expectStateLine(p.blocks[1]?.text?.text ?? '', alert, clock);
  // What people typed is shown, escaped.
  expect(showsText(p, `*${escapeText(alert.company.name)}*`)).toBe(true);
  expect(showsText(p, `*Urgence* : ${escapeText(alert.urgency).slice(0, 500)}`)).toBe(true);
  for (const position of alert.positions) expect(showsText(p, positionLine(position))).toBe(true);
  expect(showsText(p, escapeText(alert.contactName))).toBe(true);
  expect(showsText(p, `*Nommer l'entreprise aux partenaires*\n${alert.consentToName ? 'Oui' : 'Non'}`)).toBe(true);
  expect(showsText(p, alert.coordinator ? `<@${alert.coordinator.slackUserId}>` : '_personne pour le moment_')).toBe(
    true,
  );
  expect(showsText(p, '*Offre France Travail*')).toBe(alert.offerReference !== null);
  if (alert.offerReference !== null) expect(showsText(p, `réf. *${escapeText(alert.offerReference)}*`)).toBe(true);
  expect(showsText(p, '*Issue*')).toBe(alert.outcome !== null);
  if (alert.outcome) expect(showsText(p, OUTCOME_LABELS[alert.outcome])).toBe(true);
  // Raised from a visit: its date, on the page.
  expect(p.blocks.flatMap(contextTexts).includes(':clipboard: Signalée depuis la visite du 26/11/2026')).toBe(
    alert.visit !== null,
  );
  // The history names every step reached.
  const history = contextTexts(p.blocks[p.blocks.length - 1]!).join(' ');
  for (const t of alert.transitions) expect(history).toContain(ALERT_STATE_LABELS[t.to]);
}

function expectFranceTravailRequest(p: JPayload, alert: AlertDetails, clock: Clock) {
  expect(p.blocks[0]?.text?.text).toBe(`Besoin urgent de recrutement ${alert.reference}`);
  // Only the adviser's own step, and only while France Travail holds the need.
  expectAlertButtons(p, alert, ['enregistrer_offre']);
  expect(buttons(p).map((b) => b.action_id)).toEqual(
    alert.state === 'transmise' ? [ALERT_ACTION_IDS.enregistrer_offre] : [],
  );
  expect(showsText(p, `*${escapeText(alert.company.name)}*`)).toBe(true);
  expect(showsText(p, 'SIRET')).toBe(alert.company.siret !== null);
  for (const position of alert.positions) expect(showsText(p, positionLine(position))).toBe(true);
  expect(showsText(p, escapeText(alert.contactName))).toBe(true);
  const last = p.blocks[p.blocks.length - 1]!;
  expect(last.type).toBe('context');
  expectStateLine(contextTexts(last).join(''), alert, clock);
}

/** What the news of a move into each state says. */
const NEWS_SAYS: Record<AlertState, string> = {
  signalee: 'est enregistrée et la coordination est prévenue',
  prise_en_charge: 'est prise en charge',
  transmise: 'est transmise à France Travail',
  offre_enregistree: "France Travail a enregistré l'offre",
  diffusee: 'est diffusée aux partenaires',
  cloturee: 'est close',
};

function expectNews(p: JPayload, alert: AlertDetails, transition: AlertTransitionRow) {
  const said = p.blocks[0]?.text?.text ?? '';
  for (const [state, words] of Object.entries(NEWS_SAYS))
    expect(said.includes(words), `${state}: ${words}`).toBe(state === transition.to);
  expect(said).toContain(`*${alert.reference}*`);
  // Who did it, when we know (the capteur raised it: no « par »).
  const by = transition.to !== 'signalee' && transition.actor ? ` par <@${transition.actor.slackUserId}>` : '';
  expect(said.includes(' par <@')).toBe(by !== '');
  if (by) expect(said).toContain(by);
  if (transition.to === 'signalee') expect(said).toContain(`*${DEADLINE_TEXT}*`);
  if (transition.to === 'cloturee' && alert.outcome)
    expect(said).toContain(OUTCOME_LABELS[alert.outcome].toLowerCase());
  // The notification text: no mrkdwn stars, times intact.
  expect(p.text).not.toContain('*');
  expect(p.text).toContain(NEWS_SAYS[transition.to]);
  if (transition.to === 'signalee') expect(p.text).toContain(DEADLINE_TEXT);
  expect(showsText(p, `*${escapeText(alert.company.name)}*`)).toBe(true);
  expect(buttons(p)).toEqual([]);
}

function expectDiffusion(p: JPayload, alert: AlertDetails) {
  // A diffused alert has its offer recorded: its reference is shown (escapeText would throw on none).
  expect(showsText(p, `réf. *${escapeText(alert.offerReference!)}*`)).toBe(true);
  for (const position of alert.positions) expect(showsText(p, positionLine(position))).toBe(true);
  expect(buttons(p)).toEqual([]);
  const json = JSON.stringify(p);
  const name = alert.company.name;
  if (alert.consentToName) {
    expect(showsText(p, `*${escapeText(name)} — ${escapeText(alert.company.commune)}*`)).toBe(true);
  } else {
    // Not in any form: raw, escaped, nor its beginning.
    for (const fragment of [name, escapeText(name), name.slice(0, 30)]) expect(json).not.toContain(fragment);
    expect(showsText(p, `*Une entreprise de ${escapeText(alert.company.commune)}*`)).toBe(true);
  }
  // The company's contact stays between the platform and France Travail.
  expect(json).not.toContain(escapeText(alert.contactName));
}

/** The open alerts list (message or Home): a count, then the first `shown`, each with its clock. */
export function expectOpenAlerts(p: JPayload, alerts: OpenAlert[], clock: Clock, shown: number) {
  expect(showsText(p, `*Alertes recrutement en cours (${alerts.length})*`)).toBe(true);
  const sections = p.blocks.filter((b) => b.type === 'section' && /^\*ALR-\d{4}-\d{4}\*/.test(b.text?.text ?? ''));
  expect(sections.map((b) => b.text?.text.slice(1, 14))).toEqual(alerts.slice(0, shown).map((a) => a.reference));
  sections.forEach((b, i) => {
    const a = alerts[i]!;
    const [what = '', clockLine = ''] = (b.text?.text ?? '').split('\n');
    expect(what).toContain(escapeText(a.company.name));
    for (const position of a.positions) expect(what).toContain(`${escapeText(position.jobTitle)} ×${position.count}`);
    expectStateLine(clockLine, a, clock);
  });
  expect(showsText(p, 'Aucune alerte recrutement en cours.')).toBe(alerts.length === 0);
}

function expectAlertReportModal(p: JPayload, opening: AlertModalInput) {
  expect(p.callback_id).toBe(VIEWS.alertReport);
  expectWellFormedModal(p);
  // Every field the submission handler reads, once, keyed by ALERT_BLOCKS.
  expect(
    inputs(p)
      .map((b) => b.block_id)
      .sort(),
  ).toEqual(Object.values(ALERT_BLOCKS).sort());
  // Required: the first position, why it is urgent, who to call, and the consent to be named.
  expect(
    inputs(p)
      .filter((b) => !b.optional)
      .map((b) => b.block_id)
      .sort(),
  ).toEqual(
    [
      ALERT_BLOCKS.p1Title,
      ALERT_BLOCKS.p1Count,
      ALERT_BLOCKS.p1Contract,
      ALERT_BLOCKS.p1Location,
      ALERT_BLOCKS.urgency,
      ALERT_BLOCKS.contactName,
      ALERT_BLOCKS.consentToName,
    ].sort(),
  );
  expect(inputById(p, ALERT_BLOCKS.consentToName).element?.options?.map((o) => o.value)).toEqual(['oui', 'non']);
  expect(inputById(p, ALERT_BLOCKS.p1Contract).element?.options?.map((o) => o.value)).toEqual(
    Object.keys(CONTRACT_LABELS),
  );
  expect(inputById(p, ALERT_BLOCKS.urgency).element?.max_length).toBe(1000);
  const fromVisit = opening.fromVisit;
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({
    submissionKey: opening.submissionKey,
    ...(fromVisit ? { visitId: fromVisit.visitId } : {}),
  });
  // Opened from a visit: its needs pre-fill the positions' titles and counts, nothing else of them.
  const ranks = [1, 2, 3] as const;
  expect(ranks.map((r) => inputById(p, ALERT_BLOCKS[`p${r}Title`]).element?.initial_value)).toEqual(
    ranks.map((r) => fromVisit?.positions[r - 1]?.jobTitle),
  );
  expect(ranks.map((r) => inputById(p, ALERT_BLOCKS[`p${r}Count`]).element?.initial_value)).toEqual(
    ranks.map((r) => {
      const count = fromVisit?.positions[r - 1]?.count;
      return count === undefined ? undefined : String(count);
    }),
  );
  expect(ranks.map((r) => inputById(p, ALERT_BLOCKS[`p${r}Location`]).element?.initial_value)).toEqual([
    undefined,
    undefined,
    undefined,
  ]);
  const urgency = inputById(p, ALERT_BLOCKS.urgency).element?.initial_value;
  expect(urgency === undefined).toBe(fromVisit === undefined);
  expect((urgency ?? '').length).toBeLessThanOrEqual(1000);
  expect(showsText(p, 'Alerte signalée depuis votre visite du 26/11/2026')).toBe(fromVisit !== undefined);
  const company = inputById(p, ALERT_BLOCKS.companyId).element!;
  expect(company.action_id).toBe(ACTIONS.companyPicker);
  expect(company.initial_option?.value).toBe(opening.company?.id);
  expect(inputById(p, ALERT_BLOCKS.newSiret).element?.initial_value).toBe(opening.newSiret);
}

/** The forms that act on one alert: their inputs, and the alert they act on. */
function expectAlertForm(
  p: JPayload,
  callbackId: string,
  blocks: Record<string, string>,
  alert: { id: string; reference: string },
) {
  expect(p.callback_id).toBe(callbackId);
  expectWellFormedModal(p);
  expect(inputs(p).map((b) => b.block_id)).toEqual(Object.values(blocks));
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({ alertId: alert.id });
  expect(showsText(p, `Alerte ${alert.reference}`)).toBe(true);
}

/** The e-mail shown in the « Transmettre » modal: every code block, joined. */
const shownEmail = (p: JPayload) =>
  p.blocks
    .map((b) => b.text?.text ?? '')
    .filter((t) => t.startsWith('```'))
    .map((t) => t.slice(3, -3))
    .join('\n');

function expectTransmitByEmail(p: JPayload, alert: AlertDetails, to: string | undefined) {
  expect(p.callback_id).toBe(VIEWS.alertTransmitByEmail);
  expectWellFormedModal(p);
  expect(p.submit?.text).toBe('C’est envoyé');
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({ alertId: alert.id });
  const email = shownEmail(p);
  expect(email.startsWith(`À : ${escapeText(to ?? '')}`)).toBe(to !== undefined);
  expect(showsText(p, `(${to ? mailLink(to) : ''})`)).toBe(to !== undefined);
  // The whole e-mail, escaped: nothing France Travail needs may be cut off.
  expect(email.replace(/\n/g, '')).toBe(escapeText(franceTravailEmail(alert, to).body).replace(/\n/g, ''));
}

const pageCase = (label: string, scenario: AlertScenario, clock = clockFor(scenario.late ?? false)) => {
  const alert = alertDetails(scenario);
  return entry(alertPageMessage, label, 'message', [alert, clock], (p) => expectAlertPage(p, alert, clock));
};
const requestCase = (label: string, scenario: AlertScenario, clock = clockFor(scenario.late ?? false)) => {
  const alert = alertDetails(scenario);
  return entry(franceTravailRequestMessage, label, 'message', [alert, clock], (p) =>
    expectFranceTravailRequest(p, alert, clock),
  );
};

export const ALERT_CASES: Case[] = [
  // --- Modals: alert form and its outcome ---
  entry(alertReportModal, 'blank /alerte-recrutement', 'modal', [ALERT_OPENING_BLANK], (p) => {
    expectAlertReportModal(p, ALERT_OPENING_BLANK);
    expect(p.submit?.text).toBe('Envoyer l’alerte');
  }),
  entry(alertReportModal, 'known company pre-filled', 'modal', [ALERT_OPENING_COMPANY], (p) =>
    expectAlertReportModal(p, ALERT_OPENING_COMPANY),
  ),
  entry(
    alertReportModal,
    'worst case: 300-char company label, long submission key',
    'modal',
    [ALERT_OPENING_WORST],
    (p) => expectAlertReportModal(p, ALERT_OPENING_WORST),
  ),
  entry(alertReportModal, 'unknown SIRET pre-filled', 'modal', [ALERT_OPENING_NEW_SIRET], (p) =>
    expectAlertReportModal(p, ALERT_OPENING_NEW_SIRET),
  ),
  entry(
    alertReportModal,
    'from a visit: company and two needs pre-filled',
    'modal',
    [ALERT_OPENING_FROM_VISIT],
    (p) => {
      expectAlertReportModal(p, ALERT_OPENING_FROM_VISIT);
      expect(inputById(p, ALERT_BLOCKS.urgency).element?.initial_value).toBe(
        'Besoins relevés lors de la visite du 26/11/2026 : Soudeur TIG (3), Chaudronnier (1). Horizon : urgent (moins de 3 mois).',
      );
    },
  ),
  entry(
    alertReportModal,
    'in the place of the visit form just saved (an urgent hiring need): said so, closed « Plus tard »',
    'modal',
    [{ ...ALERT_OPENING_FROM_VISIT, afterVisitSaved: true }],
    (p) => {
      expectAlertReportModal(p, ALERT_OPENING_FROM_VISIT);
      expect(p.close?.text).toBe('Plus tard');
      expect(p.blocks[0]?.text?.text).toMatch(/^:white_check_mark: \*Visite enregistrée\* : son résumé vous arrive/);
    },
  ),
  entry(alertReportModal, 'from a visit, opened from its confirmation', 'modal', [ALERT_OPENING_FROM_VISIT], (p) => {
    expect(p.close?.text).toBe('Annuler');
    expect(showsText(p, 'Visite enregistrée')).toBe(false);
  }),
  entry(
    alertReportModal,
    'worst case from a visit: 60 long needs, three 120-char positions with markup',
    'modal',
    [ALERT_OPENING_FROM_VISIT_WORST],
    (p) => {
      expectAlertReportModal(p, ALERT_OPENING_FROM_VISIT_WORST);
      const urgency = inputById(p, ALERT_BLOCKS.urgency).element?.initial_value ?? '';
      // Cut at the form's limit: the capteur sees where it stops, and can submit it as it is.
      expect(Array.from(urgency)).toHaveLength(1000);
      expect(urgency.endsWith('…')).toBe(true);
    },
  ),
  entry(
    alertRaisedModal,
    'winter deadline',
    'modal',
    [{ reference: 'ALR-2026-0042', deadlineAt: DEADLINE_AT }, TIME_ZONE],
    (p) => {
      expect(p.callback_id).toBe(VIEWS.alertRaised);
      expect(p.submit).toBeUndefined();
      expect(showsText(p, '*ALR-2026-0042*')).toBe(true);
      expect(showsText(p, `*${DEADLINE_TEXT}*`)).toBe(true);
    },
  ),
  entry(
    alertRaisedModal,
    'worst case: 5-digit number, deadline past midnight in summer time',
    'modal',
    [{ reference: 'ALR-2026-10000', deadlineAt: new Date('2026-07-01T22:30:00Z') }, TIME_ZONE],
    (p) => {
      expect(inputs(p)).toEqual([]);
      expect(showsText(p, '*02/07/2026 à 00:30*')).toBe(true);
    },
  ),
  entry(
    transmitByEmailModal,
    'realistic, France Travail address configured',
    'modal',
    [alertDetails({ state: 'prise_en_charge' }), FT_EMAIL],
    (p) => expectTransmitByEmail(p, alertDetails({ state: 'prise_en_charge' }), FT_EMAIL),
  ),
  entry(
    transmitByEmailModal,
    'realistic, no address configured',
    'modal',
    [alertDetails({ state: 'signalee' }), undefined],
    (p) => expectTransmitByEmail(p, alertDetails({ state: 'signalee' }), undefined),
  ),
  entry(
    transmitByEmailModal,
    'worst case: long everything, 200-char address',
    'modal',
    [alertDetails({ state: 'prise_en_charge', worst: true, late: true }), LONG_FT_EMAIL],
    (p) => expectTransmitByEmail(p, alertDetails({ state: 'prise_en_charge', worst: true, late: true }), LONG_FT_EMAIL),
  ),
  entry(
    transmitByEmailModal,
    'worst case: every typed character escaped, e-mail over 10 000 characters',
    'modal',
    [ALL_ESCAPED_ALERT, LONG_FT_EMAIL],
    (p) => {
      expectTransmitByEmail(p, ALL_ESCAPED_ALERT, LONG_FT_EMAIL);
      expect(p.blocks.filter((b) => b.text?.text.startsWith('```')).length).toBeGreaterThan(3);
    },
  ),
  entry(offerModal, 'realistic', 'modal', [alertDetails({ state: 'transmise' })], (p) => {
    expectAlertForm(p, VIEWS.alertOffer, OFFER_BLOCKS, alertDetails({ state: 'transmise' }));
    expect(
      inputs(p)
        .filter((b) => !b.optional)
        .map((b) => b.block_id),
    ).toEqual([OFFER_BLOCKS.reference, OFFER_BLOCKS.contactName]);
    expect(inputById(p, OFFER_BLOCKS.url).element?.max_length).toBe(500);
  }),
  entry(offerModal, 'worst case: 5-digit reference', 'modal', [{ id: uuid(2002), reference: 'ALR-2026-10000' }], (p) =>
    expectAlertForm(p, VIEWS.alertOffer, OFFER_BLOCKS, { id: uuid(2002), reference: 'ALR-2026-10000' }),
  ),
  entry(closeModal, 'realistic', 'modal', [alertDetails({ state: 'diffusee' })], (p) => {
    expectAlertForm(p, VIEWS.alertClose, CLOSE_BLOCKS, alertDetails({ state: 'diffusee' }));
    expect(inputById(p, CLOSE_BLOCKS.outcome).element?.options?.map((o) => o.value)).toEqual(
      Object.keys(OUTCOME_LABELS),
    );
    expect(inputById(p, CLOSE_BLOCKS.note).element?.max_length).toBe(1000);
  }),
  entry(closeModal, 'worst case: 5-digit reference', 'modal', [{ id: uuid(2002), reference: 'ALR-2026-10000' }], (p) =>
    expectAlertForm(p, VIEWS.alertClose, CLOSE_BLOCKS, { id: uuid(2002), reference: 'ALR-2026-10000' }),
  ),

  // --- Messages: the coordinator's page and the France Travail request, in every state ---
  ...ALERT_SCENARIOS.map(({ label, scenario }) => pageCase(label, scenario)),
  pageCase('worst case: signalee, deadline passed, late not yet flagged', { state: 'signalee', worst: true }, LATE),
  pageCase('prise_en_charge, flagged late by the deadline job', { state: 'prise_en_charge', late: true }),
  pageCase('worst case: offre_enregistree, on time, consent to be named', {
    state: 'offre_enregistree',
    worst: true,
    consentToName: true,
  }),
  pageCase('offre_enregistree, no consent to be named', { state: 'offre_enregistree', consentToName: false }),
  pageCase('signalee, raised from a visit', { state: 'signalee', fromVisit: true }),
  pageCase('worst case: transmise late, raised from a visit', {
    state: 'transmise',
    worst: true,
    late: true,
    fromVisit: true,
  }),
  ...ALERT_SCENARIOS.map(({ label, scenario }) => requestCase(label, scenario)),

  // --- Messages: news of each step ---
  ...ALERT_SCENARIOS.map(({ label, scenario }) => {
    const alert = alertDetails(scenario);
    const last = alert.transitions[alert.transitions.length - 1]!;
    return entry(
      alertNewsMessage,
      `${label}: news of its last step`,
      'message',
      [alert, last.id, clockFor(scenario.late ?? false)],
      (p) => expectNews(p, alert, last),
    );
  }),
  // A closed alert's earlier steps are told as they were (the DM is rendered after the alert moved on).
  ...alertDetails({ state: 'cloturee' }).transitions.map((t) =>
    entry(
      alertNewsMessage,
      `news of the step to ${t.to}, alert since closed`,
      'message',
      [alertDetails({ state: 'cloturee' }), t.id, ON_TIME],
      (p) => expectNews(p, alertDetails({ state: 'cloturee' }), t),
    ),
  ),
  entry(
    alertNewsMessage,
    'unknown transition: tells the current state',
    'message',
    [alertDetails({ state: 'transmise' }), uuid(4999), ON_TIME],
    (p) => {
      expect(p.text).toContain(NEWS_SAYS.transmise);
      expect(p.text).not.toContain(' par <@');
    },
  ),

  // --- Messages: diffusion to the partners ---
  ...[true, false].flatMap((consentToName) => [
    entry(
      alertDiffusionMessage,
      `consent to be named: ${consentToName}`,
      'message',
      [alertDetails({ state: 'diffusee', consentToName })],
      (p) => expectDiffusion(p, alertDetails({ state: 'diffusee', consentToName })),
    ),
    entry(
      alertDiffusionMessage,
      `worst case: consent to be named: ${consentToName}, 3 long positions, 500-char offer URL`,
      'message',
      [alertDetails({ state: 'diffusee', worst: true, late: true, consentToName })],
      (p) => expectDiffusion(p, alertDetails({ state: 'diffusee', worst: true, late: true, consentToName })),
    ),
  ]),

  // --- Messages: reminder and breach of the 48 h deadline ---
  ...(['signalee', 'prise_en_charge', 'transmise'] as const).flatMap((state) => [
    entry(
      alertReminderMessage,
      `${state}, 24 h after raising`,
      'message',
      [alertDetails({ state }), { now: hoursAfter(RAISED_AT, 24), timeZone: TIME_ZONE }],
      (p) => {
        expectAlertButtons(p, alertDetails({ state }), ['prendre_en_charge', 'transmettre']);
        expect(p.text).toBe('Rappel : alerte ALR-2026-0042 à transmettre à France Travail');
        expect(showsText(p, 'signalée il y a 24 h 00, il reste 24 h 00')).toBe(true);
      },
    ),
    entry(
      alertReminderMessage,
      `worst case: ${state}, 47 h after raising`,
      'message',
      [alertDetails({ state, worst: true }), { now: hoursAfter(RAISED_AT, 47), timeZone: TIME_ZONE }],
      (p) => {
        expectAlertButtons(p, alertDetails({ state, worst: true }), ['prendre_en_charge', 'transmettre']);
        expect(showsText(p, `(${escapeText(LONG_COMPANY_NAME)})`)).toBe(true);
      },
    ),
  ]),
  entry(
    alertBreachMessage,
    'signalee, nobody took it',
    'message',
    [alertDetails({ state: 'signalee', late: true }), LATE],
    (p) => {
      expect(p.text).toBe('Délai dépassé : alerte ALR-2026-0042');
      expect(showsText(p, `(échéance le ${DEADLINE_TEXT})`)).toBe(true);
      expect(showsText(p, 'Suivie par : personne.')).toBe(true);
    },
  ),
  entry(
    alertBreachMessage,
    'worst case: prise_en_charge, 200-char company name',
    'message',
    [alertDetails({ state: 'prise_en_charge', worst: true, late: true }), LATE],
    (p) => {
      expect(showsText(p, `(${escapeText(LONG_COMPANY_NAME)})`)).toBe(true);
      expect(showsText(p, `Suivie par : <@${COORDINATOR_SLACK}>.`)).toBe(true);
    },
  ),

  // --- Messages: open alerts (/alerte-recrutement liste) ---
  entry(openAlertsMessage, 'none open', 'message', [[], ON_TIME], (p) => expectOpenAlerts(p, [], ON_TIME, 0)),
  entry(openAlertsMessage, 'three alerts, one late', 'message', [REALISTIC_OPEN_ALERTS, ON_TIME], (p) => {
    expectOpenAlerts(p, REALISTIC_OPEN_ALERTS, ON_TIME, 3);
    expect(visibleTexts(p).filter((t) => t.includes(':rotating_light: *en retard*'))).toHaveLength(1);
    expect(showsText(p, '20 premières affichées')).toBe(false);
  }),
  entry(
    openAlertsMessage,
    'worst case: 30 long alerts, every open state, half late',
    'message',
    [WORST_OPEN_ALERTS, LATE],
    (p) => {
      expectOpenAlerts(p, WORST_OPEN_ALERTS, LATE, 20);
      expect(showsText(p, '… 20 premières affichées, les plus urgentes d’abord.')).toBe(true);
      expect(p.text).toBe('30 alertes recrutement en cours');
    },
  ),
];
