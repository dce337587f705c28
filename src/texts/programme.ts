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
