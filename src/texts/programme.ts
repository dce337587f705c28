/** Visit programmes: each structure's monthly target, its target companies, its progress. */
import { countOf, plural } from './plural.js';

export const PROGRAMME_TEXTS = {
  progress: {
    /** `bar` ends with « 3 / 10 »: the word agrees with the target. */
    month: (month: string, bar: string, target: number, behind: { expectedByToday: number } | null) =>
      `*${month}* : ${bar} ${plural(target, 'visite', 'visites')}${behind ? ` — :warning: en retard sur le rythme (${countOf(behind.expectedByToday, 'attendue', 'attendues')} à ce jour)` : ''}`,
    year: (visits: number, target: number) => `*Depuis janvier* : ${visits} / ${countOf(target, 'visite', 'visites')}`,
    targets: (visited: number, total: number) =>
      `*Entreprises cibles* : ${total ? `${visited} / ${total} ${plural(visited, 'visitée', 'visitées')}` : 'aucune fixée'}`,
  },
  targetsRest: (count: number) =>
    `… et ${countOf(count, 'autre entreprise cible', 'autres entreprises cibles')} à visiter.`,
  targetsNotVisited: '*Entreprises cibles pas encore visitées*',
  newVisit: 'Nouvelle visite',
  nudge: {
    text: (structure: string, month: string) =>
      `Programme de visites de ${structure} : en retard sur le rythme de ${month}`,
    heading: (structure: string) =>
      `:hourglass_flowing_sand: *Programme de visites de ${structure}* — le mois avance et le rythme n’y est pas encore.`,
    footer: 'Déposez vos comptes rendus avec `/visite` : ils comptent dès leur enregistrement.',
  },
  /** `/plateforme programmes`, for the coordination. */
  overview: {
    title: (year: number) => `Programmes de visites ${year}`,
    heading: (year: number) => `*Programmes de visites ${year}*`,
    edit: (year: number) => `Programme ${year}`,
    structure: (name: string, monthlyTarget: number, progress: string) =>
      `*${name}* — ${countOf(monthlyTarget, 'visite', 'visites')} par mois\n${progress}`,
    without: (name: string, year: number) => `*${name}* — pas de programme en ${year}`,
    hidden: (count: number) =>
      `… et ${countOf(count, 'autre structure', 'autres structures')} : \`/plateforme programmes <nom>\` pour en voir une.`,
    noStructure: 'Aucune structure active : créez-les avec `/plateforme structure`.',
  },
  /** « Proposer des cibles »: establishments of the SIRENE reference for the programmes. */
  propose: {
    button: 'Proposer des cibles',
    criteriaTitle: 'Proposer des cibles',
    criteriaIntro:
      'Les établissements actifs du territoire, d’après le répertoire SIRENE de l’Insee, qui correspondent à vos critères et que personne n’a visités récemment. Les établissements non diffusibles ne sont jamais proposés.',
    year: 'Programme de l’année',
    sections: 'Secteurs (sections NAF)',
    servicesOption: 'Les ajouter aux secteurs choisis',
    servicesHint: (codes: string) => `Codes NAF : ${codes}.`,
    servicesLabel: 'Services à l’industrie',
    minBand: 'Effectif d’au moins',
    communes: 'Communes',
    communesHint: (shown: number, all: number) =>
      shown < all
        ? `Les ${shown} communes qui comptent le plus d’établissements (sur ${all}) ; rien de choisi : tout le territoire.`
        : 'Rien de choisi : tout le territoire.',
    notVisited: 'Pas visités depuis',
    months: (n: number) => `${n} mois`,
    never: 'Jamais visités sur la plateforme',
    search: 'Proposer',
    noReference:
      'Le répertoire SIRENE n’a pas encore été importé : `npm run sirene:import` (voir le README), puis `/plateforme sirene` pour vérifier.',
    working: ':hourglass_flowing_sand: Recherche des établissements…',
    proposalTitle: 'Cibles proposées',
    summary: (total: number, year: number) =>
      total
        ? `*${countOf(total, 'établissement proposé', 'établissements proposés')}* pour les programmes ${year}.`
        : `*Aucun établissement* ne correspond à ces critères pour les programmes ${year}.`,
    criteriaLine: (sections: string, band: string, communes: string, since: string) =>
      `Secteurs : ${sections} · ${band} · ${communes} · ${since}`,
    allCommunes: 'tout le territoire',
    communesCount: (n: number) => countOf(n, 'commune', 'communes'),
    bandLine: (label: string) => `effectif : ${label} et plus`,
    sinceLine: (months: number | null) => (months === null ? 'jamais visités' : `pas visités depuis ${months} mois`),
    left: (l: { visitedLately: number; alreadyTargets: number; notDiffusible: number }) =>
      [
        l.visitedLately ? countOf(l.visitedLately, 'visité récemment', 'visités récemment') : '',
        l.alreadyTargets ? countOf(l.alreadyTargets, 'déjà cible', 'déjà cibles') : '',
        l.notDiffusible ? countOf(l.notDiffusible, 'non diffusible', 'non diffusibles') : '',
      ]
        .filter(Boolean)
        .join(', ')
        .replace(/^./, (c) => `Laissés de côté : ${c}`),
    route: {
      other: (_count: number) => 'hors registre des métiers',
      tradeRegister: (count: number) => `${plural(count, 'inscrit', 'inscrits')} au registre des métiers`,
    },
    group: (structure: string, count: number, route: string) =>
      `*${structure}* — ${countOf(count, 'établissement', 'établissements')} ${route}`,
    noStructure: (kind: string) => `Aucune structure active de type ${kind}`,
    examples: (names: string[], more: number) => `${names.join(' · ')}${more > 0 ? ` · … et ${more} autres` : ''}`,
    add: (structure: string, year: number) => `Ajouter au programme ${year} de ${structure}`,
    addOption: 'Ajouter ces établissements',
    monthly: 'Visites par mois (nouveau programme)',
    monthlyHint: 'Cette structure n’a pas encore de programme cette année : il sera créé avec ce rythme.',
    noStructureHint: (kind: string) =>
      `Créez une structure de type ${kind} (\`/plateforme structure\`) pour lui confier ces établissements.`,
    sheetSent: ':page_facing_up: Le tableur de la liste complète est dans votre conversation avec l’application.',
    sheetNotSent: ':warning: Le tableur n’a pas pu vous être envoyé ; la liste reste consultable ici.',
    submit: 'Ajouter aux programmes',
    adding: ':hourglass_flowing_sand: Ajout aux programmes…',
    added: (lines: string[]) =>
      lines.length
        ? `:white_check_mark: ${lines.join('\n:white_check_mark: ')}`
        : 'Rien n’a été ajouté : aucune structure cochée.',
    addedLine: (structure: string, year: number, added: number, total: number) =>
      `${structure} : ${countOf(added, 'cible ajoutée', 'cibles ajoutées')} au programme ${year} (${countOf(total, 'cible', 'cibles')} en tout).`,
    monthlyMissing: 'Indiquez le nombre de visites par mois du nouveau programme.',
    note: (total: number, year: number, days: number) =>
      `Cibles proposées pour les programmes ${year} : ${countOf(total, 'établissement', 'établissements')}, d’après le répertoire SIRENE. Ce fichier sera supprimé de Slack dans ${countOf(days, 'jour', 'jours')}.`,
    fileTitle: (year: number) => `Cibles proposées ${year}`,
    fileName: (year: number) => `cibles-proposees-${year}.xlsx`,
    sheet: {
      summary: 'Synthèse',
      headers: [
        'SIRET',
        'Établissement',
        'Code NAF',
        'Activité',
        'Effectif',
        'Commune',
        'Code postal',
        'Registre des métiers',
        'Dernière visite',
        'Structure',
      ],
      yes: 'oui',
      no: 'non',
      never: 'jamais',
      summaryHeaders: ['Structure', 'Établissements proposés'],
      criteria: 'Critères',
    },
  },
  /** On the App Home. */
  home: {
    all: (month: string) => `*Programmes de visites — ${month}*`,
    structure: (bar: string, structure: string, visited: number, total: number, behind: boolean) =>
      `${behind ? ':warning:' : ':white_check_mark:'} *${structure}* — ${bar} ce mois-ci · cibles ${visited} / ${total}`,
    none: 'Aucun programme fixé cette année : `/plateforme programmes`.',
    more: (count: number) => `… et ${countOf(count, 'autre', 'autres')} : \`/plateforme programmes\`.`,
    mine: (structure: string, progress: string) => `*Programme de visites de ${structure}*\n${progress}`,
  },
  /** A structure's programme for a year: the form. */
  modal: {
    title: (year: number) => `Programme ${year}`,
    context: (structure: string, year: number) => `*${structure}* — programme de visites ${year}`,
    target: (name: string, commune: string) => `${name} (${commune})`,
    unknownTarget: (siret: string) => `SIRET ${siret} (pas encore connue)`,
    monthlyTarget: 'Visites par mois',
    keep: (count: number) => `Entreprises cibles (${count})`,
    keepHint: 'Retirez une entreprise de la liste pour ne plus la cibler.',
    notListed: (count: number, max: number) =>
      `Les ${count} autres entreprises cibles restent ciblées (${max} au plus dans cette liste).`,
    add: 'Ajouter des entreprises cibles',
    sirets: 'Ou coller des SIRET',
    siretsPlaceholder: 'Un SIRET par ligne',
    siretsHint:
      "Un SIRET non valide est signalé et rien n'est enregistré ; un SIRET valide d'une entreprise pas encore connue est gardé et comptera dès sa première visite.",
    saved: {
      title: (year: number) => `Programme ${year}`,
      text: (
        year: number,
        monthlyTarget: number,
        targets: { total: number; added: number; removed: number },
        pending: string,
      ) =>
        `:white_check_mark: Programme ${year} enregistré : ${countOf(monthlyTarget, 'visite', 'visites')} par mois, ${countOf(targets.total, 'entreprise cible', 'entreprises cibles')} (${countOf(targets.added, 'ajoutée', 'ajoutées')}, ${countOf(targets.removed, 'retirée', 'retirées')}).${pending}`,
      /** The valid SIRETs of companies not known yet (`shown` of them listed, `more` if there are others); '' when none. */
      pending: (count: number, shown: string[], more: boolean) =>
        count
          ? `\n\n:hourglass: ${count} SIRET pas encore ${plural(count, 'connu de la plateforme, gardé', 'connus de la plateforme, gardés')} en attente : ${shown.join(', ')}${more ? '…' : ''}. ${plural(count, 'Il comptera', 'Ils compteront')} dès la première visite de l'entreprise.`
          : '',
    },
  },
} as const;
