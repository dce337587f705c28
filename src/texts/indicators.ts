/** The steering committee's indicators: their names and definitions, values, quarters, the form. */
import { frenchNumber } from './dates.js';
import { countOf } from './plural.js';

/**
 * Each indicator of services/indicators/catalogue.ts as the committee reads it. A quarter's
 * snapshot keeps the label it was frozen with.
 */
export const INDICATOR_NAMES = {
  visites: {
    label: 'Visites réalisées',
    definition: 'Nombre de comptes rendus de visite datés de la période, toutes structures confondues.',
  },
  entreprises_visitees: {
    label: 'Entreprises visitées',
    definition: 'Nombre d’entreprises différentes ayant reçu au moins une visite dans la période.',
  },
  realisation_programmes: {
    label: 'Réalisation des programmes de visites',
    definition:
      'Visites des structures ayant un programme, rapportées à la somme de leurs objectifs mensuels sur les mois de la période (en %) ; le détail donne chaque structure.',
  },
  couverture_cibles: {
    label: 'Couverture des entreprises cibles',
    definition:
      'Part des entreprises cibles des programmes de l’année visitées par leur structure depuis le 1er janvier jusqu’à la fin de la période (en %).',
  },
  repartition_enjeux: {
    label: 'Répartition des enjeux',
    definition:
      'Nombre de visites de la période citant chaque enjeu (une visite peut en citer plusieurs) ; la valeur est le nombre de visites citant au moins un enjeu de priorité haute.',
  },
  actions_creees: {
    label: 'Actions engagées',
    definition: 'Nombre d’actions créées dans la période (en comité, après une alerte ou depuis une fiche entreprise).',
  },
  actions_realisees: {
    label: 'Actions réalisées',
    definition: 'Nombre d’actions passées au statut « réalisée » dans la période.',
  },
  actions_en_retard: {
    label: 'Actions en retard',
    definition:
      'Nombre d’actions encore ouvertes (à faire, en cours, bloquées) dont l’échéance est passée à la fin de la période.',
  },
  delai_median_actions: {
    label: 'Délai médian de réalisation des actions',
    definition:
      'Pour les actions réalisées dans la période, nombre de jours médian entre leur création et leur réalisation.',
  },
  alertes_signalees: {
    label: 'Alertes recrutement signalées',
    definition: 'Nombre de besoins urgents de recrutement signalés (/alerte-recrutement) dans la période.',
  },
  // The key keeps its historical name; the words say « dans le délai »: the catalogue is static,
  // its labels are frozen into the quarters' snapshots, and what it counts is each alert's own
  // deadline (ALERT_DEADLINE_HOURS when it was raised), which a setting change does not alter.
  alertes_48h: {
    label: 'Alertes transmises à France Travail dans le délai',
    definition:
      'Parmi les alertes signalées dans la période qui ont été transmises à France Travail ou ont dépassé leur délai, part transmise avant leur échéance (le délai fixé par la plateforme quand chacune a été signalée) (en %).',
  },
  delai_median_transmission: {
    label: 'Délai médian de transmission à France Travail',
    definition:
      'Pour les alertes signalées dans la période et transmises, nombre d’heures médian entre le signalement et la transmission.',
  },
  offres_diffusees: {
    label: 'Offres diffusées aux partenaires',
    definition: 'Nombre d’offres France Travail diffusées aux partenaires dans la période.',
  },
  entreprises_informees: {
    label: 'Entreprises informées après un comité',
    definition:
      'Parmi les entreprises sur lesquelles un comité clôturé dans la période a statué, part informée de ses décisions (en %).',
  },
  alertes_depuis_visite: {
    label: 'Alertes issues d’une visite',
    definition:
      'Part des alertes recrutement signalées dans la période qui l’ont été depuis le compte rendu d’une visite (en %).',
  },
  couverture_tissu_industriel: {
    label: 'Couverture du tissu industriel',
    definition:
      'Parmi les établissements actifs du territoire au répertoire SIRENE des secteurs suivis (par défaut l’industrie, sections B à E de la NAF) et d’au moins 10 salariés (tranche d’effectif INSEE), part de ceux dont l’entreprise, reconnue par son SIRET, a reçu au moins une visite dans la période (en %) ; le détail donne chaque section. Non disponible tant que le répertoire n’est pas importé.',
  },
} as const satisfies Record<string, { label: string; definition: string }>;

/** How an indicator's value is measured (services/indicators/catalogue.ts). */
type Unit = 'count' | 'percent' | 'days' | 'hours' | 'breakdown';

/** « 2026-T3 », « T4 2025 »: a quarter as the committee writes it. */
const quarter = (q: number, year?: number) => `T${q}${year === undefined ? '' : ` ${year}`}`;

export const INDICATOR_TEXTS = {
  /** « 72,5 % », « 12 j », « 31,5 h », « 312 »; « n.d. » when it cannot be computed. */
  value: (value: number | null, unit: Unit) => {
    if (value === null) return 'n.d.';
    const n = frenchNumber(value);
    switch (unit) {
      case 'percent':
        return `${n} %`;
      case 'days':
        return `${n} j`;
      case 'hours':
        return `${n} h`;
      default:
        return n;
    }
  },
  trend: { stable: ':arrow_right: stable', up: ':arrow_upper_right: en hausse', down: ':arrow_lower_right: en baisse' },
  quarter,
  snapshot: {
    title: (q: number, year: number) => `Indicateurs du ${quarter(q, year)}`,
    value: (label: string, value: string, mark: string) => `*${label}* : ${value} ${mark}`.trim(),
    target: (target: string) => `cible ${target}`,
    previous: (previousQuarter: string, value: string) => `${previousQuarter} : ${value}`,
    breakdownItem: (label: string, value: string) => `${label} ${value}`,
    frozen: (date: string, setVersion: number | null) =>
      `Valeurs figées le ${date}${setVersion !== null ? `, indicateurs choisis (version ${setVersion})` : ', catalogue complet (aucun indicateur choisi pour l’année)'} : elles ne changent plus. Définitions : \`/plateforme indicateurs\`.`,
  },
  /** `/plateforme indicateurs`. */
  overview: {
    title: (year: number) => `Indicateurs du comité de pilotage — ${year}`,
    heading: (year: number) => `*Indicateurs du comité de pilotage — ${year}*`,
    noneChosen: 'Aucun indicateur choisi pour cette année : chaque trimestre est figé avec le catalogue complet.',
    version: (version: number, date: string, older: string | null) =>
      `Version ${version} du ${date}${older ? ` — versions précédentes : ${older}` : ''}`,
    olderVersion: (version: number, date: string) => `${version} (${date})`,
    indicator: (label: string, target: string | null, definition: string) =>
      `*${label}*${target !== null ? ` — cible ${target}` : ''}\n${definition}`,
    frozen: (quarters: string) =>
      `Trimestres figés : ${quarters} — \`/plateforme indicateurs 2026-T3\` pour en revoir un.`,
    frozenQuarter: (year: number, q: number) => `\`${year}-${quarter(q)}\``,
    choose: (year: number) => `Choisir les indicateurs ${year}`,
  },
  /** The steering committee's choice for a year: the form. */
  modal: {
    title: (year: number) => `Indicateurs ${year}`,
    started: (year: number) =>
      `L’année ${year} a commencé : les indicateurs sont fixés. Enregistrer crée une nouvelle version datée d’aujourd’hui ; les précédentes restent dans l’historique.`,
    notStarted: (year: number) =>
      `Les indicateurs choisis par le comité de pilotage pour ${year}, et leurs cibles. Ils seront fixés le 1er janvier.`,
    keys: 'Indicateurs suivis',
    target: (label: string) => `Cible — ${label}`,
    /** What a target is typed in, by the indicator's unit. */
    unitHint: {
      count: 'un nombre',
      percent: 'en %',
      days: 'en jours',
      hours: 'en heures',
      breakdown: 'visites citant un enjeu de priorité haute',
    } satisfies Record<Unit, string>,
    saved: {
      title: (year: number) => `Indicateurs ${year}`,
      /** `newVersion`: the version this choice made, when it replaced an earlier one. */
      text: (count: number, year: number, newVersion: number | null) =>
        `:white_check_mark: ${countOf(count, 'indicateur enregistré', 'indicateurs enregistrés')} pour ${year}${newVersion !== null ? ` : version ${newVersion}, datée d'aujourd'hui ; la précédente reste dans l'historique` : ''}.`,
    },
  },
} as const;
