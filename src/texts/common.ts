/** What every part of the platform says: its name, the usual buttons, incidents and refusals. */
import { countOf } from './plural.js';

export const PLATFORM_NAME = 'Plateforme Emploi – Mutations Économiques';

/** Words of forms and confirmations, the same in every view. */
export const COMMON = {
  yes: 'Oui',
  no: 'Non',
  save: 'Enregistrer',
  cancel: 'Annuler',
  close: 'Fermer',
  back: 'Retour',
  choose: 'Choisir',
  chooseInSlack: 'Choisir dans Slack',
  none: 'Aucune',
  companySearch: 'SIRET ou nom',
  email: 'E-mail',
  phone: 'Téléphone',
  status: 'Statut',
  /** « … et 3 autres. » under a list cut short. */
  andOthers: (count: number) => `… et ${countOf(count, 'autre', 'autres')}.`,
} as const;

/** When something of ours fails: say what happened to the person's work and what to do. */
export const INCIDENTS = {
  /** The title of a modal that says one of these. */
  title: 'Incident',
  formNotSaved:
    "Enregistrement impossible pour le moment (incident technique) : rien n'a été enregistré et vos saisies sont conservées. Réessayez dans un instant.",
  modalNotOpened: "Le formulaire n'a pas pu s'ouvrir (Slack n'a pas répondu à temps). Retapez la commande.",
  actionNotSaved:
    "Rien n'a été enregistré (incident technique). Réessayez dans un instant depuis le message de l'alerte.",
  /** A command, button or form whose handling failed: said by the request guard (src/slack/request-guard.ts). */
  requestFailed:
    "Votre demande n'a pas abouti (incident technique). Réessayez dans un instant ; si cela se reproduit, prévenez la coordination de la plateforme.",
  /** A request no part of the platform answers (a button of an old message, an unknown form). */
  requestNotUnderstood:
    "Cette demande n'est pas (ou plus) prise en charge par la plateforme. Rouvrez la commande pour repartir d'un message à jour.",
} as const;

/** Refusals: short, polite, and saying who can help. */
export const REFUSALS = {
  unknownMember: `Vous n'êtes pas encore inscrit sur la ${PLATFORM_NAME}. Demandez à un administrateur de la plateforme de vous ajouter (commande /plateforme).`,
  fileVisit:
    'Seuls les capteurs peuvent déposer un compte rendu de visite. Si vous en êtes un, demandez à un administrateur de vous donner ce rôle.',
  readCompanies:
    'Votre rôle ne donne pas accès aux fiches entreprises. Demandez à un administrateur si vous en avez besoin.',
  administer: 'Seuls les administrateurs de la plateforme peuvent gérer les structures et les membres.',
  raiseAlert:
    'Seuls les capteurs peuvent signaler un besoin urgent de recrutement. Contactez directement la coordination, ou demandez à un administrateur le rôle de capteur.',
  handleAlerts: 'Seule la coordination de la plateforme peut faire avancer les alertes recrutement.',
  recordOffers: "Seuls la coordination et les conseillers France Travail peuvent enregistrer l'offre.",
  manageActions: 'Seuls les membres du comité technique et la coordination peuvent créer ou suivre des actions.',
  runCommittees: 'Seule la coordination peut planifier les comités et publier leur ordre du jour.',
  followCommittees: 'Les comités techniques sont réservés à leurs membres et à la coordination.',
  managePrograms: 'Seule la coordination fixe les programmes de visites des structures.',
  manageIndicators: 'Seule la coordination enregistre les indicateurs choisis par le comité de pilotage.',
  exportData: 'Seule la coordination exporte les données de la plateforme.',
  followSireneReference: 'Seule la coordination suit le répertoire SIRENE du territoire et ses imports.',
  eraseCompanyData: 'Seuls les administrateurs de la plateforme effacent les données d’une entreprise.',
  readIndicators: 'Les indicateurs et les rapports sont réservés au comité de pilotage et à la coordination.',
  other: 'Votre rôle ne permet pas cette action. Demandez à un administrateur si vous en avez besoin.',
} as const;
