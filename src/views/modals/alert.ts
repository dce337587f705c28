import type { KnownBlock, View } from '@slack/types';
import { POSITION_RANKS, type PositionRank } from '../../domain/alerts.js';
import type { AlertFromVisit } from '../../services/alerts/alert-from-visit.js';
import type { AlertDetails } from '../../services/alerts/alerts.js';
import { HIRING_HORIZON_LABELS } from '../../texts/visit.js';
import { ALERT_BLOCKS as A, CLOSE_BLOCKS, OFFER_BLOCKS, VIEWS } from '../../slack/ids.js';
import { ALERT_TEXTS as T, CONTRACT_LABELS, OUTCOME_LABELS } from '../../texts/alert.js';
import { formatPhone } from '../../reference/phone.js';
import { formatSiret } from '../../reference/siret.js';
import { COMMON } from '../../texts/common.js';
import { frenchDate, frenchDateTime } from '../../time.js';
import {
  context,
  divider,
  escapeText,
  input,
  mailLink,
  option,
  options,
  plain,
  radios,
  section,
  staticSelect,
  textInput,
  truncate,
} from '../blocks.js';
import { companyBlocks, type CompanyPrefill } from './company-blocks.js';

export interface AlertModalInput extends CompanyPrefill {
  submissionKey: string;
  /** The deployment's ALERT_DEADLINE_HOURS: the form tells the capteur when France Travail will have the need. */
  deadlineHours: number;
  /** Opened from a visit's confirmation: the visit (kept in the metadata) and what it pre-fills. */
  fromVisit?: AlertFromVisitPrefill | undefined;
  /** The visit was saved this very moment and its form gave way to this one (an urgent hiring need). */
  afterVisitSaved?: boolean | undefined;
}

/** What a visit pre-fills in the alert form (services/alerts/alert-from-visit.ts). */
export type AlertFromVisitPrefill = Pick<
  AlertFromVisit,
  'visitId' | 'visitDate' | 'hiringHorizon' | 'positions' | 'needs'
>;

/** The urgency's first words: the visit's needs as typed, all of them, for the capteur to complete. */
export function urgencyFromVisit(visit: AlertFromVisitPrefill): string {
  const needs = visit.needs.map((n) => FORM.needFromVisit(n.jobFamily, n.count)).join(', ');
  const horizon = visit.hiringHorizon ? HIRING_HORIZON_LABELS[visit.hiringHorizon] : null;
  return truncate(FORM.urgencyFromVisit(frenchDate(visit.visitDate), horizon, needs), URGENCY_MAX);
}

/** The urgency input's limit, as the form's validation (services/alerts/alert-report.ts). */
const URGENCY_MAX = 1000;

/** The alert form's private_metadata. */
export interface AlertReportMetadata {
  submissionKey: string;
  visitId?: string;
}

/** The private_metadata of the forms that act on one alert. */
export interface AlertFormMetadata {
  alertId: string;
}

const YES_NO = [option(COMMON.yes, 'oui'), option(COMMON.no, 'non')];

const FORM = T.reportModal;

function positionBlocks(rank: PositionRank, prefill?: { jobTitle: string; count: number }): KnownBlock[] {
  const key = <F extends 'Title' | 'Rome' | 'Count' | 'Contract' | 'Start' | 'Location'>(field: F) =>
    A[`p${rank}${field}`];
  const optional = rank !== 1;
  return [
    section(rank === 1 ? FORM.firstPosition : FORM.otherPosition),
    input(
      key('Title'),
      FORM.jobTitle,
      textInput({ maxLength: 120, placeholder: FORM.jobTitlePlaceholder, initial: prefill?.jobTitle }),
      { optional },
    ),
    input(key('Rome'), FORM.romeCode, textInput({ maxLength: 5, placeholder: FORM.romeCodePlaceholder }), {
      optional: true,
      hint: FORM.romeCodeHint,
    }),
    input(
      key('Count'),
      FORM.count,
      textInput({
        maxLength: 3,
        placeholder: FORM.countPlaceholder,
        initial: prefill ? String(prefill.count) : undefined,
      }),
      { optional },
    ),
    input(key('Contract'), FORM.contract, staticSelect(options(CONTRACT_LABELS), COMMON.choose), { optional }),
    input(key('Start'), FORM.start, { type: 'datepicker' }, { optional: true }),
    input(key('Location'), FORM.location, textInput({ maxLength: 120, placeholder: FORM.locationPlaceholder }), {
      optional,
    }),
  ];
}

/** /alerte-recrutement: the company, up to three positions, why it is urgent, the contact for the offer. */
export function alertReportModal(opening: AlertModalInput): View {
  const fromVisit = opening.fromVisit;
  const metadata: AlertReportMetadata = {
    submissionKey: opening.submissionKey,
    ...(fromVisit ? { visitId: fromVisit.visitId } : {}),
  };
  return {
    type: 'modal',
    callback_id: VIEWS.alertReport,
    private_metadata: JSON.stringify(metadata),
    title: plain(FORM.title),
    submit: plain(FORM.submit),
    close: plain(opening.afterVisitSaved ? FORM.later : COMMON.cancel),
    blocks: [
      ...(opening.afterVisitSaved ? [section(FORM.visitSaved)] : []),
      context(FORM.notice(opening.deadlineHours)),
      ...(fromVisit ? [context(FORM.fromVisit(frenchDate(fromVisit.visitDate)))] : []),
      ...companyBlocks(opening),
      divider(),
      ...POSITION_RANKS.flatMap((rank) => [
        ...positionBlocks(rank, fromVisit?.positions[rank - 1]),
        ...(rank < POSITION_RANKS.length ? [divider()] : []),
      ]),
      divider(),
      input(
        A.urgency,
        FORM.urgency,
        textInput({
          multiline: true,
          maxLength: URGENCY_MAX,
          placeholder: FORM.urgencyPlaceholder,
          initial: fromVisit ? urgencyFromVisit(fromVisit) : undefined,
        }),
      ),
      section(FORM.contactHeading),
      input(A.contactName, FORM.contactName, textInput({ maxLength: 120, placeholder: FORM.contactNamePlaceholder })),
      input(A.contactPhone, COMMON.phone, textInput({ maxLength: 30 }), { optional: true }),
      input(A.contactEmail, COMMON.email, textInput({ maxLength: 200 }), {
        optional: true,
        hint: FORM.contactHint,
      }),
      input(A.consentToName, FORM.consentToName, radios(YES_NO), {
        hint: FORM.consentToNameHint,
      }),
    ],
  };
}

/** What the alert modal turns into once the alert is recorded. */
export function alertRaisedModal(alert: { reference: string; deadlineAt: Date }, timeZone: string): View {
  return {
    type: 'modal',
    callback_id: VIEWS.alertRaised,
    title: plain(T.raisedModal.title),
    close: plain(COMMON.close),
    blocks: [
      section(T.raisedModal.recorded(alert.reference)),
      section(T.raisedModal.deadline(frenchDateTime(alert.deadlineAt, timeZone))),
    ],
  };
}

/**
 * The need as a ready-to-send French e-mail, for platforms whose France Travail advisers are not
 * in Slack. The company's name goes to France Travail in any case: it registers the offer.
 */
export function franceTravailEmail(alert: AlertDetails, to: string | undefined): { subject: string; body: string } {
  const positions = alert.positions
    .map((p) =>
      T.email.position({
        title: p.jobTitle,
        romeCode: p.romeCode,
        count: p.count,
        contract: CONTRACT_LABELS[p.contractType],
        location: p.location,
        start: p.startDate ? frenchDate(p.startDate) : null,
      }),
    )
    .join('\n');
  const phone = alert.contactPhone ? formatPhone(alert.contactPhone) : null;
  const contact = [alert.contactName, phone, alert.contactEmail].filter(Boolean).join(' — ');
  const subject = T.email.subject(alert.company.name, alert.reference);
  const body = T.email.body({
    to,
    subject,
    reference: alert.reference,
    company: alert.company.name,
    commune: alert.company.commune,
    siret: alert.company.siret ? formatSiret(alert.company.siret) : null,
    positions,
    urgency: alert.urgency,
    contact,
  });
  return { subject, body };
}

/** What a section holds once wrapped in ``` … ```. */
const CODE_BLOCK_ROOM = 3000 - 6;

/**
 * Text shown escaped in as many code blocks as it takes. A section holds 3000 characters and the
 * e-mail, escaped, can reach about 10 000: cutting it would drop its end (the company's contact).
 * Parts end at a line break where possible, and never inside an escaped character.
 */
function codeBlocks(text: string, room = CODE_BLOCK_ROOM): string[] {
  // A ``` typed by someone would close the code block early.
  const chars = Array.from(escapeText(text.replace(/```/g, "'''")));
  const parts: string[] = [];
  let start = 0;
  while (chars.length - start > room) {
    let end = start + room;
    const lineBreak = chars.lastIndexOf('\n', end);
    if (lineBreak > start) {
      end = lineBreak;
    } else {
      // Every & of the escaped text starts &amp;, &lt; or &gt; (at most 5 characters).
      const entity = chars.lastIndexOf('&', end - 1);
      if (entity > start && entity > end - 5) end = entity;
    }
    parts.push(chars.slice(start, end).join(''));
    start = chars[end] === '\n' ? end + 1 : end;
  }
  parts.push(chars.slice(start).join(''));
  return parts;
}

/** « Transmettre » when France Travail is not in Slack: the e-mail to send, then confirm it went. */
export function transmitByEmailModal(alert: AlertDetails, to: string | undefined): View {
  const email = franceTravailEmail(alert, to);
  const metadata: AlertFormMetadata = { alertId: alert.id };
  return {
    type: 'modal',
    callback_id: VIEWS.alertTransmitByEmail,
    private_metadata: JSON.stringify(metadata),
    title: plain(T.transmitByEmailModal.title),
    submit: plain(T.transmitByEmailModal.submit),
    close: plain(COMMON.cancel),
    blocks: [
      section(T.transmitByEmailModal.intro(to ? mailLink(to) : null)),
      ...codeBlocks(email.body).map((part) => section(`\`\`\`${part}\`\`\``)),
      context(T.transmitByEmailModal.footer),
    ],
  };
}

const O = T.offerModal;

/** France Travail's answer: the offer's reference and contact. */
export function offerModal(alert: { id: string; reference: string }): View {
  const metadata: AlertFormMetadata = { alertId: alert.id };
  return {
    type: 'modal',
    callback_id: VIEWS.alertOffer,
    private_metadata: JSON.stringify(metadata),
    title: plain(O.title),
    submit: plain(COMMON.save),
    close: plain(COMMON.cancel),
    blocks: [
      context(T.shortTitle(alert.reference)),
      input(OFFER_BLOCKS.reference, O.reference, textInput({ maxLength: 40, placeholder: O.referencePlaceholder })),
      input(OFFER_BLOCKS.contactName, O.contactName, textInput({ maxLength: 120 })),
      input(OFFER_BLOCKS.contactEmail, COMMON.email, textInput({ maxLength: 200 }), { optional: true }),
      input(OFFER_BLOCKS.contactPhone, COMMON.phone, textInput({ maxLength: 30 }), {
        optional: true,
        hint: O.contactHint,
      }),
      input(OFFER_BLOCKS.url, O.url, textInput({ maxLength: 500, placeholder: O.urlPlaceholder }), { optional: true }),
    ],
  };
}

/** Closing an alert: how it ended, in a few words. */
export function closeModal(alert: { id: string; reference: string }): View {
  const metadata: AlertFormMetadata = { alertId: alert.id };
  return {
    type: 'modal',
    callback_id: VIEWS.alertClose,
    private_metadata: JSON.stringify(metadata),
    title: plain(T.closeModal.title),
    submit: plain(T.closeModal.submit),
    close: plain(COMMON.cancel),
    blocks: [
      context(T.shortTitle(alert.reference)),
      input(CLOSE_BLOCKS.outcome, T.closeModal.outcome, radios(options(OUTCOME_LABELS))),
      input(
        CLOSE_BLOCKS.note,
        T.closeModal.note,
        textInput({ multiline: true, maxLength: 1000, placeholder: T.closeModal.notePlaceholder }),
      ),
    ],
  };
}
