import type { AnnualData, Crossing, Row } from './annual-data.js';

/**
 * The report as a document model, the same for the PDF and the spreadsheet: sections of key
 * figures, charts and tables whose cells are already what people read. The public edition
 * applies the statistical secret here, once: no cell counts fewer than 5 companies.
 */
export type Edition = 'interne' | 'publique';

export type Cell = number | string;

export interface Chart {
  title: string;
  bars: { label: string; value: number }[];
  /** What the bars count. */
  unit: string;
}

export interface Table {
  title: string;
  headers: string[];
  rows: Cell[][];
}

export interface ReportSection {
  title: string;
  paragraphs: string[];
  figures?: [string, Cell][];
  chart?: Chart;
  tables?: Table[];
}

export interface ReportDocument {
  title: string;
  edition: Edition;
  sections: ReportSection[];
}

/** The statistical secret: below this many, a count is not shown in the public edition. */
export const SECRET_THRESHOLD = 5;
export const MASKED = '< 5';
/** A cell masked so that a masked one cannot be worked out by subtraction. */
export const SECONDARY = 's';

/** A count as the edition shows it: masked under the threshold in the public one (0 as « — »). */
export function countCell(value: number, edition: Edition): Cell {
  if (edition === 'interne' || value >= SECRET_THRESHOLD) return value;
  return value === 0 ? '—' : MASKED;
}

/** A share, shown only when its numerator and denominator can be (« n.s. »: not shown). */
function shareCell(part: number, whole: number, edition: Edition): Cell {
  if (whole === 0) return '—';
  if (edition === 'publique' && (part < SECRET_THRESHOLD || whole < SECRET_THRESHOLD)) return 'n.s.';
  return `${Math.round((part / whole) * 1000) / 10} %`.replace('.', ',');
}

/** Bars of the public edition: categories under 5 together as « Autres », never a group under 5. */
function bars(rows: Row[], edition: Edition, limit = 12): Chart['bars'] {
  const shown = rows.filter((r) => r.count > 0);
  if (edition === 'interne') {
    const top = shown.slice(0, limit);
    const rest = shown.slice(limit).reduce((s, r) => s + r.count, 0);
    return [...top.map((r) => ({ label: r.label, value: r.count })), ...(rest ? [{ label: 'Autres', value: rest }] : [])];
  }
  let big = shown.filter((r) => r.count >= SECRET_THRESHOLD);
  const small = shown.filter((r) => r.count < SECRET_THRESHOLD);
  // Small ones under 5 together: the smallest shown one joins them, or they could be worked out from the total.
  if (small.length && small.reduce((s, r) => s + r.count, 0) < SECRET_THRESHOLD && big.length) {
    const smallest = big.reduce((min, r) => (r.count < min.count ? r : min));
    big = big.filter((r) => r !== smallest);
    small.push(smallest);
  }
  const top = big.slice(0, limit);
  const others = small.reduce((s, r) => s + r.count, 0) + big.slice(limit).reduce((s, r) => s + r.count, 0);
  return [...top.map((r) => ({ label: r.label, value: r.count })), ...(others >= SECRET_THRESHOLD ? [{ label: 'Autres (regroupés : secret statistique)', value: others }] : [])];
}

/**
 * A partition of the companies visited (their total is published): one masked cell alone could be
 * worked out from the total and the others, so the smallest shown one is masked with it
 * (secondary suppression).
 */
function rowsTable(title: string, header: string, rows: Row[], edition: Edition, total: number): Table {
  const hidden = new Set(rows.filter((r) => edition === 'publique' && r.count > 0 && r.count < SECRET_THRESHOLD).map((r) => r.label));
  if (hidden.size === 1) {
    const smallest = rows.filter((r) => !hidden.has(r.label) && r.count >= SECRET_THRESHOLD).sort((a, b) => a.count - b.count)[0];
    if (smallest) hidden.add(smallest.label);
  }
  return {
    title,
    headers: [header, 'Entreprises', 'Part'],
    rows: rows.map((r) => (hidden.has(r.label) && r.count >= SECRET_THRESHOLD ? [r.label, SECONDARY, SECONDARY] : [r.label, countCell(r.count, edition), shareCell(r.count, total, edition)])),
  };
}

function crossingTable(title: string, header: string, crossing: Crossing, edition: Edition, columns = 6): Table {
  const cols = crossing.columns.slice(0, columns);
  return {
    title,
    headers: [header, ...cols],
    rows: crossing.rows.map((row, i) => [row, ...cols.map((_, j) => countCell(crossing.cells[i]![j]!, edition))]),
  };
}

const MONTHS = ['Janv.', 'Févr.', 'Mars', 'Avr.', 'Mai', 'Juin', 'Juil.', 'Août', 'Sept.', 'Oct.', 'Nov.', 'Déc.'];

export function buildDocument(data: AnnualData, edition: Edition): ReportDocument {
  const a = data.activity;
  const c = (v: number) => countCell(v, edition);
  const total = a.companies;
  return {
    title: `Plateforme Emploi – Mutations Économiques — Rapport annuel ${data.year}`,
    edition,
    sections: [
      {
        title: `L'activité de la plateforme en ${data.year}`,
        paragraphs: [
          `En ${data.year}, les capteurs des structures partenaires ont visité ${typeof c(total) === 'number' ? total : 'moins de 5'} entreprises du territoire. Ce rapport présente leur activité, puis le profil des entreprises visitées et les enjeux auxquels elles font face.`,
        ],
        figures: [
          ['Visites réalisées', c(a.visits)],
          ['Entreprises visitées', c(a.companies)],
          ['Structures partenaires ayant visité', c(a.structures)],
          ['Capteurs actifs', c(a.capteurs)],
          ['Comités techniques tenus', c(a.committees)],
          ['Entreprises examinées en comité', c(a.companiesExamined)],
          ['… dont informées des décisions', c(a.companiesInformed)],
          ['Actions engagées', c(a.actionsCreated)],
          ['… réalisées', c(a.actionsDone)],
          ['… abandonnées', c(a.actionsAbandoned)],
          ['… en cours', c(a.actionsOpen)],
          ['Alertes recrutement signalées', c(a.alerts)],
          ['… transmises à France Travail', c(a.alertsTransmitted)],
          ['… dont dans les 48 h', c(a.alertsWithin48h)],
          ['Offres diffusées aux partenaires', c(a.offersDiffused)],
          ['Postes à pourvoir signalés', c(a.positions)],
        ],
        chart: {
          title: 'Visites par mois',
          unit: 'visites',
          bars: a.visitsByMonth.map((value, i) => ({ label: MONTHS[i]!, value })).filter((b) => edition === 'interne' || b.value >= SECRET_THRESHOLD),
        },
      },
      {
        title: 'Les entreprises visitées par secteur',
        paragraphs: ['Chaque entreprise visitée dans l’année compte une fois, selon son activité principale (NAF rév. 2).'],
        chart: { title: 'Entreprises visitées par famille de secteurs', unit: 'entreprises', bars: bars(data.byFamily, edition) },
        tables: [rowsTable('Par section de la NAF', 'Section', data.bySection, edition, total)],
      },
      {
        title: 'Par taille',
        paragraphs: ['Tranche d’effectif salarié (INSEE) déclarée pour l’entreprise.'],
        chart: { title: 'Entreprises visitées par tranche d’effectif', unit: 'entreprises', bars: bars(data.byBand, edition) },
        tables: [rowsTable('Par tranche d’effectif', 'Tranche', data.byBand, edition, total)],
      },
      {
        title: 'Par territoire',
        paragraphs: ['Commune de l’établissement visité.'],
        chart: { title: 'Les communes les plus visitées', unit: 'entreprises', bars: bars(data.byCommune, edition, 10) },
        tables: [rowsTable('Par commune', 'Commune', data.byCommune.slice(0, 40), edition, total)],
      },
      {
        title: 'Les enjeux des entreprises',
        paragraphs: ['Une entreprise compte une fois par enjeu cité lors de ses visites de l’année ; elle peut en citer plusieurs.'],
        chart: { title: 'Entreprises par enjeu cité', unit: 'entreprises', bars: bars(data.stakes, edition) },
        tables: [
          {
            title: 'Enjeux cités',
            headers: ['Enjeu', 'Entreprises', 'dont priorité haute', 'Part des entreprises visitées'],
            rows: data.stakes.map((s) => [s.label, c(s.count), c(s.high), shareCell(s.count, total, edition)]),
          },
          crossingTable('Secteurs et enjeux (entreprises)', 'Famille de secteurs', data.familyByStake, edition),
          crossingTable('Taille et enjeux (entreprises)', 'Tranche d’effectif', data.bandByStake, edition),
        ],
      },
      {
        title: 'Les besoins de recrutement',
        paragraphs: ['Familles de métiers citées lors des visites, en nombre de postes.'],
        chart: { title: 'Postes recherchés par famille de métiers', unit: 'postes', bars: bars(data.hiringNeeds, edition, 10) },
        tables: [{ title: 'Besoins de recrutement cités', headers: ['Famille de métiers', 'Postes'], rows: data.hiringNeeds.map((h) => [h.label, c(h.count)]) }],
      },
      {
        title: 'Méthode',
        paragraphs: [
          'Sources : les comptes rendus de visite, les comités techniques, les actions et les alertes recrutement enregistrés sur la plateforme. Dates de visite et de signalement à l’heure de Paris.',
          edition === 'publique'
            ? 'Version publique : en application du secret statistique, toute valeur portant sur moins de 5 entreprises est remplacée par « < 5 » (« — » pour zéro, « n.s. » pour une part non significative) ; quand une seule valeur d’une répartition est masquée, la plus petite des autres l’est aussi (« s ») pour qu’on ne puisse pas la déduire du total ; dans les graphiques, les catégories de moins de 5 sont regroupées, avec la plus petite des autres quand leur total resterait inférieur à 5.'
            : 'Version interne : toutes les valeurs sont publiées, y compris les effectifs de moins de 5 entreprises. À ne pas diffuser hors du comité de pilotage.',
        ],
      },
    ],
  };
}
