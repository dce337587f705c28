/**
 * The alert deadline is a setting (ALERT_DEADLINE_HOURS, 48 by default): every text that says it
 * says the hours the deployment set — the alert's own, once raised — and the reminder says how
 * long ago the alert was really raised.
 */
import { describe, expect, it } from 'vitest';
import type { AlertState } from '../../src/generated/prisma/enums.js';
import type { AlertDetails, OpenAlert } from '../../src/services/alerts/alerts.js';
import { EXPORT_TEXTS } from '../../src/texts/report.js';
import { HELP } from '../../src/texts/help.js';
import {
  alertBreachMessage,
  alertNewsMessage,
  alertPageMessage,
  alertReminderMessage,
  franceTravailRequestMessage,
  openAlertsMessage,
  stateLine,
  type Clock,
} from '../../src/views/messages/alert.js';
import { alertRaisedModal, alertReportModal } from '../../src/views/modals/alert.js';
import { frenchDateTime } from '../../src/time.js';

const HOUR = 3_600_000;
const TIME_ZONE = 'Europe/Paris';
/** Raised on Friday 27 November 2026 at 14:05 in Paris. */
const RAISED_AT = new Date('2026-11-27T13:05:00Z');
/** The clock `hours` (and `minutes`) after the alert was raised. */
const clockAt = (hours: number, minutes = 0): Clock => ({
  now: new Date(RAISED_AT.getTime() + hours * HOUR + minutes * 60_000),
  timeZone: TIME_ZONE,
});

/** An alert raised at RAISED_AT by a deployment whose deadline is `deadlineHours`. */
function alert(deadlineHours: number, state: AlertState, late = false): AlertDetails {
  const deadlineAt = new Date(RAISED_AT.getTime() + deadlineHours * HOUR);
  return {
    id: 'a1',
    reference: 'ALR-2026-0042',
    submissionKey: 'k1',
    companyId: 'c1',
    capteurId: 'm1',
    structureId: 's1',
    urgency: 'Commande importante à livrer en mars.',
    contactName: 'Marie Dupont',
    contactPhone: '0612345678',
    contactEmail: null,
    consentToName: true,
    state,
    raisedAt: RAISED_AT,
    deadlineAt,
    lateAt: late ? deadlineAt : null,
    coordinatorId: null,
    offerReference: null,
    offerContactName: null,
    offerContactEmail: null,
    offerContactPhone: null,
    offerUrl: null,
    outcome: null,
    outcomeNote: null,
    anonymisedAt: null,
    updatedAt: RAISED_AT,
    visitId: null,
    visit: null,
    company: { id: 'c1', name: 'Mécanique du Val', siret: null, commune: 'Vierzon', nafCode: '25.62B' },
    capteur: { slackUserId: 'UCAPTEUR' },
    structure: { name: 'CCI du Cher' },
    coordinator: null,
    positions: [
      {
        id: 'p1',
        alertId: 'a1',
        rank: 1,
        jobTitle: 'Soudeur TIG',
        romeCode: null,
        count: 2,
        contractType: 'cdi',
        startDate: null,
        location: 'Vierzon',
      },
    ],
    transitions: [
      { id: 't1', alertId: 'a1', from: null, to: 'signalee', actorId: 'm1', at: RAISED_AT, note: null, actor: null },
    ],
  };
}

/** Every text an alert view shows that says its deadline, for an alert given `hours`. */
function deadlineTexts(hours: number): string[] {
  const rendered = [
    alertBreachMessage(alert(hours, 'signalee', true), clockAt(hours, 1)),
    alertPageMessage(alert(hours, 'transmise', true), clockAt(hours + 2)),
    alertPageMessage(alert(hours, 'cloturee', true), clockAt(hours + 2)),
    franceTravailRequestMessage(alert(hours, 'transmise', true), clockAt(hours + 2)),
    openAlertsMessage([alert(hours, 'diffusee', true) as OpenAlert], clockAt(hours + 2)),
    alertReportModal({ submissionKey: 'k2', deadlineHours: hours }),
  ];
  return [
    ...rendered.map((r) => JSON.stringify(r)),
    HELP.alerte(hours),
    EXPORT_TEXTS.alerts.headers(hours).join(' | '),
    stateLine(alert(hours, 'transmise', true), clockAt(hours + 2)),
  ];
}

describe('the alert deadline, set to 72 h', () => {
  const texts = deadlineTexts(72);

  it('is said as 72 h wherever it is said, never 48 h', () => {
    for (const text of texts) {
      expect(text).toMatch(/72 h/);
      expect(text).not.toMatch(/48 ?h/);
    }
  });

  it('is said in the words of each text', () => {
    const [breach, transmittedLate, closedLate, , openList, form, help, exportHeaders, line] = texts;
    expect(breach).toContain("n'a pas été transmise à France Travail dans les 72 h");
    expect(transmittedLate).toContain('transmise après l’échéance des 72 h');
    expect(closedLate).toContain('échéance des 72 h dépassée');
    expect(openList).toContain('transmise après l’échéance des 72 h');
    expect(form).toContain('transmet le besoin à France Travail sous 72 heures');
    expect(help).toContain('transmet le besoin à France Travail sous 72 h ;');
    expect(exportHeaders).toContain('Échéance 72 h');
    expect(line).toBe('*Transmise à France Travail* — transmise après l’échéance des 72 h');
  });

  it('counts down to the alert’s own deadline, three days after it was raised', () => {
    const page = JSON.stringify(alertPageMessage(alert(72, 'signalee'), clockAt(24)));
    expect(page).toContain('il reste 48 h 00 (échéance le 30/11/2026 à 14:05)');
    const raised = alertRaisedModal(
      { reference: 'ALR-2026-0042', deadlineAt: alert(72, 'signalee').deadlineAt },
      TIME_ZONE,
    );
    expect(JSON.stringify(raised)).toContain('avant le *30/11/2026 à 14:05*');
    const news = JSON.stringify(alertNewsMessage(alert(72, 'signalee'), 't1', clockAt(0)));
    expect(news).toContain('Échéance de transmission à France Travail : *30/11/2026 à 14:05*');
  });

  it('is an alert’s own: an alert raised under 48 h still says 48 h once the setting changed', () => {
    expect(stateLine(alert(48, 'transmise', true), clockAt(50))).toBe(
      '*Transmise à France Travail* — transmise après l’échéance des 48 h',
    );
  });

  it('keeps the default deployment’s words (48 h)', () => {
    for (const text of deadlineTexts(48)) expect(text).toMatch(/48 h/);
  });
});

describe('the reminder', () => {
  const reminder = (clock: Clock) => JSON.stringify(alertReminderMessage(alert(48, 'signalee'), clock));

  it('says how long ago the alert was really raised, and how long is left', () => {
    // The 24 h reminder, sent two hours late (Slack was down, the app restarted).
    expect(reminder(clockAt(26, 8))).toContain('signalée il y a 26 h 08, il reste 21 h 52.');
    expect(reminder(clockAt(24))).toContain('signalée il y a 24 h 00, il reste 24 h 00.');
  });

  it('says a short time in minutes and a long one in days', () => {
    expect(reminder(clockAt(0, 45))).toContain('signalée il y a 45 min, il reste 47 h 15.');
    expect(JSON.stringify(alertReminderMessage(alert(120, 'signalee'), clockAt(80)))).toContain(
      'signalée il y a 3 j 8 h, il reste 40 h 00.',
    );
  });
});

/**
 * Across a daylight-saving change the wall clock jumps an hour: the reminder still says the hours
 * that really passed and really remain (the deadline is 48 real hours after raising), and the
 * deadline's local time moves by the hour the clocks did.
 */
describe('the reminder across a daylight-saving change (Europe/Paris)', () => {
  const raisedAt = (iso: string) => {
    const raised = new Date(iso);
    return { ...alert(48, 'signalee'), raisedAt: raised, deadlineAt: new Date(raised.getTime() + 48 * HOUR) };
  };
  const clockAfter = (a: AlertDetails, hours: number, minutes = 0): Clock => ({
    now: new Date(a.raisedAt.getTime() + hours * HOUR + minutes * 60_000),
    timeZone: TIME_ZONE,
  });

  it('in October (clocks go back on Sunday 25 at 3:00): 24 h after 14:00 is 13:00, and it says 24 h', () => {
    // Saturday 24 October 2026 at 14:00 in Paris (summer time, UTC+2).
    const a = raisedAt('2026-10-24T12:00:00Z');
    const at24 = clockAfter(a, 24);
    expect(frenchDateTime(at24.now, TIME_ZONE)).toBe('25/10/2026 à 13:00');
    expect(JSON.stringify(alertReminderMessage(a, at24))).toContain('signalée il y a 24 h 00, il reste 24 h 00.');
    // Sent late, after a restart: the real time since raising, the real time left.
    expect(JSON.stringify(alertReminderMessage(a, clockAfter(a, 26, 8)))).toContain(
      'signalée il y a 26 h 08, il reste 21 h 52.',
    );
    expect(stateLine(a, at24)).toContain('il reste 24 h 00 (échéance le 26/10/2026 à 13:00)');
  });

  it('in March (clocks go forward on Sunday 29 at 2:00): 24 h after 14:00 is 15:00, and it says 24 h', () => {
    // Saturday 28 March 2026 at 14:00 in Paris (winter time, UTC+1).
    const a = raisedAt('2026-03-28T13:00:00Z');
    const at24 = clockAfter(a, 24);
    expect(frenchDateTime(at24.now, TIME_ZONE)).toBe('29/03/2026 à 15:00');
    expect(JSON.stringify(alertReminderMessage(a, at24))).toContain('signalée il y a 24 h 00, il reste 24 h 00.');
    expect(JSON.stringify(alertReminderMessage(a, clockAfter(a, 40, 30)))).toContain(
      'signalée il y a 40 h 30, il reste 7 h 30.',
    );
    expect(stateLine(a, at24)).toContain('il reste 24 h 00 (échéance le 30/03/2026 à 15:00)');
  });
});
