import type { KnownBlock, View } from '@slack/types';
import { POSITION_RANKS, type PositionRank } from '../../services/alerts/alert-report.js';
import type { AlertDetails } from '../../services/alerts/alerts.js';
import { ALERT_BLOCKS as A, CLOSE_BLOCKS, OFFER_BLOCKS, VIEWS } from '../../slack/ids.js';
import { CONTRACT_LABELS, OUTCOME_LABELS } from '../../texts/fr.js';
import { frenchDate, frenchDateTime } from '../../time.js';
import {
  context,
  divider,
  escapeText,
  input,
  option,
  options,
  plain,
  radios,
  section,
  staticSelect,
  textInput,
} from '../blocks.js';
import { companyBlocks, type CompanyPrefill } from './company-blocks.js';

export interface AlertModalInput extends CompanyPrefill {
  submissionKey: string;
}

/** The private_metadata of the forms that act on one alert. */
export interface AlertFormMetadata {
  alertId: string;
}

const YES_NO = [option('Oui', 'oui'), option('Non', 'non')];

function positionBlocks(rank: PositionRank): KnownBlock[] {
  const key = <F extends 'Title' | 'Rome' | 'Count' | 'Contract' | 'Start' | 'Location'>(field: F) =>
    A[`p${rank}${field}`];
  const optional = rank !== 1;
  return [
    section(rank === 1 ? '*Poste à pourvoir*' : `*Autre poste* (facultatif)`),
    input(key('Title'), 'Intitulé du poste', textInput({ maxLength: 120, placeholder: 'ex. Soudeur TIG' }), {
      optional,
    }),
    input(key('Rome'), 'Code ROME', textInput({ maxLength: 5, placeholder: 'ex. H2913' }), {
      optional: true,
      hint: 'Si vous le connaissez : il aide France Travail à enregistrer l’offre.',
    }),
    input(key('Count'), 'Nombre de postes', textInput({ maxLength: 3, placeholder: 'ex. 2' }), { optional }),
    input(key('Contract'), 'Type de contrat', staticSelect(options(CONTRACT_LABELS), 'Choisir'), { optional }),
    input(key('Start'), 'Démarrage souhaité', { type: 'datepicker' }, { optional: true }),
    input(key('Location'), 'Lieu de travail', textInput({ maxLength: 120, placeholder: 'ex. Vierzon' }), { optional }),
  ];
}

/** /alerte-recrutement: the company, up to three positions, why it is urgent, the contact for the offer. */
export function alertReportModal(opening: AlertModalInput): View {
  return {
    type: 'modal',
    callback_id: VIEWS.alertReport,
    private_metadata: JSON.stringify({ submissionKey: opening.submissionKey }),
    title: plain('Alerte recrutement'),
    submit: plain('Envoyer l’alerte'),
    close: plain('Annuler'),
    blocks: [
      context('La coordination est prévenue dès l’envoi et transmet le besoin à France Travail sous 48 heures.'),
      ...companyBlocks(opening),
      divider(),
      ...POSITION_RANKS.flatMap((rank) => [
        ...positionBlocks(rank),
        ...(rank < POSITION_RANKS.length ? [divider()] : []),
      ]),
      divider(),
      input(
        A.urgency,
        "Pourquoi c'est urgent",
        textInput({
          multiline: true,
          maxLength: 1000,
          placeholder: 'ex. commande importante à livrer en mars, deux départs non remplacés',
        }),
      ),
      section("*Contact dans l'entreprise pour l'offre*"),
      input(
        A.contactName,
        'Nom et fonction',
        textInput({ maxLength: 120, placeholder: 'ex. Marie Dupont, responsable RH' }),
      ),
      input(A.contactPhone, 'Téléphone', textInput({ maxLength: 30 }), { optional: true }),
      input(A.contactEmail, 'E-mail', textInput({ maxLength: 200 }), {
        optional: true,
        hint: 'Au moins un téléphone ou un e-mail.',
      }),
      input(
        A.consentToName,
        "L'entreprise accepte d'être nommée aux partenaires lors de la diffusion de l'offre",
        radios(YES_NO),
        {
          hint: "Sans accord, l'offre est diffusée sans le nom de l'entreprise.",
        },
      ),
    ],
  };
}

/** What the alert modal turns into once the alert is recorded. */
export function alertRaisedModal(alert: { reference: string; deadlineAt: Date }, timeZone: string): View {
  return {
    type: 'modal',
    callback_id: VIEWS.alertRaised,
    title: plain('Alerte envoyée'),
    close: plain('Fermer'),
    blocks: [
      section(`:white_check_mark: Alerte *${alert.reference}* enregistrée. La coordination est prévenue.`),
      section(
        `Elle doit être transmise à France Travail avant le *${frenchDateTime(alert.deadlineAt, timeZone)}*. Vous serez informé(e) à chaque étape.`,
      ),
    ],
  };
}

/**
 * The need as a ready-to-send French e-mail, for platforms whose France Travail advisers are not
 * in Slack. The company's name goes to France Travail in any case: it registers the offer.
 */
export function franceTravailEmail(alert: AlertDetails, to: string | undefined): { subject: string; body: string } {
  const positions = alert.positions
    .map(
      (p) =>
        `- ${p.jobTitle}${p.romeCode ? ` (ROME ${p.romeCode})` : ''} : ${p.count} poste(s), ${CONTRACT_LABELS[p.contractType]}, à ${p.location}${p.startDate ? `, démarrage souhaité le ${frenchDate(p.startDate)}` : ''}`,
    )
    .join('\n');
  const contact = [alert.contactName, alert.contactPhone, alert.contactEmail].filter(Boolean).join(' — ');
  const subject = `Besoin urgent de recrutement — ${alert.company.name} (${alert.reference})`;
  const body = [
    ...(to ? [`À : ${to}`] : []),
    `Objet : ${subject}`,
    '',
    'Bonjour,',
    '',
    `La Plateforme Emploi – Mutations Économiques vous transmet un besoin urgent de recrutement (réf. ${alert.reference}).`,
    '',
    `Entreprise : ${alert.company.name}, ${alert.company.commune}${alert.company.siret ? ` (SIRET ${alert.company.siret})` : ''}`,
    'Postes :',
    positions,
    '',
    `Urgence : ${alert.urgency}`,
    `Contact dans l'entreprise : ${contact}`,
    '',
    "Merci de nous retourner la référence de l'offre que vous enregistrerez et le nom de son interlocuteur, afin que nous la diffusions aux partenaires de la plateforme.",
    '',
    'Bien cordialement,',
  ].join('\n');
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
    title: plain('Transmettre'),
    submit: plain('C’est envoyé'),
    close: plain('Annuler'),
    blocks: [
      section(
        `France Travail n'est pas dans Slack : envoyez-lui ce message par e-mail${to ? ` (${escapeText(to)})` : ''}, puis confirmez.`,
      ),
      ...codeBlocks(email.body).map((part) => section(`\`\`\`${part}\`\`\``)),
      context(
        "En confirmant, l'alerte passe à « Transmise à France Travail ». Vous enregistrerez la référence de l'offre à sa réception.",
      ),
    ],
  };
}

/** France Travail's answer: the offer's reference and contact. */
export function offerModal(alert: { id: string; reference: string }): View {
  const metadata: AlertFormMetadata = { alertId: alert.id };
  return {
    type: 'modal',
    callback_id: VIEWS.alertOffer,
    private_metadata: JSON.stringify(metadata),
    title: plain('Offre France Travail'),
    submit: plain('Enregistrer'),
    close: plain('Annuler'),
    blocks: [
      context(`Alerte ${alert.reference}`),
      input(OFFER_BLOCKS.reference, "Référence de l'offre", textInput({ maxLength: 40, placeholder: 'ex. 185XKQW' })),
      input(OFFER_BLOCKS.contactName, 'Interlocuteur France Travail', textInput({ maxLength: 120 })),
      input(OFFER_BLOCKS.contactEmail, 'E-mail', textInput({ maxLength: 200 }), { optional: true }),
      input(OFFER_BLOCKS.contactPhone, 'Téléphone', textInput({ maxLength: 30 }), {
        optional: true,
        hint: 'Au moins un e-mail ou un téléphone.',
      }),
      input(
        OFFER_BLOCKS.url,
        "Lien vers l'offre",
        textInput({ maxLength: 500, placeholder: 'https://candidat.francetravail.fr/offres/recherche/detail/…' }),
        { optional: true },
      ),
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
    title: plain("Clore l'alerte"),
    submit: plain('Clore'),
    close: plain('Annuler'),
    blocks: [
      context(`Alerte ${alert.reference}`),
      input(CLOSE_BLOCKS.outcome, 'Issue', radios(options(OUTCOME_LABELS))),
      input(
        CLOSE_BLOCKS.note,
        'Note',
        textInput({ multiline: true, maxLength: 1000, placeholder: "ex. poste pourvu par l'intérim le 3 mars" }),
      ),
    ],
  };
}
