import type { KnownBlock } from '@slack/types';
import type { AlertDetails, OpenAlert } from '../../services/alerts/alerts.js';
import { nextActions, type AlertAction } from '../../services/alerts/state-machine.js';
import { ACTION_BUTTONS, ALERT_ACTION_IDS } from '../../slack/ids.js';
import { ALERT_ACTION_LABELS, ALERT_STATE_LABELS, CONTRACT_LABELS, OUTCOME_LABELS } from '../../texts/fr.js';
import { countdown, frenchDate, frenchDateTime } from '../../time.js';
import { actions, button, context, escapeText as esc, fields, header, section, truncate } from '../blocks.js';

/** What a view needs to show times: now, and the platform's time zone. */
export interface Clock {
  now: Date;
  timeZone: string;
}

type Position = AlertDetails['positions'][number];

export function positionLine(p: Position): string {
  const start = p.startDate ? `, dès le ${frenchDate(p.startDate)}` : '';
  const rome = p.romeCode ? ` (ROME ${p.romeCode})` : '';
  return `• *${esc(p.jobTitle)}*${rome} — ${p.count} poste(s), ${CONTRACT_LABELS[p.contractType]}, ${esc(p.location)}${start}`;
}

/** « Signalée — il reste 31 h 20 (échéance le 29/11/2026 à 14:05) » or what became of it. */
export function stateLine(
  alert: Pick<AlertDetails, 'state' | 'deadlineAt' | 'lateAt'> & { transitions?: { to: AlertDetails['state'] }[] },
  clock: Clock,
): string {
  const state = `*${ALERT_STATE_LABELS[alert.state]}*`;
  if (alert.state === 'signalee' || alert.state === 'prise_en_charge') {
    const late = alert.lateAt || clock.now >= alert.deadlineAt ? ' :rotating_light: *en retard*' : '';
    return `${state} — ${countdown(alert.deadlineAt, clock.now)} (échéance le ${frenchDateTime(alert.deadlineAt, clock.timeZone)})${late}`;
  }
  // Past transmission, a late alert was transmitted late; a closed one may never have been.
  const transmitted = alert.state !== 'cloturee' || (alert.transitions?.some((t) => t.to === 'transmise') ?? false);
  const late = alert.lateAt
    ? transmitted
      ? ' — transmise après l’échéance des 48 h'
      : ' — échéance des 48 h dépassée'
    : '';
  return `${state}${late}`;
}

function historyLine(alert: AlertDetails, clock: Clock): string {
  return alert.transitions
    .map(
      (t) =>
        `${ALERT_STATE_LABELS[t.to]} ${t.actor ? `par <@${t.actor.slackUserId}> ` : ''}le ${frenchDateTime(t.at, clock.timeZone)}`,
    )
    .join(' · ');
}

function companyLine(alert: AlertDetails): string {
  return `*${esc(alert.company.name)}* — ${esc(alert.company.commune)}`;
}

function offerLines(alert: AlertDetails): string[] {
  if (!alert.offerReference) return [];
  const reach = [alert.offerContactEmail, alert.offerContactPhone]
    .filter(Boolean)
    .map((v) => esc(v!))
    .join(' — ');
  return [
    `*Offre France Travail* : réf. *${esc(alert.offerReference)}*${alert.offerUrl ? ` — <${alert.offerUrl}|voir l'offre>` : ''}`,
    `*Interlocuteur* : ${esc(alert.offerContactName ?? '')}${reach ? ` (${reach})` : ''}`,
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
              title: { type: 'plain_text' as const, text: 'Diffuser l’offre ?' },
              text: {
                type: 'mrkdwn' as const,
                text: `L'offre sera publiée dans le canal des partenaires${alert.consentToName ? '' : ', sans le nom de l’entreprise'}.`,
              },
              confirm: { type: 'plain_text' as const, text: 'Diffuser' },
              deny: { type: 'plain_text' as const, text: 'Annuler' },
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
  const contact = [alert.contactName, alert.contactPhone, alert.contactEmail]
    .filter(Boolean)
    .map((v) => esc(v!))
    .join(' — ');
  const outcome = alert.outcome
    ? [`*Issue* : ${OUTCOME_LABELS[alert.outcome]}${alert.outcomeNote ? ` — ${esc(alert.outcomeNote)}` : ''}`]
    : [];
  return {
    text: `Alerte recrutement ${alert.reference} — ${esc(alert.company.name)} : ${ALERT_STATE_LABELS[alert.state]}`,
    blocks: [
      header(`Alerte recrutement ${alert.reference}`),
      section(stateLine(alert, clock)),
      section([companyLine(alert), ...alert.positions.map(positionLine)].join('\n')),
      fields([
        `*Signalée par*\n<@${alert.capteur.slackUserId}>${alert.structure ? ` (${esc(alert.structure.name)})` : ''}`,
        `*Contact entreprise*\n${contact}`,
        `*Nommer l'entreprise aux partenaires*\n${alert.consentToName ? 'Oui' : 'Non'}`,
        `*Suivie par*\n${alert.coordinator ? `<@${alert.coordinator.slackUserId}>` : '_personne pour le moment_'}`,
      ]),
      section(`*Urgence* : ${truncate(esc(alert.urgency), 2500)}`),
      ...(offerLines(alert).length || outcome.length ? [section([...offerLines(alert), ...outcome].join('\n'))] : []),
      ...actionButtons(alert, ['prendre_en_charge', 'transmettre', 'enregistrer_offre', 'diffuser', 'clore']),
      // Beyond the procedure: what the partners will do for this company (training, a job fair…).
      ...(alert.state !== 'cloturee'
        ? [actions('alert_follow_up', [button('Créer une action', ACTION_BUTTONS.createFromAlert, alert.id)])]
        : []),
      context(truncate(historyLine(alert, clock), 2900)),
    ],
  };
}

/** The need, for a France Travail adviser in Slack, with the button to record the offer. */
export function franceTravailRequestMessage(alert: AlertDetails, clock: Clock) {
  const contact = [alert.contactName, alert.contactPhone, alert.contactEmail]
    .filter(Boolean)
    .map((v) => esc(v!))
    .join(' — ');
  return {
    text: `Besoin urgent de recrutement ${alert.reference} — ${esc(alert.company.name)}`,
    blocks: [
      header(`Besoin urgent de recrutement ${alert.reference}`),
      section(
        `La coordination de la Plateforme Emploi – Mutations Économiques vous transmet ce besoin. Merci d'enregistrer l'offre et d'en indiquer ici la référence et l'interlocuteur.`,
      ),
      section(
        [
          `${companyLine(alert)}${alert.company.siret ? ` — SIRET ${alert.company.siret}` : ''}`,
          ...alert.positions.map(positionLine),
        ].join('\n'),
      ),
      fields([
        `*Contact entreprise*\n${contact}`,
        `*Transmis par*\n${alert.coordinator ? `<@${alert.coordinator.slackUserId}>` : 'la coordination'}`,
      ]),
      section(`*Urgence* : ${truncate(esc(alert.urgency), 2500)}`),
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
  const who = t?.actor ? ` par <@${t.actor.slackUserId}>` : '';
  const lines: Record<typeof to, string> = {
    signalee: `:white_check_mark: Votre alerte *${alert.reference}* est enregistrée et la coordination est prévenue. Échéance de transmission à France Travail : *${frenchDateTime(alert.deadlineAt, clock.timeZone)}*.`,
    prise_en_charge: `:raised_hand: Votre alerte *${alert.reference}* est prise en charge${who}.`,
    transmise: `:outbox_tray: Votre alerte *${alert.reference}* est transmise à France Travail${who}.`,
    offre_enregistree: `:memo: France Travail a enregistré l'offre de l'alerte *${alert.reference}*${who}.`,
    diffusee: `:loudspeaker: L'offre de l'alerte *${alert.reference}* est diffusée aux partenaires${who}.`,
    cloturee: `:lock: L'alerte *${alert.reference}* est close${who}${alert.outcome ? ` : ${OUTCOME_LABELS[alert.outcome].toLowerCase()}` : ''}${alert.outcomeNote ? ` — ${esc(alert.outcomeNote)}` : ''}.`,
  };
  const text = lines[to];
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
    : `Une entreprise de ${esc(alert.company.commune)}`;
  return {
    text: `Offre à diffuser (${alert.reference}) : ${alert.positions.map((p) => esc(p.jobTitle)).join(', ')}`,
    blocks: [
      header(`Offre à diffuser — ${alert.positions.map((p) => p.jobTitle).join(', ')}`),
      section([`*${company}*`, ...alert.positions.map(positionLine)].join('\n')),
      section(offerLines(alert).join('\n')),
      context(
        `Besoin urgent de recrutement ${alert.reference}, relayé par la Plateforme Emploi – Mutations Économiques. Merci de le faire connaître aux candidats que vous accompagnez.`,
      ),
    ],
  };
}

/** Before the deadline: the alert still has to reach France Travail. */
export function alertReminderMessage(alert: AlertDetails, hours: number, clock: Clock) {
  const text = `:alarm_clock: Rappel : l'alerte *${alert.reference}* (${esc(alert.company.name)}) n'est pas encore transmise à France Travail — signalée il y a ${hours} h, ${countdown(alert.deadlineAt, clock.now)}.`;
  return {
    text: `Rappel : alerte ${alert.reference} à transmettre à France Travail`,
    blocks: [section(text), ...actionButtons(alert, ['prendre_en_charge', 'transmettre'])],
  };
}

/** The deadline passed before transmission. */
export function alertBreachMessage(alert: AlertDetails, clock: Clock) {
  const text = `:rotating_light: Délai dépassé : l'alerte *${alert.reference}* (${esc(alert.company.name)}) n'a pas été transmise à France Travail dans les 48 h (échéance le ${frenchDateTime(alert.deadlineAt, clock.timeZone)}). Suivie par : ${alert.coordinator ? `<@${alert.coordinator.slackUserId}>` : 'personne'}.`;
  return { text: `Délai dépassé : alerte ${alert.reference}`, blocks: [section(text)] };
}

/** Open alerts, for the coordinator's App Home and /alerte-recrutement liste. */
export function openAlertsBlocks(alerts: OpenAlert[], clock: Clock): KnownBlock[] {
  if (alerts.length === 0) return [context('Aucune alerte recrutement en cours.')];
  return alerts
    .slice(0, 20)
    .map((a) =>
      section(
        `*${a.reference}* — ${esc(a.company.name)} (${esc(a.company.commune)}) — ${a.positions.map((p) => `${esc(p.jobTitle)} ×${p.count}`).join(', ')}\n${stateLine(a, clock)}${a.coordinator ? ` — suivie par <@${a.coordinator.slackUserId}>` : ''}`,
      ),
    );
}

export function openAlertsMessage(alerts: OpenAlert[], clock: Clock) {
  return {
    text: `${alerts.length} alerte(s) recrutement en cours`,
    blocks: [
      section(`*Alertes recrutement en cours (${alerts.length})*`),
      ...openAlertsBlocks(alerts, clock),
      ...(alerts.length > 20 ? [context('… 20 premières affichées, les plus urgentes d’abord.')] : []),
    ],
  };
}
