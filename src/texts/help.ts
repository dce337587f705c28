/** Each command's help (`aide`). */
import { PLATFORM_NAME } from './common.js';
import { DATE_TEXTS } from './dates.js';

export const HELP = {
  visite: [
    '*/visite* — déposer un compte rendu de visite d’entreprise.',
    '• `/visite` ouvre le formulaire ;',
    '• `/visite 123 456 789 00012` ou `/visite Dupont` le pré-remplit avec l’entreprise ;',
    '• `/visite aide` affiche cette aide.',
    'Réservé aux capteurs.',
  ].join('\n'),
  entreprise: [
    '*/entreprise* — la fiche d’une entreprise : identité, activité NAF, effectif, visites, signaux d’alerte.',
    '• `/entreprise 123 456 789 00012` (SIRET ou SIREN) ;',
    '• `/entreprise Dupont` (quelques lettres du nom).',
  ].join('\n'),
  /** With the deployment's ALERT_DEADLINE_HOURS. */
  alerte: (deadlineHours: number) =>
    [
      '*/alerte-recrutement* — signaler un besoin urgent de recrutement d’une entreprise.',
      '• `/alerte-recrutement` ouvre le formulaire (`/alerte-recrutement 123 456 789 00012` ou un nom le pré-remplit) ;',
      `• la coordination est prévenue aussitôt et transmet le besoin à France Travail sous ${DATE_TEXTS.hours(deadlineHours)} ;`,
      '• `/alerte-recrutement liste` : les alertes en cours (coordination) ;',
      '• `/alerte-recrutement aide` affiche cette aide.',
    ].join('\n'),
  actions: [
    '*/actions* — vos actions en cours et celles de votre structure, avec leurs échéances.',
    '• chaque action a ses boutons : en cours, réalisée, bloquée, note d’avancement, report d’échéance ;',
    '• pour créer une action : bouton « Créer une action » de la fiche `/entreprise`.',
  ].join('\n'),
  /** With the deployment's COMMITTEE_AGENDA_DAYS. */
  comite: (agendaDaysBefore: number) =>
    [
      '*/comite* — le comité technique mensuel.',
      '• `/comite` : les prochaines séances et leur ordre du jour ;',
      '• `/comite planifier` : planifier une séance (coordination) ; « Modifier l’ordre du jour », « Déplacer » ou « Annuler » tant qu’il n’est pas publié ;',
      '• `/comite a-informer` : les entreprises pas encore informées des décisions du comité (coordination) ;',
      `• l’ordre du jour (les entreprises dont une visite est marquée « prochain comité » ou signale une alerte, et les actions à faire le point) est publié dans le canal du comité ${DATE_TEXTS.daysInFull(agendaDaysBefore)} avant, ou plus tôt avec le bouton « Publier l’ordre du jour » ;`,
      '• après la clôture, chaque capteur reçoit les décisions à transmettre aux entreprises qu’il a présentées, et un rappel chaque semaine tant qu’elles ne sont pas informées.',
    ].join('\n'),
  plateforme: [
    `*/plateforme* — aide et administration de la ${PLATFORM_NAME}.`,
    '• `/visite` : déposer un compte rendu de visite (capteurs) ;',
    '• `/alerte-recrutement` : signaler un besoin urgent de recrutement (capteurs) ;',
    '• `/entreprise <SIRET ou nom>` : fiche entreprise ;',
    '• `/actions` : vos actions et celles de votre structure (comité technique) ;',
    '• `/comite` : les séances du comité technique et leur ordre du jour ;',
    '• `/plateforme` : cette aide ; pour les administrateurs, la gestion des structures et des membres ;',
    '• `/plateforme structure` : créer une structure partenaire ;',
    '• `/plateforme membre` : inscrire un membre ou changer ses rôles ;',
    '• `/plateforme programmes [structure]` : les programmes de visites des structures et leur avancement (coordination) ;',
    '• `/plateforme indicateurs [2026-T3]` : les indicateurs du comité de pilotage, et les valeurs figées d’un trimestre (pilotage, coordination) ;',
    '• `/plateforme rapport [année] [nouveau]` : le rapport annuel, publié dans le canal de pilotage en version publique et interne (pilotage, coordination) ;',
    '• `/plateforme rgpd export <SIRET>` : les données détenues sur une entreprise (coordination) ; `/plateforme rgpd effacer <SIRET>` : les effacer à sa demande, partout, messages Slack compris (administrateurs) ;',
    '• `/plateforme sirene` : le répertoire SIRENE du territoire (établissements actifs, suivis) et ses derniers imports (coordination) ;',
    '• `/plateforme export <période>` : les visites, entreprises, actions et alertes d’une période en tableur, envoyées à vous seul (coordination) ; période : `2026`, `2026-T1`, `2026-03` ou `2026-01-01 2026-03-31`.',
  ].join('\n'),
} as const;
