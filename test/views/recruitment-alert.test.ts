/**
 * Recruitment alerts' views (cases/recruitment-alert.ts), their state line and positions, the e-mail
 * to France Travail, and what people type in an alert.
 */
import { describe, expect, it } from 'vitest';
import { AlertState } from '../../src/generated/prisma/enums.js';
import type { AlertDetails } from '../../src/services/alerts/alerts.js';
import { nextActions } from '../../src/domain/alert-state-machine.js';
import { CONTRACT_LABELS } from '../../src/texts/fr.js';
import { escapeText } from '../../src/views/blocks.js';
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
  stateLine,
} from '../../src/views/messages/alert.js';
import { franceTravailEmail, transmitByEmailModal } from '../../src/views/modals/alert.js';
import { ALERT_PATH } from '../support/alert-path.js';
import { ALERT_CASES } from './cases/recruitment-alert.js';
import { uuid } from './fixtures/common.js';
import { sweepViews, toJson } from './fixtures/payload.js';
import {
  DEADLINE_TEXT,
  FT_EMAIL,
  LATE,
  ON_TIME,
  alertDetails,
  alertPositions,
  alertRow,
  longJobTitle,
  openAlert,
} from './fixtures/recruitment-alert.js';
import { formatPhone } from '../../src/reference/phone.js';
import { formatSiret } from '../../src/reference/siret.js';
import { plural } from '../../src/texts/plural.js';

sweepViews(ALERT_CASES);

describe('recruitment alerts', () => {
  it('go through every state of the state machine, in the order of its actions', () => {
    expect([...ALERT_PATH].sort()).toEqual(Object.values(AlertState).sort());
    for (const [i, state] of ALERT_PATH.slice(1).entries())
      expect(nextActions(ALERT_PATH[i]!).length, `${state} is reachable`).toBeGreaterThan(0);
    for (const state of ALERT_PATH) {
      expect(ALERT_CASES.some((c) => c.builder === alertPageMessage && c.name.includes(`${state}, on time`))).toBe(
        true,
      );
      expect(
        ALERT_CASES.some((c) => c.builder === alertPageMessage && c.name.includes(`worst case: ${state}, late`)),
      ).toBe(true);
    }
  });

  it('say « en retard » in the state line once the deadline passed before transmission, never after it', () => {
    const line = (state: AlertState, late: boolean, clock: Clock) => stateLine(alertRow({ state, late }), clock);
    expect(line('signalee', false, ON_TIME)).toBe(`*Signalée* — il reste 27 h 00 (échéance le ${DEADLINE_TEXT})`);
    // Deadline passed: late even before the deadline job flags it.
    expect(line('signalee', false, LATE)).toBe(
      `*Signalée* — en retard de 20 h 00 (échéance le ${DEADLINE_TEXT}) :rotating_light: *en retard*`,
    );
    expect(line('prise_en_charge', true, LATE)).toContain(':rotating_light: *en retard*');
    expect(stateLine({ ...alertRow({ state: 'signalee' }), deadlineAt: ON_TIME.now }, ON_TIME)).toContain(
      '*en retard*',
    );
    // Once transmitted, the clock stops: it says whether it came late, not that it is late.
    expect(line('transmise', true, LATE)).toBe('*Transmise à France Travail* — transmise après l’échéance des 48 h');
    expect(line('transmise', false, LATE)).toBe('*Transmise à France Travail*');
    expect(line('diffusee', true, LATE)).not.toContain('en retard');
  });

  it('show a position with its escaped title and place, and its start date when known', () => {
    const [first, second] = alertPositions(uuid(2001), false);
    expect(positionLine(first!)).toBe('• *Soudeur TIG* (ROME H2913) — 2 postes, CDI, Vierzon, dès le 07/12/2026');
    expect(positionLine(second!)).toBe('• *Technicien de maintenance* — 1 poste, Intérim, Vierzon, site des Forges');
    expect(positionLine(alertPositions(uuid(2002), true)[0]!)).toContain(`*${escapeText(longJobTitle(1))}*`);
  });
});

describe('the e-mail to France Travail (franceTravailEmail)', () => {
  const scenarios = [
    { name: 'realistic', alert: alertDetails({ state: 'prise_en_charge' }) },
    { name: 'worst case', alert: alertDetails({ state: 'prise_en_charge', worst: true, late: true }) },
  ];
  for (const { name, alert } of scenarios) {
    for (const to of [FT_EMAIL, undefined]) {
      it(`${name}, ${to ? 'to a configured address' : 'no address'}: carries the reference, every position and the contact`, () => {
        const { subject, body } = franceTravailEmail(alert, to);
        const lines = body.split('\n');
        expect(subject).toBe(`Besoin urgent de recrutement — ${alert.company.name} (${alert.reference})`);
        // « À : » first, only when there is an address; then the subject.
        expect(lines[0]!.startsWith('À : ')).toBe(to !== undefined);
        expect(lines.filter((l) => l.startsWith('À : '))).toEqual(to ? [`À : ${to}`] : []);
        expect(lines).toContain(`Objet : ${subject}`);
        expect(body).toContain(`(réf. ${alert.reference})`);
        // Plain text for an e-mail: what people typed, as they typed it.
        expect(body).toContain(`Entreprise : ${alert.company.name}, ${alert.company.commune}`);
        expect(body.includes(`SIRET ${formatSiret(alert.company.siret ?? '')}`)).toBe(alert.company.siret !== null);
        for (const p of alert.positions) {
          const line = lines.find((l) =>
            l.startsWith(`- ${p.jobTitle}${p.romeCode ? ` (ROME ${p.romeCode})` : ''} : `),
          );
          expect(line, p.jobTitle).toBeDefined();
          expect(line).toContain(
            `${p.count} poste${plural(p.count, '', 's')}, ${CONTRACT_LABELS[p.contractType]}, à ${p.location}`,
          );
          if (p.startDate) expect(line).toContain(`démarrage souhaité le ${p.startDate.toISOString().slice(8, 10)}/`);
        }
        expect(body).toContain(`Urgence : ${alert.urgency}`);
        const contact = lines.find((l) => l.startsWith("Contact dans l'entreprise : "));
        expect(contact).toContain(alert.contactName);
        if (alert.contactPhone) expect(contact).toContain(formatPhone(alert.contactPhone));
        if (alert.contactEmail) expect(contact).toContain(alert.contactEmail);
        expect(lines[lines.length - 1]).toBe('Bien cordialement,');
      });
    }
  }

  it('names the start date as a French calendar date', () => {
    expect(franceTravailEmail(alertDetails({ state: 'signalee' }), undefined).body).toContain(
      'démarrage souhaité le 07/12/2026',
    );
  });
});

describe('text people typed in an alert', () => {
  const typed = (state: AlertState): AlertDetails => {
    const alert = alertDetails({ state, consentToName: true });
    return {
      ...alert,
      urgency: 'Voir <!channel> et <https://evil.example|le site> & co',
      company: { ...alert.company, name: 'Dupont <!channel>' },
      positions: alert.positions.map((p) => ({ ...p, jobTitle: `${p.jobTitle} <!here>` })),
    };
  };
  /** Every mrkdwn text of the blocks, where Slack acts on mentions and links (plain_text it shows as is). */
  function mrkdwnTexts(value: unknown): string[] {
    if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
    if (typeof value !== 'object' || value === null) return [];
    const own =
      'type' in value && value.type === 'mrkdwn' && 'text' in value && typeof value.text === 'string'
        ? [value.text]
        : [];
    return [...own, ...Object.values(value).flatMap(mrkdwnTexts)];
  }
  const blocksOf = (payload: unknown) => mrkdwnTexts(toJson(payload).blocks).join('\n');

  it('cannot mention the channel or forge a link in the page', () => {
    const page = blocksOf(alertPageMessage(typed('prise_en_charge'), ON_TIME));
    expect(page).not.toContain('<!channel>');
    expect(page).not.toContain('<!here>');
    expect(page).not.toContain('<https://evil.example');
    expect(page).toContain('*Dupont &lt;!channel&gt;*');
    expect(page).toContain('*Urgence* : Voir &lt;!channel&gt; et &lt;https://evil.example|le site&gt; &amp; co');
  });

  it('cannot mention the channel in any other alert view', () => {
    const rendered = [
      franceTravailRequestMessage(typed('transmise'), ON_TIME),
      alertNewsMessage(typed('diffusee'), uuid(4005), ON_TIME),
      alertDiffusionMessage(typed('diffusee')),
      alertReminderMessage(typed('signalee'), ON_TIME),
      alertBreachMessage(typed('signalee'), LATE),
      openAlertsMessage(
        [{ ...openAlert(1, { state: 'signalee' }), company: { name: 'Dupont <!channel>', commune: 'Vierzon' } }],
        ON_TIME,
      ),
      transmitByEmailModal(typed('prise_en_charge'), undefined),
    ];
    for (const payload of rendered) {
      const blocks = blocksOf(payload);
      expect(blocks).not.toContain('<!channel>');
      expect(blocks).not.toContain('<!here>');
      expect(blocks).toContain('&lt;!');
    }
  });
});
