import type { AnnualData, Crossing, Row } from './annual-data.js';
import { REPORT_TEXTS as T } from '../../texts/report.js';
import { SECRET_THRESHOLD, SecretPlan } from './secret.js';
import { findHeadcountBand, shortBandLabel } from '../../reference/headcount-bands.js';
import type { CoverageCell } from '../sirene/coverage.js';

/**
 * The report as a document model, the same for the PDF and the spreadsheet: sections of key
 * figures, charts and tables whose cells are already what people read. The public edition
 * applies the statistical secret here, once, over everything it publishes together
 * (secret.ts): no count under 5 is shown, nor can be worked out from the others.
 */
export type Edition = 'interne' | 'publique';

export type Cell = number | string;

export interface Chart {
  title: string;
  /** `masked`: a value under the statistical secret, drawn without its bar and marked « s » (its `value` is 0). */
  bars: { label: string; value: number; masked?: boolean }[];
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

export { SECRET_THRESHOLD };
/** The one mark of a masked count or share in the public edition, whatever the reason it is masked. */
export const MASKED = 's';
/** Zero, in the public edition (zero is never secret). */
export const ZERO = '—';
/** A chart's group of what is not drawn, when masked counts are among them. */
export const OTHERS_MASKED = T.othersMasked;
export const OTHERS = T.others;
/** Communes listed by name; the others are one row. */
export const COMMUNE_ROWS = 40;
export const OTHER_COMMUNES = T.otherCommunes;
/** The crossings show the stakes most cited. */
export const CROSSING_COLUMNS = 6;

/** The titles the public edition's parts are known by (its checker reads the document by them). */
export const TITLES = T.titles;

/** The key figures, in the order shown: label, and where the value is in the data. */
export const FIGURES: [string, keyof Omit<AnnualData['activity'], 'visitsByMonth'>][] = (
  [
    'visits',
    'companies',
    'structures',
    'capteurs',
    'committees',
    'companiesExamined',
    'companiesInformed',
    'actionsCreated',
    'actionsDone',
    'actionsAbandoned',
    'actionsOpen',
    'alerts',
    'alertsTransmitted',
    'alertsWithin48h',
    'offersDiffused',
    'positions',
  ] as const
).map((k) => [T.figures[k], k]);

/** Communes as the report lists them: the first ones by name, the rest together. */
function communeRows(data: AnnualData): Row[] {
  const named = data.byCommune.slice(0, COMMUNE_ROWS);
  const rest = data.byCommune.slice(COMMUNE_ROWS).reduce((s, r) => s + r.count, 0);
  return rest ? [...named, { label: OTHER_COMMUNES, count: rest }] : named;
}

const key = {
  figure: (k: string) => `figure:${k}`,
  month: (i: number) => `month:${i}`,
  family: (l: string) => `family:${l}`,
  section: (l: string) => `section:${l}`,
  band: (l: string) => `band:${l}`,
  commune: (l: string) => `commune:${l}`,
  stake: (l: string) => `stake:${l}`,
  high: (l: string) => `high:${l}`,
  familyByStake: (r: string, c: string) => `family×stake:${r}|${c}`,
  bandByStake: (r: string, c: string) => `band×stake:${r}|${c}`,
  job: (l: string) => `job:${l}`,
  jobs: 'jobs',
  /** The coverage of the industrial fabric: establishments matching, and visited, overall or by section or band. */
  coverage: (what: 'matching' | 'visited', part?: { by: 'section' | 'band'; code: string }) =>
    `coverage:${what}${part ? `:${part.by}:${part.code}` : ''}`,
};

/** Every count the public edition publishes, the sums that tie them, and what must be masked. */
function secretPlan(data: AnnualData): SecretPlan {
  const plan = new SecretPlan();
  const a = data.activity;
  for (const [, k] of FIGURES) plan.count(key.figure(k), a[k]);
  const figure = key.figure;
  plan.sum(figure('actionsCreated'), [figure('actionsDone'), figure('actionsAbandoned'), figure('actionsOpen')]);
  plan.atMost(figure('alertsTransmitted'), figure('alerts'));
  plan.atMost(figure('alertsWithin48h'), figure('alertsTransmitted'));
  plan.atMost(figure('offersDiffused'), figure('alertsTransmitted'));
  plan.atMost(figure('companiesInformed'), figure('companiesExamined'));
  plan.sum(
    figure('visits'),
    a.visitsByMonth.map((v, i) => plan.count(key.month(i), v)),
  );

  const companies = figure('companies');
  // Each company visited had a visit: the visits bound the companies from above.
  plan.cap(companies, figure('visits'));
  plan.sum(
    companies,
    data.byFamily.map((r) => plan.count(key.family(r.label), r.count)),
  );
  plan.sum(
    companies,
    data.bySection.map((r) => plan.count(key.section(r.label), r.count)),
  );
  for (const family of data.byFamily)
    plan.sum(
      key.family(family.label),
      data.bySection.filter((s) => s.family === family.label).map((s) => key.section(s.label)),
    );
  plan.sum(
    companies,
    data.byBand.map((r) => plan.count(key.band(r.label), r.count)),
  );
  plan.sum(
    companies,
    communeRows(data).map((r) => plan.count(key.commune(r.label), r.count)),
  );

  // Stakes: each is cited by some of the companies (the others are a count too), at high priority by some of those.
  const notCiting = new Map<string, string>();
  for (const s of data.stakes) {
    plan.count(key.stake(s.label), s.count);
    plan.count(key.high(s.label), s.high);
    plan.atMost(key.high(s.label), key.stake(s.label));
    notCiting.set(s.label, plan.atMost(key.stake(s.label), companies));
  }
  // Every company visited cites at least one stake.
  plan.cover(
    companies,
    data.stakes.map((s) => key.stake(s.label)),
  );
  // A crossing's column splits a stake's companies by sector (or band); each cell is some of its sector's companies.
  const crossing = (
    c: Crossing,
    cellKey: (r: string, c: string) => string,
    rows: Row[],
    rowKey: (l: string) => string,
  ) => {
    const columns = c.columns.slice(0, CROSSING_COLUMNS);
    const value = (row: string, j: number) => c.cells[c.rows.indexOf(row)]?.[j] ?? 0;
    columns.forEach((column, j) => {
      plan.sum(
        key.stake(column),
        rows.map((r) => plan.count(cellKey(r.label, column), value(r.label, j))),
      );
      // … so the companies not citing it split the same way (a reader adds up the differences).
      plan.implied(
        notCiting.get(column)!,
        rows.map((r) => plan.atMost(cellKey(r.label, column), rowKey(r.label))),
      );
    });
    if (columns.length === c.columns.length)
      for (const r of rows)
        plan.cover(
          rowKey(r.label),
          columns.map((column) => cellKey(r.label, column)),
        );
  };
  crossing(data.familyByStake, key.familyByStake, data.byFamily, key.family);
  crossing(data.bandByStake, key.bandByStake, data.byBand, key.band);

  // A job family is secret when fewer than 5 companies cite it, however many positions they offer.
  plan.count(key.jobs, data.hiringTotal.count, data.hiringTotal.companies < SECRET_THRESHOLD);
  plan.sum(
    key.jobs,
    data.hiringNeeds.map((h) => plan.count(key.job(h.label), h.count, h.companies < SECRET_THRESHOLD)),
  );
  // The coverage: the establishments visited are some of those matching (the rest is a count
  // too), and both split by NAF section and by band.
  const cov = data.coverage;
  if (cov && !cov.referenceEmpty && cov.matching > 0) {
    const matching = plan.count(key.coverage('matching'), cov.matching);
    const visited = plan.count(key.coverage('visited'), cov.visited);
    const notVisited = plan.atMost(visited, matching);
    for (const [by, cells] of [
      ['section', cov.bySection],
      ['band', cov.byBand],
    ] as const) {
      const keys = cells.map((c) => ({
        matching: plan.count(key.coverage('matching', { by, code: c.code }), c.matching),
        visited: plan.count(key.coverage('visited', { by, code: c.code }), c.visited),
      }));
      plan.sum(
        matching,
        keys.map((k) => k.matching),
      );
      plan.sum(
        visited,
        keys.map((k) => k.visited),
      );
      plan.implied(
        notVisited,
        keys.map((k) => plan.atMost(k.visited, k.matching)),
      );
    }
  }
  return plan.resolve();
}

/** « B, C, D et E ». */
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}

export function buildDocument(data: AnnualData, edition: Edition): ReportDocument {
  const plan = edition === 'publique' ? secretPlan(data) : null;
  const isMasked = (k: string) => plan?.masked(k) ?? false;
  /** A count as the edition shows it. */
  const show = (k: string, value: number): Cell => (!plan ? value : isMasked(k) ? MASKED : value === 0 ? ZERO : value);
  const a = data.activity;
  const total = a.companies;
  const totalKey = key.figure('companies');
  /** A count's share of the companies visited, shown only when both are. */
  const share = (k: string, value: number): Cell => {
    if (plan && (isMasked(k) || isMasked(totalKey))) return MASKED;
    if (total === 0) return plan ? ZERO : '—';
    return T.share(String(Math.round((value / total) * 1000) / 10).replace('.', ','));
  };

  /**
   * The bars of a partition of `whole` (its parts in `rows`): the first `limit` shown parts, then
   * « Autres » — what the total leaves. The public edition draws no masked part, and draws the
   * group only when its total is published: the group is then nothing a reader could not work out.
   */
  const partitionBars = (
    rows: Row[],
    keyOf: (l: string) => string,
    whole: { key: string; value: number },
    limit: number,
  ): Chart['bars'] => {
    const drawn = rows.filter((r) => r.count > 0 && !isMasked(keyOf(r.label))).slice(0, limit);
    const rest = whole.value - drawn.reduce((s, r) => s + r.count, 0);
    const bars = drawn.map((r) => ({ label: r.label, value: r.count }));
    if (rest <= 0 || isMasked(whole.key) || (plan && rest < SECRET_THRESHOLD)) return bars;
    const anyMasked = rows.some((r) => isMasked(keyOf(r.label)));
    return [...bars, { label: anyMasked ? OTHERS_MASKED : OTHERS, value: rest }];
  };
  const companiesWhole = { key: totalKey, value: total };

  const rowsTable = (title: string, header: string, rows: Row[], keyOf: (l: string) => string): Table => ({
    title,
    headers: [header, T.headers.companies, T.headers.share],
    rows: rows.map((r) => [r.label, show(keyOf(r.label), r.count), share(keyOf(r.label), r.count)]),
  });
  const crossingTable = (
    title: string,
    header: string,
    c: Crossing,
    cellKey: (r: string, c: string) => string,
  ): Table => {
    const columns = c.columns.slice(0, CROSSING_COLUMNS);
    return {
      title,
      headers: [header, ...columns],
      rows: c.rows.map((row, i) => [row, ...columns.map((column, j) => show(cellKey(row, column), c.cells[i]![j]!))]),
    };
  };

  /** The coverage of the industrial fabric: a sentence when the reference is empty, else its two tables. */
  const coverageSection = (): ReportSection[] => {
    const cov = data.coverage;
    if (!cov) return [];
    if (cov.referenceEmpty) return [{ title: S.coverage.title, paragraphs: [S.coverage.empty] }];
    const band = findHeadcountBand(cov.criteria.minBand);
    const rate = (matchingKey: string, visitedKey: string, c: { matching: number; visited: number }): Cell => {
      if (plan && (isMasked(matchingKey) || isMasked(visitedKey))) return MASKED;
      if (c.matching === 0) return plan ? ZERO : '—';
      return T.share(String(Math.round((c.visited / c.matching) * 1000) / 10).replace('.', ','));
    };
    const row = (
      label: string,
      c: { matching: number; visited: number },
      part?: Parameters<typeof key.coverage>[1],
    ) => {
      const m = key.coverage('matching', part);
      const v = key.coverage('visited', part);
      return [label, show(m, c.matching), show(v, c.visited), rate(m, v, c)];
    };
    const table = (title: string, header: string, by: 'section' | 'band', cells: CoverageCell[]): Table => ({
      title,
      headers: [header, T.headers.establishments, T.headers.visited, T.headers.share],
      rows: [...cells.map((c) => row(c.label, c, { by, code: c.code })), row(TITLES.coverageTotal, cov)],
    });
    const text = S.coverage.text(
      data.year,
      listOf(cov.criteria.sections),
      band ? shortBandLabel(band) : cov.criteria.minBand,
    );
    if (cov.matching === 0) return [{ title: S.coverage.title, paragraphs: [text, S.coverage.none] }];
    return [
      {
        title: S.coverage.title,
        paragraphs: [text],
        tables: [
          table(TITLES.coverageSections, T.headers.section, 'section', cov.bySection),
          table(TITLES.coverageBands, T.headers.band, 'band', cov.byBand),
        ],
      },
    ];
  };

  const communes = communeRows(data);
  const companiesText = isMasked(totalKey) ? T.companiesVisitedMasked : T.companiesVisited(total);
  const S = T.sections;
  return {
    title: T.title(data.year),
    edition,
    sections: [
      {
        title: TITLES.activity(data.year),
        paragraphs: [S.activity(companiesText, data.year)],
        figures: FIGURES.map(([label, k]) => [label, show(key.figure(k), a[k])]),
        chart: {
          title: TITLES.months,
          unit: T.units.visits,
          // Every month of the year, 0 for a month without visits; a masked month is drawn without
          // its bar, marked « s ».
          bars: a.visitsByMonth.map((value, i) =>
            isMasked(key.month(i)) ? { label: T.months[i]!, value: 0, masked: true } : { label: T.months[i]!, value },
          ),
        },
      },
      {
        title: S.sectors.title,
        paragraphs: [S.sectors.text],
        chart: {
          title: TITLES.families,
          unit: T.units.companies,
          bars: partitionBars(data.byFamily, key.family, companiesWhole, 12),
        },
        tables: [rowsTable(TITLES.sections, T.headers.section, data.bySection, key.section)],
      },
      {
        title: S.size.title,
        paragraphs: [S.size.text],
        chart: {
          title: TITLES.bandsChart,
          unit: T.units.companies,
          bars: partitionBars(data.byBand, key.band, companiesWhole, 12),
        },
        tables: [rowsTable(TITLES.bands, T.headers.band, data.byBand, key.band)],
      },
      {
        title: S.territory.title,
        paragraphs: [S.territory.text(data.byCommune.length > COMMUNE_ROWS ? COMMUNE_ROWS : null)],
        chart: {
          title: TITLES.communesChart,
          unit: T.units.companies,
          bars: partitionBars(data.byCommune.slice(0, COMMUNE_ROWS), key.commune, companiesWhole, 10),
        },
        tables: [rowsTable(TITLES.communes, T.headers.commune, communes, key.commune)],
      },
      {
        title: S.stakes.title,
        paragraphs: [S.stakes.text],
        chart: {
          title: TITLES.stakesChart,
          unit: T.units.companies,
          // Not a partition (a company may cite several stakes): no « Autres » group, only the stakes shown.
          bars: data.stakes
            .filter((s) => s.count > 0 && !isMasked(key.stake(s.label)))
            .slice(0, 12)
            .map((s) => ({ label: s.label, value: s.count })),
        },
        tables: [
          {
            title: TITLES.stakes,
            headers: [...T.headers.stakes],
            rows: data.stakes.map((s) => [
              s.label,
              show(key.stake(s.label), s.count),
              show(key.high(s.label), s.high),
              share(key.stake(s.label), s.count),
            ]),
          },
          crossingTable(TITLES.familyByStake, T.headers.family, data.familyByStake, key.familyByStake),
          crossingTable(TITLES.bandByStake, T.headers.headcountBand, data.bandByStake, key.bandByStake),
        ],
      },
      {
        title: S.hiring.title,
        paragraphs: [S.hiring.text],
        chart: {
          title: TITLES.hiringChart,
          unit: T.units.positions,
          bars: partitionBars(data.hiringNeeds, key.job, { key: key.jobs, value: data.hiringTotal.count }, 10),
        },
        tables: [
          {
            title: TITLES.hiring,
            headers: [...T.headers.hiring],
            rows: [
              ...data.hiringNeeds.map((h): Cell[] => [h.label, show(key.job(h.label), h.count)]),
              ...(data.hiringNeeds.length ? [[TITLES.hiringTotal, show(key.jobs, data.hiringTotal.count)]] : []),
            ],
          },
        ],
      },
      ...coverageSection(),
      {
        title: S.method.title,
        paragraphs: [S.method.sources, edition === 'publique' ? S.method.public : S.method.internal],
      },
    ],
  };
}
