/** The annual report (PDF, spreadsheet annex) and the coordination's exports of a period. */
import { PLATFORM_NAME } from './common.js';
import { DATE_TEXTS } from './dates.js';
import { countOf } from './plural.js';

export const REPORT_TEXTS = {
  title: (year: number) => `${PLATFORM_NAME} — Rapport annuel ${year}`,
  /** Under the PDF's title: « Version publique – éditée le 15/01/2027 ». */
  edition: (edition: string, date: string) => `Version ${edition} – éditée le ${date}`,
  months: ['Janv.', 'Févr.', 'Mars', 'Avr.', 'Mai', 'Juin', 'Juil.', 'Août', 'Sept.', 'Oct.', 'Nov.', 'Déc.'],
  /** A chart's group of what is not drawn, when masked counts are among them. */
  othersMasked: 'Autres (regroupés : secret statistique)',
  others: 'Autres',
  otherCommunes: 'Autres communes',
  /** The titles the public edition's parts are known by (its checker reads the document by them). */
  titles: {
    activity: (year: number) => `L’activité de la plateforme en ${year}`,
    months: 'Visites par mois',
    families: 'Entreprises visitées par famille de secteurs',
    sections: 'Par section de la NAF',
    bandsChart: 'Entreprises visitées par tranche d’effectif',
    bands: 'Par tranche d’effectif',
    communesChart: 'Les communes les plus visitées',
    communes: 'Par commune',
    stakesChart: 'Entreprises par enjeu cité',
    stakes: 'Enjeux cités',
    familyByStake: 'Secteurs et enjeux (entreprises)',
    bandByStake: 'Taille et enjeux (entreprises)',
    hiringChart: 'Postes recherchés par famille de métiers',
    hiring: 'Besoins de recrutement cités',
    hiringTotal: 'Ensemble des besoins cités',
    coverageSections: 'Couverture par section de la NAF',
    coverageBands: 'Couverture par tranche d’effectif',
    coverageTotal: 'Ensemble des établissements suivis',
  },
  /** The key figures, by where their value is in the annual data. */
  figures: {
    visits: 'Visites réalisées',
    companies: 'Entreprises visitées',
    structures: 'Structures partenaires ayant visité',
    capteurs: 'Capteurs actifs',
    committees: 'Comités techniques tenus',
    companiesExamined: 'Entreprises examinées en comité',
    companiesInformed: '… dont informées des décisions',
    actionsCreated: 'Actions engagées',
    actionsDone: '… réalisées',
    actionsAbandoned: '… abandonnées',
    actionsOpen: '… en cours',
    alerts: 'Alertes recrutement signalées',
    alertsTransmitted: '… transmises à France Travail',
    // Each alert counted against its own deadline (ALERT_DEADLINE_HOURS when it was raised): a
    // year's alerts may have had different ones, so no number of hours is written here.
    alertsWithin48h: '… dont dans le délai',
    offersDiffused: 'Offres diffusées aux partenaires',
    positions: 'Postes à pourvoir signalés',
  },
  share: (percent: string) => `${percent} %`,
  companiesVisited: (count: number) => `${countOf(count, 'entreprise', 'entreprises')} du territoire`,
  companiesVisitedMasked: 'des entreprises du territoire (leur nombre est couvert par le secret statistique)',
  units: { visits: 'visites', companies: 'entreprises', positions: 'postes' },
  headers: {
    companies: 'Entreprises',
    share: 'Part',
    section: 'Section',
    band: 'Tranche',
    commune: 'Commune',
    stakes: ['Enjeu', 'Entreprises', 'dont priorité haute', 'Part des entreprises visitées'],
    family: 'Famille de secteurs',
    headcountBand: 'Tranche d’effectif',
    hiring: ['Famille de métiers', 'Postes'],
    establishments: 'Établissements',
    visited: 'dont visités',
  },
  sections: {
    activity: (companies: string, year: number) =>
      `En ${year}, les capteurs des structures partenaires ont visité ${companies}. Ce rapport présente leur activité, puis le profil des entreprises visitées et les enjeux auxquels elles font face.`,
    sectors: {
      title: 'Les entreprises visitées par secteur',
      text: 'Chaque entreprise visitée dans l’année compte une fois, selon son activité principale (NAF rév. 2) ; chaque famille de secteurs réunit des sections de la NAF.',
    },
    size: { title: 'Par taille', text: 'Tranche d’effectif salarié (INSEE) déclarée pour l’entreprise.' },
    territory: {
      title: 'Par territoire',
      text: (grouped: number | null) =>
        `Commune de l’établissement visité${grouped !== null ? ` ; au-delà des ${grouped} premières, les communes sont regroupées` : ''}.`,
    },
    stakes: {
      title: 'Les enjeux des entreprises',
      text: 'Une entreprise compte une fois par enjeu cité lors de ses visites de l’année ; elle peut en citer plusieurs.',
    },
    hiring: {
      title: 'Les besoins de recrutement',
      text: 'Postes à pourvoir dans les 12 mois cités lors des visites, par famille de métiers : les grands domaines du ROME (France Travail). Chaque besoin est classé d’après l’intitulé noté par le capteur, qui n’est jamais repris ici.',
    },
    coverage: {
      title: 'La couverture du tissu industriel',
      /** `sections`: « B, C, D, E »; `band`: the least band's label, « 10 à 19 salariés ». */
      text: (year: number, sections: string, band: string) =>
        `Parmi les établissements actifs du territoire inscrits au répertoire SIRENE de l’INSEE, ceux des sections ${sections} de la NAF dont la tranche d’effectif salarié est au moins « ${band} » : la part de ceux dont l’entreprise, reconnue par son numéro SIRET, a reçu au moins une visite en ${year}. Un établissement non diffusible compte comme les autres ; aucun n’est nommé.`,
      none: 'Aucun établissement actif du territoire ne répond à ces critères.',
      empty:
        'Le répertoire des établissements du territoire (SIRENE) n’a pas encore été importé : la couverture du tissu industriel ne peut pas être calculée.',
    },
    method: {
      title: 'Méthode',
      sources:
        'Sources : les comptes rendus de visite, les comités techniques, les actions et les alertes recrutement enregistrés sur la plateforme. Dates de visite et de signalement à l’heure de Paris. Aucun nom d’entreprise, numéro SIRET ni texte saisi n’y figure.',
      public:
        'Version publique, sous le secret statistique : aucune valeur portant sur moins de 5 (entreprises, visites, actions ou alertes ; pour les besoins de recrutement, une famille de métiers citée par moins de 5 entreprises) n’est publiée, ni ne peut être retrouvée par addition ou différence à partir de l’ensemble de ce que publie cette version : chiffres clés, tableaux, graphiques et annexe. Une valeur masquée est notée « s », quelle que soit la raison du masquage, et sa part aussi ; zéro est noté « — ». Pour cela, d’autres valeurs sont masquées avec les petites (secret secondaire) : dans chaque répartition, les valeurs masquées sont au moins deux et chacune peut valoir 5 ou plus, même connaissant le total, les sous-totaux par famille de secteurs et les croisements ; l’écart entre deux valeurs publiées (par exemple les entreprises d’une famille de secteurs qui ne citent pas un enjeu) n’est jamais de 1 à 4. Les graphiques ne montrent que les valeurs publiées ; leur groupe « Autres » est ce que le total laisse.',
      internal:
        'Version interne : toutes les valeurs sont publiées, y compris les effectifs de moins de 5 entreprises. À ne pas diffuser hors du comité de pilotage.',
    },
  },
  /** The spreadsheet annex. */
  annex: {
    figures: ['Indicateur', 'Valeur'],
    chart: (title: string) => `${title} (graphique)`,
    category: 'Catégorie',
  },
  /** The four files posted in the steering channel. */
  files: {
    name: (year: number, version: number) => `Rapport annuel ${year}${version > 1 ? ` (version ${version})` : ''}`,
    publicPdf: (name: string) => `${name} — version publique`,
    publicXlsx: (name: string) => `${name} — annexe publique (données)`,
    internalPdf: (name: string) => `${name} — version interne (ne pas diffuser)`,
    internalXlsx: (name: string) => `${name} — annexe interne (données)`,
    comment: (year: number, version: number) =>
      `:bar_chart: Rapport annuel ${year} de la ${PLATFORM_NAME}${version > 1 ? ` (version ${version})` : ''} : la version publique (secret statistique : aucune valeur sous 5 entreprises) à diffuser, la version interne pour le comité de pilotage, chacune avec son annexe de données.`,
  },
  /** `/plateforme rapport`: what the person who typed it is told, in the order it happens. */
  command: {
    resent: (year: number, version: number, channelId: string) =>
      `:outbox_tray: Rapport ${year} (version ${version}) renvoyé dans <#${channelId}>…`,
    preparing: (year: number, channelId: string) =>
      `:hourglass_flowing_sand: Rapport ${year} en préparation ; il sera publié dans <#${channelId}>.`,
    /** The same version is being uploaded at that moment (by the January job, or a click just before). */
    busy: (year: number, version: number, channelId: string) =>
      `:hourglass_flowing_sand: Le rapport ${year} (version ${version}) est déjà en cours d'envoi dans <#${channelId}> : il y arrive dans un instant.`,
    posted: (year: number, channelId: string) =>
      `:white_check_mark: Rapport ${year} publié dans <#${channelId}> : versions publique et interne, avec leurs annexes.`,
  },
} as const;

/** `/plateforme export`: a period's visits, companies, actions and alerts, one sheet each. */
export const EXPORT_TEXTS = {
  /** Said at once: the file takes a moment. */
  preparing: (from: string, to: string) =>
    `:hourglass_flowing_sand: Export du ${from} au ${to} en préparation : il arrive dans votre conversation avec l'application.`,
  /** The message the file goes under, in the person's conversation with the app. */
  note: (
    from: string,
    to: string,
    counts: Partial<Record<'visites' | 'entreprises' | 'actions' | 'alertes', number>>,
    exportFileDays: number,
  ) =>
    `:page_facing_up: Export du ${from} au ${to} : ${countOf(counts.visites ?? 0, 'visite', 'visites')}, ${countOf(counts.entreprises ?? 0, 'entreprise', 'entreprises')}, ${countOf(counts.actions ?? 0, 'action', 'actions')}, ${countOf(counts.alertes ?? 0, 'alerte', 'alertes')}. Il contient des données personnelles (contacts des alertes) : ne le diffusez pas. Il sera supprimé de Slack dans ${countOf(exportFileDays, 'jour', 'jours')}.`,
  /** The file's title in Slack; the period as typed (ISO dates). */
  fileTitle: (from: string, to: string) => `Export ${from} – ${to}`,
  /** Once a file (this export, or a company's data: `/plateforme rgpd export`) is in the person's conversation. */
  sent: ':white_check_mark: Export envoyé dans votre conversation avec l’application.',
  yes: 'oui',
  no: 'non',
  notShared: 'non partagé',
  stake: (stake: string, priority: string) => `${stake} (${priority.toLowerCase()})`,
  hiringNeed: (jobFamily: string, count: number) => `${jobFamily} : ${count}`,
  position: (jobTitle: string, count: number) => `${jobTitle} × ${count}`,
  visits: {
    sheet: 'Visites',
    headers: [
      'Date',
      'Entreprise',
      'SIRET',
      'Commune',
      'Capteur',
      'Structure',
      'Canal',
      'Enjeux',
      'Besoins',
      'Premier diagnostic',
      'Signaux',
      'Recrutements',
      'Accord de partage',
      'Comité',
    ],
  },
  companies: {
    sheet: 'Entreprises',
    headers: ['Entreprise', 'SIRET', 'NAF', 'Tranche d’effectif', 'Commune', 'Code postal', 'Visites dans la période'],
  },
  actions: {
    sheet: 'Actions',
    headers: [
      'Créée le',
      'Action',
      'Entreprise',
      'SIRET',
      'Structure',
      'Responsable',
      'Échéance',
      'Statut',
      'Résultat ou motif',
      'Origine',
    ],
  },
  alerts: {
    sheet: 'Alertes',
    /** With the deployment's ALERT_DEADLINE_HOURS, said in the deadline's column. */
    headers: (deadlineHours: number) => [
      'Référence',
      'Signalée le',
      'Entreprise',
      'SIRET',
      'Structure',
      'Postes',
      'État',
      `Échéance ${DATE_TEXTS.hours(deadlineHours)}`,
      'En retard',
      'Contact',
      'Téléphone',
      'E-mail',
      'Offre France Travail',
    ],
  },
} as const;
