/** Visit reports: how a visit went, what the company said, and the labels of its answers. */
import type {
  HiringHorizon,
  Priority,
  RedFlag,
  SiteOutlook,
  Stake,
  TransmissionBuyer,
  Trend,
  VisitChannel,
} from '../generated/prisma/enums.js';
import { countOf } from './plural.js';

export const CHANNEL_LABELS: Record<VisitChannel, string> = {
  sur_site: 'Sur site',
  telephone: 'Téléphone',
  visio: 'Visioconférence',
};

export const TREND_LABELS: Record<Trend, string> = {
  hausse: 'En hausse',
  stable: 'Stable',
  baisse: 'En baisse',
};

export const SITE_OUTLOOK_LABELS: Record<SiteOutlook, string> = {
  developpement: 'Développement',
  maintien: 'Maintien',
  reduction: "Réduction d'activité",
  fermeture_ou_demenagement: 'Fermeture ou déménagement envisagé',
};

export const HIRING_HORIZON_LABELS: Record<HiringHorizon, string> = {
  urgent: 'Urgent (moins de 3 mois)',
  douze_mois: 'Dans les 12 mois',
};

export const TRANSMISSION_BUYER_LABELS: Record<TransmissionBuyer, string> = {
  identifie: 'Repreneur identifié',
  non_identifie: 'Pas de repreneur identifié',
  sans_objet: 'Sans objet',
};

export const STAKE_LABELS: Record<Stake, string> = {
  recrutement: 'Recrutement',
  competences_formation: 'Compétences / formation',
  investissement_modernisation: 'Investissement / modernisation',
  transmission_reprise: 'Transmission / reprise',
  difficultes_restructuration: 'Difficultés / restructuration',
  innovation: 'Innovation',
  export: 'Export',
  foncier_immobilier: 'Foncier / immobilier',
  transition_ecologique: 'Transition écologique',
  numerique: 'Numérique',
  autre: 'Autre',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  haute: 'Priorité haute',
  moyenne: 'Priorité moyenne',
  basse: 'Priorité basse',
};

export const RED_FLAG_LABELS: Record<RedFlag, string> = {
  recrutement_urgent: 'Recrutement urgent',
  emplois_menaces: 'Emplois menacés',
  fermeture_ou_demenagement: 'Fermeture ou déménagement envisagé',
  transmission_sans_repreneur: 'Transmission sans repreneur',
};

export const VISIT_TEXTS = {
  /** « Priorité haute : Recrutement, Export », the groups joined by « · ». */
  stakesGroup: (priority: string, stakes: string[]) => `${priority} : ${stakes.join(', ')}`,
  noStake: 'Aucun enjeu indiqué',
  facts: {
    /** The channel label is lowered: « (sur site) ». */
    date: (date: string, channel: string) => `*Date*\n${date} (${channel.toLowerCase()})`,
    headcount: (headcount: number, trend: string | null) =>
      `*Effectif*\n${headcount} salariés${trend ? ` (${trend.toLowerCase()})` : ''}`,
    hiring: (total: number, horizon: string | null, needs: string) =>
      `*Recrutements*\n${countOf(total, 'poste', 'postes')}${horizon ? ` — ${horizon.toLowerCase()}` : ''} : ${needs}`,
    hiringNeed: (jobFamily: string, count: number) => `${jobFamily} (${count})`,
    jobsAtRisk: (count: number) => `*Emplois menacés*\n${count}`,
    siteOutlook: (outlook: string) => `*Perspectives*\n${outlook}`,
    sharing: (consent: boolean) => `*Partage avec les partenaires*\n${consent ? 'Accepté' : 'Refusé'}`,
    toCommittee: '*Comité technique*\nÀ l’ordre du jour du prochain comité',
  },
  companyLine: (name: string, commune: string, siret: string | null) =>
    `*${name}* — ${commune}${siret ? ` — SIRET ${siret}` : ''}`,
  stakes: (stakes: string) => `*Enjeux* : ${stakes}`,
  diagnostic: (diagnostic: string) => `*Premier diagnostic*\n${diagnostic}`,
  confirmation: {
    text: (company: string, date: string) => `Compte rendu de visite enregistré : ${company}, ${date}.`,
    title: 'Compte rendu de visite enregistré',
    showCard: 'Voir la fiche entreprise',
    /** When the visit recorded hiring needs: the alert form, pre-filled from them. */
    raiseAlert: 'Signaler une alerte recrutement',
  },
  overlap: {
    other: (date: string, slackUserId: string, structure: string | null) =>
      `• le ${date} par <@${slackUserId}>${structure ? ` (${structure})` : ''}`,
    text: (company: string) => `${company} a aussi été visitée par une autre structure`,
    body: (company: string, commune: string, date: string, others: string) =>
      `:busts_in_silhouette: *${company}* (${commune}), que vous avez visitée le ${date}, a aussi été visitée :\n${others}`,
    footer:
      'Pensez à vous coordonner avant de la recontacter : la fiche `/entreprise` rassemble les visites et les actions.',
    showCard: 'Fiche entreprise',
  },
  /** /visite: the form. */
  modal: {
    title: 'Compte rendu de visite',
    company: '*Entreprise visitée*',
    visitHeading: '*La visite*',
    visitDate: 'Date de la visite',
    channel: 'Modalité',
    figuresHeading: '*Données chiffrées*',
    figures: 'Données chiffrées (effectif, recrutements, tendances)',
    figuresShow: 'Renseigner',
    figuresSkip: 'Passer',
    figuresHint: 'Passer masque les cinq champs ci-dessous ; rien n’en sera enregistré.',
    situation: 'Tendances et perspectives',
    situationPlaceholder: 'Choisir',
    situationHint:
      'Une réponse au plus par rubrique : effectif, chiffre d’affaires, site, investissement, recrutements, transmission.',
    situationGroups: {
      headcountTrend: 'Effectif sur 12 mois',
      revenueTrend: "Chiffre d'affaires",
      siteOutlook: 'Perspectives du site',
      investmentPlanned: 'Investissement',
      hiringHorizon: 'Échéance des recrutements',
      transmissionBuyer: 'Transmission / reprise',
    },
    /** « Effectif sur 12 mois : en hausse » (the answer lowered). */
    situationOption: (group: string, answer: string) =>
      `${group} : ${answer.charAt(0).toLowerCase()}${answer.slice(1)}`,
    investmentAnswers: { oui: 'Prévu', non: 'Non prévu' },
    headcount: 'Effectif actuel (salariés)',
    headcountPlaceholder: 'ex. 45',
    headcountTrend: "Évolution de l'effectif sur 12 mois",
    revenueTrend: "Évolution du chiffre d'affaires",
    siteOutlook: 'Perspectives du site',
    hiringNeeds: 'Besoins de recrutement à 12 mois',
    hiringNeedsPlaceholder: 'Soudeur : 3\nTechnicien de maintenance : 1',
    hiringNeedsHint: 'Une ligne par métier : « métier : nombre de postes ».',
    hiringHorizon: 'Échéance des recrutements',
    jobsAtRisk: 'Emplois menacés',
    jobsAtRiskPlaceholder: 'ex. 0',
    investmentPlanned: 'Investissement prévu',
    exportShare: "Part du chiffre d'affaires à l'export (%)",
    exportSharePlaceholder: 'ex. 20',
    stakesHeading: '*Enjeux*',
    stakes: 'Enjeux et priorités',
    stakesPlaceholder: 'Au moins un enjeu',
    stakesHint: 'Au moins un enjeu, chacun avec une seule priorité (haute, moyenne ou basse).',
    /** A stake's option in the stakes list: « Recrutement (haute) ». */
    stakeOption: (stake: string, priority: string) => `${stake} (${priority})`,
    priorityGroups: { haute: 'Priorité haute', moyenne: 'Priorité moyenne', basse: 'Priorité basse' },
    priorityShort: { haute: 'haute', moyenne: 'moyenne', basse: 'basse' },
    diagnosticHeading: '*Besoins et premier diagnostic*',
    needs: "Besoins exprimés par l'entreprise",
    diagnostic: 'Premier diagnostic',
    followUp: 'Partage et suite',
    consentToShare: "L'entreprise accepte que ces informations soient partagées avec les partenaires de la plateforme",
    toCommitteeAgenda: "Inscrire l'entreprise à l'ordre du jour du prochain comité technique",
    followUpHint:
      "Cochez le partage seulement si l'entreprise l'a accepté : sans accord, le contenu de la visite reste visible de votre structure et de la coordination seulement.",
  },
} as const;
