import type { KnownBlock } from '@slack/types';
import type { AlertDetails, OpenAlert } from '../../services/alerts/alerts.js';
import { nextActions, type AlertAction } from '../../domain/alert-state-machine.js';
import { ACTION_BUTTONS, ALERT_ACTION_IDS } from '../../slack/ids.js';
import {
  ALERT_ACTION_LABELS,
  ALERT_STATE_LABELS,
  ALERT_TEXTS as T,
  CONTRACT_LABELS,
  OUTCOME_LABELS,
} from '../../texts/alert.js';
import { COMMON } from '../../texts/common.js';
import { formatPhone } from '../../reference/phone.js';
import { formatSiret } from '../../reference/siret.js';
import { countdown, frenchDate, frenchDateTime, frenchDuration } from '../../time.js';
import {
  escapeAndCut,
  mailLink,
  urlLink,
  actions,
  button,
  context,
  escapeText as esc,
  fields,
  header,
  section,
  truncate,
} from '../blocks.js';

/** What a view needs to show times: now, and the platform's time zone. */
export interface Clock {
  now: Date;
  timeZone: string;
}

type Position = AlertDetails['positions'][number];

export function positionLine(p: Position): string {
  return T.position({
    title: esc(p.jobTitle),
    romeCode: p.romeCode,
    count: p.count,
    contract: CONTRACT_LABELS[p.contractType],
    location: esc(p.location),
    start: p.startDate ? frenchDate(p.startDate) : null,
  });
}

/**
 * The hours this alert was given to reach France Travail: the deployment's ALERT_DEADLINE_HOURS
 * when it was raised, which its deadline keeps even if the setting changed since.
 */
function deadlineHours(alert: Pick<AlertDetails, 'raisedAt' | 'deadlineAt'>): number {
  return (alert.deadlineAt.getTime() - alert.raisedAt.getTime()) / 3_600_000;
}

/** « Signalée — il reste 31 h 20 (échéance le 29/11/2026 à 14:05) » or what became of it. */
export function stateLine(
  alert: Pick<AlertDetails, 'state' | 'raisedAt' | 'deadlineAt' | 'lateAt'> & {
    transitions?: { to: AlertDetails['state'] }[];
  },
  clock: Clock,
): string {
  const state = ALERT_STATE_LABELS[alert.state];
  if (alert.state === 'signalee' || alert.state === 'prise_en_charge') {
    return T.stateAwaiting(
      state,
      countdown(alert.deadlineAt, clock.now),
      frenchDateTime(alert.deadlineAt, clock.timeZone),
      Boolean(alert.lateAt) || clock.now >= alert.deadlineAt,
    );
  }
  // Past transmission, a late alert was transmitted late; a closed one may never have been.
  const transmitted = alert.state !== 'cloturee' || (alert.transitions?.some((t) => t.to === 'transmise') ?? false);
  const late = alert.lateAt ? (transmitted ? 'transmittedLate' : 'deadlineMissed') : null;
  return T.stateSettled(state, late, deadlineHours(alert));
}

function historyLine(alert: AlertDetails, clock: Clock): string {
  return alert.transitions
    .map((t) =>
      T.historyStep(ALERT_STATE_LABELS[t.to], t.actor?.slackUserId ?? null, frenchDateTime(t.at, clock.timeZone)),
    )
    .join(' · ');
}

function companyLine(alert: AlertDetails): string {
  return `*${esc(alert.company.name)}* — ${esc(alert.company.commune)}`;
}

/** An e-mail as a link, a phone number grouped by two: « <mailto:…> — 02 48 58 00 00 ». */
function reachLine(email: string | null, phone: string | null): string {
  return [email ? mailLink(email) : null, phone ? esc(formatPhone(phone)) : null].filter(Boolean).join(' — ');
}

/** The company's contact for the offer: name, phone, e-mail. */
function companyContact(alert: AlertDetails): string {
  return [
    esc(alert.contactName),
    alert.contactPhone ? esc(formatPhone(alert.contactPhone)) : null,
    alert.contactEmail ? mailLink(alert.contactEmail) : null,
  ]
    .filter(Boolean)
    .join(' — ');
}

function offerLines(alert: AlertDetails): string[] {
  if (!alert.offerReference) return [];
  const reach = reachLine(alert.offerContactEmail, alert.offerContactPhone);
  return [
    T.offer(esc(alert.offerReference), alert.offerUrl ? urlLink(alert.offerUrl, T.offerLink) : null),
    T.offerContact(esc(alert.offerContactName ?? ''), reach),
  ];
}

function actionButtons(alert: AlertDetails, allowed: readonly AlertAction[]): KnownBlock[] {
  const shown = nextActions(alert.state).filter((a) => allowed.includes(a));
  if (shown.length === 0) return [];
  return [
    actions(
      'alert_actions',
      shown.map((action) => {
        const b = button(
          ALERT_ACTION_LABELS[action],
          ALERT_ACTION_IDS[action],
          alert.id,
          action === 'clore' ? undefined : 'primary',
        );
        if (action === 'diffuser') {
          return {
            ...b,
            confirm: {
              title: { type: 'plain_text' as const, text: T.diffuseConfirm.title },
              text: { type: 'mrkdwn' as const, text: T.diffuseConfirm.text(alert.consentToName) },
              confirm: { type: 'plain_text' as const, text: T.diffuseConfirm.confirm },
              deny: { type: 'plain_text' as const, text: COMMON.cancel },
            },
          };
        }
        return b;
      }),
    ),
  ];
}

/** The coordinator's page: the whole need, the clock, who did what, and the next step's buttons. */
export function alertPageMessage(alert: AlertDetails, clock: Clock) {
  const contact = companyContact(alert);
  const outcome = alert.outcome
    ? [T.outcome(OUTCOME_LABELS[alert.outcome], alert.outcomeNote ? esc(alert.outcomeNote) : null)]
    : [];
  return {
    text: T.page.text(alert.reference, esc(alert.company.name), ALERT_STATE_LABELS[alert.state]),
    blocks: [
      header(T.title(alert.reference)),
      section(stateLine(alert, clock)),
      section([companyLine(alert), ...alert.positions.map(positionLine)].join('\n')),
      ...(alert.visit ? [context(T.page.fromVisit(frenchDate(alert.visit.visitDate)))] : []),
      fields([
        T.page.raisedBy(alert.capteur.slackUserId, alert.structure ? esc(alert.structure.name) : null),
        T.page.companyContact(contact),
        T.page.nameToPartners(alert.consentToName),
        T.page.followedBy(alert.coordinator?.slackUserId ?? null),
      ]),
      section(T.urgency(escapeAndCut(alert.urgency, 2500))),
      ...(offerLines(alert).length || outcome.length ? [section([...offerLines(alert), ...outcome].join('\n'))] : []),
      ...actionButtons(alert, ['prendre_en_charge', 'transmettre', 'enregistrer_offre', 'diffuser', 'clore']),
      // Beyond the procedure: what the partners will do for this company (training, a job fair…).
      ...(alert.state !== 'cloturee'
        ? [actions('alert_follow_up', [button(T.page.createAction, ACTION_BUTTONS.createFromAlert, alert.id)])]
        : []),
      context(truncate(historyLine(alert, clock), 2900)),
    ],
  };
}

/** The need, for a France Travail adviser in Slack, with the button to record the offer. */
export function franceTravailRequestMessage(alert: AlertDetails, clock: Clock) {
  const contact = companyContact(alert);
  return {
    text: T.franceTravailRequest.text(alert.reference, esc(alert.company.name)),
    blocks: [
      header(T.franceTravailRequest.title(alert.reference)),
      section(T.franceTravailRequest.intro),
      section(
        [
          `${companyLine(alert)}${alert.company.siret ? T.franceTravailRequest.siret(formatSiret(alert.company.siret)) : ''}`,
          ...alert.positions.map(positionLine),
        ].join('\n'),
      ),
      fields([
        T.page.companyContact(contact),
        T.franceTravailRequest.transmittedBy(alert.coordinator?.slackUserId ?? null),
      ]),
      section(T.urgency(escapeAndCut(alert.urgency, 2500))),
      ...(offerLines(alert).length ? [section(offerLines(alert).join('\n'))] : []),
      ...actionButtons(alert, ['enregistrer_offre']),
      context(stateLine(alert, clock)),
    ],
  };
}

/** A DM about one step of the alert (to the capteur who raised it, or the coordinators). */
export function alertNewsMessage(alert: AlertDetails, transitionId: string, clock: Clock) {
  const t = alert.transitions.find((x) => x.id === transitionId);
  const to = t?.to ?? alert.state;
  const by = t?.actor?.slackUserId ?? null;
  const text =
    to === 'signalee'
      ? T.news.signalee(alert.reference, frenchDateTime(alert.deadlineAt, clock.timeZone))
      : to === 'cloturee'
        ? T.news.cloturee(
            alert.reference,
            by,
            alert.outcome ? OUTCOME_LABELS[alert.outcome] : null,
            alert.outcomeNote ? esc(alert.outcomeNote) : null,
          )
        : T.news[to](alert.reference, by);
  return {
    text: text.replace(/\*/g, ''),
    blocks: [
      section(text),
      context(`${companyLine(alert)} — ${alert.positions.map((p) => esc(p.jobTitle)).join(', ')}`),
      ...(offerLines(alert).length ? [section(offerLines(alert).join('\n'))] : []),
    ],
  };
}

/** The offer, posted to the partners' channel: the company is named only if it agreed. */
export function alertDiffusionMessage(alert: AlertDetails) {
  const company = alert.consentToName
    ? `${esc(alert.company.name)} — ${esc(alert.company.commune)}`
    : T.diffusion.anonymousCompany(esc(alert.company.commune));
  return {
    text: T.diffusion.text(alert.reference, alert.positions.map((p) => esc(p.jobTitle)).join(', ')),
    blocks: [
      header(T.diffusion.header(alert.positions.map((p) => p.jobTitle).join(', '))),
      section([`*${company}*`, ...alert.positions.map(positionLine)].join('\n')),
      section(offerLines(alert).join('\n')),
      context(T.diffusion.footer(alert.reference)),
    ],
  };
}

/**
 * Before the deadline: the alert still has to reach France Travail. How long ago it was raised is
 * measured when the reminder is shown (a reminder sent late, after a restart, says so).
 */
export function alertReminderMessage(alert: AlertDetails, clock: Clock) {
  const text = T.reminder.text(
    alert.reference,
    esc(alert.company.name),
    frenchDuration(clock.now.getTime() - alert.raisedAt.getTime()),
    countdown(alert.deadlineAt, clock.now),
  );
  return {
    text: T.reminder.fallback(alert.reference),
    blocks: [section(text), ...actionButtons(alert, ['prendre_en_charge', 'transmettre'])],
  };
}

/** The deadline passed before transmission. */
export function alertBreachMessage(alert: AlertDetails, clock: Clock) {
  const text = T.breach.text(
    alert.reference,
    esc(alert.company.name),
    deadlineHours(alert),
    frenchDateTime(alert.deadlineAt, clock.timeZone),
    alert.coordinator?.slackUserId ?? null,
  );
  return { text: T.breach.fallback(alert.reference), blocks: [section(text)] };
}

/** Open alerts, for the coordinator's App Home and /alerte-recrutement liste. */
export function openAlertsBlocks(alerts: OpenAlert[], clock: Clock): KnownBlock[] {
  if (alerts.length === 0) return [context(T.openList.none)];
  return alerts
    .slice(0, OPEN_ALERTS_SHOWN)
    .map((a) =>
      section(
        T.openList.item(
          a.reference,
          esc(a.company.name),
          esc(a.company.commune),
          a.positions.map((p) => T.openList.position(esc(p.jobTitle), p.count)).join(', '),
          stateLine(a, clock),
          a.coordinator?.slackUserId ?? null,
        ),
      ),
    );
}

/** Open alerts listed in a message, the most urgent first. */
const OPEN_ALERTS_SHOWN = 20;

export function openAlertsMessage(alerts: OpenAlert[], clock: Clock) {
  return {
    text: T.openList.text(alerts.length),
    blocks: [
      section(T.openList.heading(alerts.length)),
      ...openAlertsBlocks(alerts, clock),
      ...(alerts.length > OPEN_ALERTS_SHOWN ? [context(T.openList.firstOnly(OPEN_ALERTS_SHOWN))] : []),
    ],
  };
}
