/** Recruitment alerts: the form, the page, the news, the deadline. */
import type { AlertOutcome, AlertState, ContractType } from '../generated/prisma/enums.js';
import { PLATFORM_NAME } from './common.js';
import { DATE_TEXTS } from './dates.js';
import { countOf } from './plural.js';

export const ALERT_STATE_LABELS: Record<AlertState, string> = {
  signalee: 'Signalée',
  prise_en_charge: 'Prise en charge',
  transmise: 'Transmise à France Travail',
  offre_enregistree: 'Offre enregistrée',
  diffusee: 'Diffusée aux partenaires',
  cloturee: 'Clôturée',
};

export const CONTRACT_LABELS: Record<ContractType, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  alternance: 'Alternance',
  saisonnier: 'Saisonnier',
  autre: 'Autre',
};

export const OUTCOME_LABELS: Record<AlertOutcome, string> = {
  pourvue: 'Besoin pourvu',
  annulee: 'Besoin annulé',
  sans_suite: 'Sans suite',
};

/** The buttons that move an alert (src/domain/alert-state-machine.ts). */
export const ALERT_ACTION_LABELS = {
  prendre_en_charge: 'Prendre en charge',
  transmettre: 'Transmettre à France Travail',
  enregistrer_offre: "Enregistrer l'offre",
  diffuser: 'Diffuser aux partenaires',
  clore: 'Clore',
} as const;

/**
 * The deadline is said as the deployment set it (ALERT_DEADLINE_HOURS): a view passes the hours
 * its alert was given (raised → deadline), or, before any alert exists, the configured hours.
 */
export const ALERT_TEXTS = {
  title: (reference: string) => `Alerte recrutement ${reference}`,
  /** In the forms about one alert: « Alerte ALR-2026-0042 ». */
  shortTitle: (reference: string) => `Alerte ${reference}`,
  /** « • *Soudeur TIG* (ROME H2913) — 2 postes, CDI, Vierzon, dès le 07/12/2026 » */
  position: (p: {
    title: string;
    romeCode: string | null;
    count: number;
    contract: string;
    location: string;
    start: string | null;
  }) =>
    `• *${p.title}*${p.romeCode ? ` (ROME ${p.romeCode})` : ''} — ${countOf(p.count, 'poste', 'postes')}, ${p.contract}, ${p.location}${p.start ? `, dès le ${p.start}` : ''}`,
  /** While it awaits transmission: « *Signalée* — il reste 31 h 20 (échéance le …) ». */
  stateAwaiting: (state: string, countdown: string, deadline: string, late: boolean) =>
    `*${state}* — ${countdown} (échéance le ${deadline})${late ? ' :rotating_light: *en retard*' : ''}`,
  /** Past transmission: whether it came late (or, closed untransmitted, missed its deadline). */
  stateSettled: (state: string, late: 'transmittedLate' | 'deadlineMissed' | null, deadlineHours: number) =>
    `*${state}*${
      late === 'transmittedLate'
        ? ` — transmise après l’échéance des ${DATE_TEXTS.hours(deadlineHours)}`
        : late === 'deadlineMissed'
          ? ` — échéance des ${DATE_TEXTS.hours(deadlineHours)} dépassée`
          : ''
    }`,
  /** One step of its history: « Prise en charge par <@U…> le 27/11/2026 à 15:00 ». */
  historyStep: (state: string, actor: string | null, at: string) =>
    `${state} ${actor ? `par <@${actor}> ` : ''}le ${at}`,
  /** `link`: the offer's page, already a Slack link (labelled offerLink). */
  offer: (reference: string, link: string | null) =>
    `*Offre France Travail* : réf. *${reference}*${link ? ` — ${link}` : ''}`,
  offerLink: 'voir l’offre',
  offerContact: (name: string, reach: string) => `*Interlocuteur* : ${name}${reach ? ` (${reach})` : ''}`,
  outcome: (outcome: string, note: string | null) => `*Issue* : ${outcome}${note ? ` — ${note}` : ''}`,
  urgency: (urgency: string) => `*Urgence* : ${urgency}`,
  diffuseConfirm: {
    title: 'Diffuser l’offre ?',
    text: (named: boolean) =>
      `L'offre sera publiée dans le canal des partenaires${named ? '' : ', sans le nom de l’entreprise'}.`,
    confirm: 'Diffuser',
  },
  page: {
    text: (reference: string, company: string, state: string) =>
      `Alerte recrutement ${reference} — ${company} : ${state}`,
    raisedBy: (slackUserId: string, structure: string | null) =>
      `*Signalée par*\n<@${slackUserId}>${structure ? ` (${structure})` : ''}`,
    companyContact: (contact: string) => `*Contact entreprise*\n${contact}`,
    nameToPartners: (consent: boolean) => `*Nommer l'entreprise aux partenaires*\n${consent ? 'Oui' : 'Non'}`,
    followedBy: (slackUserId: string | null) =>
      `*Suivie par*\n${slackUserId ? `<@${slackUserId}>` : '_personne pour le moment_'}`,
    createAction: 'Créer une action',
    /** The alert was raised from a visit's confirmation (« Signaler une alerte recrutement »). */
    fromVisit: (date: string) => `:clipboard: Signalée depuis la visite du ${date}`,
  },
  franceTravailRequest: {
    title: (reference: string) => `Besoin urgent de recrutement ${reference}`,
    text: (reference: string, company: string) => `Besoin urgent de recrutement ${reference} — ${company}`,
    intro: `La coordination de la ${PLATFORM_NAME} vous transmet ce besoin. Merci d'enregistrer l'offre et d'en indiquer ici la référence et l'interlocuteur.`,
    siret: (siret: string) => ` — SIRET ${siret}`,
    transmittedBy: (slackUserId: string | null) =>
      `*Transmis par*\n${slackUserId ? `<@${slackUserId}>` : 'la coordination'}`,
  },
  /** A direct message about one step; `by` is who moved it, when known. */
  news: {
    signalee: (reference: string, deadline: string) =>
      `:white_check_mark: Votre alerte *${reference}* est enregistrée et la coordination est prévenue. Échéance de transmission à France Travail : *${deadline}*.`,
    prise_en_charge: (reference: string, by: string | null) =>
      `:raised_hand: Votre alerte *${reference}* est prise en charge${byWhom(by)}.`,
    transmise: (reference: string, by: string | null) =>
      `:outbox_tray: Votre alerte *${reference}* est transmise à France Travail${byWhom(by)}.`,
    offre_enregistree: (reference: string, by: string | null) =>
      `:memo: France Travail a enregistré l'offre de l'alerte *${reference}*${byWhom(by)}.`,
    diffusee: (reference: string, by: string | null) =>
      `:loudspeaker: L'offre de l'alerte *${reference}* est diffusée aux partenaires${byWhom(by)}.`,
    cloturee: (reference: string, by: string | null, outcome: string | null, note: string | null) =>
      `:lock: L'alerte *${reference}* est close${byWhom(by)}${outcome ? ` : ${outcome.toLowerCase()}` : ''}${note ? ` — ${note}` : ''}.`,
  },
  diffusion: {
    anonymousCompany: (commune: string) => `Une entreprise de ${commune}`,
    text: (reference: string, jobTitles: string) => `Offre à diffuser (${reference}) : ${jobTitles}`,
    header: (jobTitles: string) => `Offre à diffuser — ${jobTitles}`,
    footer: (reference: string) =>
      `Besoin urgent de recrutement ${reference}, relayé par la ${PLATFORM_NAME}. Merci de le faire connaître aux candidats que vous accompagnez.`,
  },
  /** Before the deadline: how long ago it was raised, and what is left. */
  reminder: {
    text: (reference: string, company: string, raisedAgo: string, countdown: string) =>
      `:alarm_clock: Rappel : l'alerte *${reference}* (${company}) n'est pas encore transmise à France Travail — signalée il y a ${raisedAgo}, ${countdown}.`,
    fallback: (reference: string) => `Rappel : alerte ${reference} à transmettre à France Travail`,
  },
  breach: {
    text: (reference: string, company: string, deadlineHours: number, deadline: string, followedBy: string | null) =>
      `:rotating_light: Délai dépassé : l'alerte *${reference}* (${company}) n'a pas été transmise à France Travail dans les ${DATE_TEXTS.hours(deadlineHours)} (échéance le ${deadline}). Suivie par : ${followedBy ? `<@${followedBy}>` : 'personne'}.`,
    fallback: (reference: string) => `Délai dépassé : alerte ${reference}`,
  },
  openList: {
    none: 'Aucune alerte recrutement en cours.',
    /** « *ALR-2026-0042* — Dupont (Vierzon) — Soudeur ×2 » then its state line. */
    item: (
      reference: string,
      company: string,
      commune: string,
      positions: string,
      state: string,
      followedBy: string | null,
    ) =>
      `*${reference}* — ${company} (${commune}) — ${positions}\n${state}${followedBy ? ` — suivie par <@${followedBy}>` : ''}`,
    position: (jobTitle: string, count: number) => `${jobTitle} ×${count}`,
    heading: (count: number) => `*Alertes recrutement en cours (${count})*`,
    text: (count: number) => `${countOf(count, 'alerte', 'alertes')} recrutement en cours`,
    firstOnly: (shown: number) => `… ${shown} premières affichées, les plus urgentes d’abord.`,
  },
  /** /alerte-recrutement: the form. */
  reportModal: {
    title: 'Alerte recrutement',
    submit: 'Envoyer l’alerte',
    notice: (deadlineHours: number) =>
      `La coordination est prévenue dès l’envoi et transmet le besoin à France Travail sous ${DATE_TEXTS.hoursInFull(deadlineHours)}.`,
    firstPosition: '*Poste à pourvoir*',
    otherPosition: '*Autre poste* (facultatif)',
    jobTitle: 'Intitulé du poste',
    jobTitlePlaceholder: 'ex. Soudeur TIG',
    romeCode: 'Code ROME',
    romeCodePlaceholder: 'ex. H2913',
    romeCodeHint: 'Si vous le connaissez : il aide France Travail à enregistrer l’offre.',
    count: 'Nombre de postes',
    countPlaceholder: 'ex. 2',
    contract: 'Type de contrat',
    start: 'Démarrage souhaité',
    location: 'Lieu de travail',
    locationPlaceholder: 'ex. Vierzon',
    urgency: "Pourquoi c'est urgent",
    urgencyPlaceholder: 'ex. commande importante à livrer en mars, deux départs non remplacés',
    contactHeading: "*Contact dans l'entreprise pour l'offre*",
    contactName: 'Nom et fonction',
    contactNamePlaceholder: 'ex. Marie Dupont, responsable RH',
    contactHint: 'Au moins un téléphone ou un e-mail.',
    consentToName: "L'entreprise accepte d'être nommée aux partenaires lors de la diffusion de l'offre",
    consentToNameHint: "Sans accord, l'offre est diffusée sans le nom de l'entreprise.",
    /** Opened from a visit's confirmation: what was taken from the visit. */
    fromVisit: (date: string) =>
      `:clipboard: Alerte signalée depuis votre visite du ${date} : l'entreprise et les postes sont repris de ses besoins de recrutement. Vérifiez-les et complétez le reste.`,
    /** The visit form just saved gave way to this one: its report is kept, this alert is the next step. */
    visitSaved:
      ':white_check_mark: *Visite enregistrée* : son résumé vous arrive en message direct. Elle relève un besoin urgent de recrutement : signalez-le maintenant à la coordination, ou plus tard depuis le résumé.',
    later: 'Plus tard',
    /** The urgency pre-filled from the visit: its needs as typed (« Soudeur (3) »), to complete. */
    urgencyFromVisit: (date: string, horizon: string | null, needs: string) =>
      `Besoins relevés lors de la visite du ${date} : ${needs}.${horizon ? ` Horizon : ${horizon.toLowerCase()}.` : ''}`,
    needFromVisit: (job: string, count: number) => `${job} (${count})`,
  },
  raisedModal: {
    title: 'Alerte envoyée',
    recorded: (reference: string) =>
      `:white_check_mark: Alerte *${reference}* enregistrée. La coordination est prévenue.`,
    deadline: (deadline: string) =>
      `Elle doit être transmise à France Travail avant le *${deadline}*. Vous serez informé(e) à chaque étape.`,
  },
  /** The need as an e-mail to France Travail, when its advisers are not in Slack. */
  email: {
    position: (p: {
      title: string;
      romeCode: string | null;
      count: number;
      contract: string;
      location: string;
      start: string | null;
    }) =>
      `- ${p.title}${p.romeCode ? ` (ROME ${p.romeCode})` : ''} : ${countOf(p.count, 'poste', 'postes')}, ${p.contract}, à ${p.location}${p.start ? `, démarrage souhaité le ${p.start}` : ''}`,
    subject: (company: string, reference: string) => `Besoin urgent de recrutement — ${company} (${reference})`,
    body: (e: {
      to: string | undefined;
      subject: string;
      reference: string;
      company: string;
      commune: string;
      siret: string | null;
      positions: string;
      urgency: string;
      contact: string;
    }) =>
      [
        ...(e.to ? [`À : ${e.to}`] : []),
        `Objet : ${e.subject}`,
        '',
        'Bonjour,',
        '',
        `La ${PLATFORM_NAME} vous transmet un besoin urgent de recrutement (réf. ${e.reference}).`,
        '',
        `Entreprise : ${e.company}, ${e.commune}${e.siret ? ` (SIRET ${e.siret})` : ''}`,
        'Postes :',
        e.positions,
        '',
        `Urgence : ${e.urgency}`,
        `Contact dans l'entreprise : ${e.contact}`,
        '',
        "Merci de nous retourner la référence de l'offre que vous enregistrerez et le nom de son interlocuteur, afin que nous la diffusions aux partenaires de la plateforme.",
        '',
        'Bien cordialement,',
      ].join('\n'),
  },
  transmitByEmailModal: {
    title: 'Transmettre',
    submit: 'C’est envoyé',
    intro: (to: string | null) =>
      `France Travail n'est pas dans Slack : envoyez-lui ce message par e-mail${to ? ` (${to})` : ''}, puis confirmez.`,
    footer:
      "En confirmant, l'alerte passe à « Transmise à France Travail ». Vous enregistrerez la référence de l'offre à sa réception.",
    saved:
      ':outbox_tray: Alerte transmise à France Travail. Enregistrez la référence de l’offre dès sa réception (bouton « Enregistrer l’offre » du message d’alerte).',
  },
  offerModal: {
    title: 'Offre France Travail',
    reference: "Référence de l'offre",
    referencePlaceholder: 'ex. 185XKQW',
    contactName: 'Interlocuteur France Travail',
    contactHint: 'Au moins un e-mail ou un téléphone.',
    url: "Lien vers l'offre",
    urlPlaceholder: 'https://candidat.francetravail.fr/offres/recherche/detail/…',
    saved: ':memo: Offre enregistrée. La coordination peut maintenant la diffuser aux partenaires.',
  },
  closeModal: {
    title: "Clore l'alerte",
    submit: 'Clore',
    outcome: 'Issue',
    note: 'Note',
    notePlaceholder: "ex. poste pourvu par l'intérim le 3 mars",
    saved: ':lock: Alerte close. Le capteur est prévenu.',
  },
  /** The title of the three forms above once they have moved the alert (their text: `saved`). */
  savedTitle: 'Alerte mise à jour',
} as const;

function byWhom(slackUserId: string | null): string {
  return slackUserId ? ` par <@${slackUserId}>` : '';
}
