import * as lp from 'javascript-lp-solver';
import type { SolverAPI } from 'javascript-lp-solver';
import { SECTOR_FAMILY_BY_NAF_SECTION, SECTOR_FAMILY_LABELS } from '../../src/reference/sector-family.js';
import {
  TITLES,
  type Cell,
  type Chart,
  type ReportDocument,
  type ReportSection,
  type Table,
} from '../../src/services/reports/document.js';

/**
 * The subtraction checker: what a reader can work out from a public edition.
 *
 * It reads the document as a reader does — the figures, the bars of each chart and its « Autres »
 * group, the cells of each table (the spreadsheet annex has the same cells: annual-report.test.ts
 * reads it back and compares) — and writes what they say as linear constraints over unknown
 * non-negative integer counts:
 *
 *  - a shown count is fixed; « — » is zero; a masked cell is bounded by what its mark says (« s »:
 *    at least 1, for zero would be « — »); a category a chart does not draw is at least 0;
 *  - every partition of the companies visited (sector families, NAF sections, size bands,
 *    communes) adds up to the companies visited, each family to its sections (the documented
 *    NAF → family mapping), each chart's « Autres » to the parts it does not draw; the months to
 *    the visits; the actions to their statuses; the job families to the positions cited;
 *  - each crossing's column adds up to the stake's companies, each cell is at most its sector's or
 *    band's companies, and since every company cites a stake, a row adds up to at least its
 *    sector's or band's companies when every stake cited is a column; every stake is cited by at
 *    most the companies visited, and all of them by at least those; high priority ≤ the stake;
 *  - a shown share fixes count / total within its rounding;
 *  - the orders the activity figures obey (transmitted ≤ raised, within 48 h ≤ transmitted…).
 *
 * Then, for every unknown count, it proves that it is not determined: it finds two integer
 * solutions of the whole system, one with the count at its least and one with the count at least
 * max(5, that least + 1) — or shows the count is known to be zero, which is never secret. The
 * solutions come from a mixed-integer solver (javascript-lp-solver, branch and bound) but are not
 * taken on trust: each is rounded to integers and checked against every constraint in exact integer
 * arithmetic, so a solver's rounding can make the checker fail, never pass wrongly. A count for
 * which no such pair exists is a finding: the reader can pin it down, or knows it is under 5.
 */

export type MarkBounds = Record<string, { min: number; max: number }>;
/** The marks of the public edition: « s » for every masked count, at least 1. */
export const UNIFORM_MARKS: MarkBounds = { s: { min: 1, max: Infinity } };

export interface Finding {
  /** The unknown, e.g. `commune:Bourges`. */
  cell: string;
  /** Its least and greatest values over the integer solutions (greatest capped at the threshold when it is reached). */
  min: number;
  max: number;
}

type Term = [string, number];
interface Row {
  terms: Term[];
  op: '=' | '<=' | '>=';
  rhs: number;
  why: string;
}

const THRESHOLD = 5;
// The package's types describe an ES default export; through its CommonJS types it is `.default`.
const solver: SolverAPI = (lp as unknown as { default?: SolverAPI }).default ?? (lp as unknown as SolverAPI);
const MONTHS = 12;

export class PublishedSystem {
  readonly vars = new Map<string, { lo: number; hi: number }>();
  readonly rows: Row[] = [];
  /** Counts no cell prints but a reader works out: what a bound leaves beyond its part (bound − part). */
  readonly rests: { bound: string; part: string }[] = [];

  constructor(private readonly marks: MarkBounds) {}

  /** A count the reader sees through `cell` (undefined: not shown at all, at least `absentMin`). */
  read(name: string, cell: Cell | undefined, absentMin = 0): string {
    if (cell === undefined) return this.bound(name, absentMin, Infinity);
    if (typeof cell === 'number') return this.bound(name, cell, cell);
    if (cell === '—') return this.bound(name, 0, 0);
    const mark = this.marks[cell];
    if (!mark) throw new Error(`Checker: unknown mark « ${cell} » for ${name}`);
    return this.bound(name, mark.min, mark.max);
  }

  bound(name: string, lo: number, hi: number): string {
    const v = this.vars.get(name) ?? { lo: 0, hi: Infinity };
    this.vars.set(name, { lo: Math.max(v.lo, lo), hi: Math.min(v.hi, hi) });
    return name;
  }

  /** A count the reader knows exists but sees nowhere yet. */
  unknown(name: string): string {
    return this.bound(name, 0, Infinity);
  }

  add(terms: Term[], op: Row['op'], rhs: number, why: string) {
    this.rows.push({ terms, op, rhs, why });
  }
  sum(total: string, parts: string[], why: string) {
    this.add([[total, -1], ...parts.map((p): Term => [p, 1])], '=', 0, why);
  }
  /**
   * `a` ≤ `b`. When `a` counts some of what `b` counts (`rest`), what is left, `b` − `a`, is a
   * count too (the companies of a sector that do not cite a stake): checked like the cells.
   */
  atMost(a: string, b: string, why: string, rest = true) {
    this.add(
      [
        [a, 1],
        [b, -1],
      ],
      '<=',
      0,
      why,
    );
    if (rest) this.rests.push({ bound: b, part: a });
  }
  /** `share` as printed (« 63,3 % ») is round(1000 · part / whole) / 10. */
  share(part: string, whole: string, share: Cell) {
    if (typeof share !== 'string') return;
    const m = /^(\d+(?:,\d)?) %$/.exec(share);
    if (!m) return; // masked or « — »: says nothing
    const p10 = Math.round(Number(m[1]!.replace(',', '.')) * 10);
    // p10 − 0.5 ≤ 1000 part / whole < p10 + 0.5, in integers.
    this.add(
      [
        [part, 2000],
        [whole, -(2 * p10 - 1)],
      ],
      '>=',
      0,
      `share ${part}`,
    );
    this.add(
      [
        [part, 2000],
        [whole, -(2 * p10 + 1)],
      ],
      '<=',
      -1,
      `share ${part}`,
    );
  }
}

const find = <T>(what: string, x: T | undefined): T => {
  if (x === undefined) throw new Error(`Checker: ${what} not found in the document`);
  return x;
};
const sectionWith = (doc: ReportDocument, pred: (s: ReportSection) => boolean) => doc.sections.find(pred);
const tableOf = (doc: ReportDocument, title: string): Table | undefined =>
  doc.sections.flatMap((s) => s.tables ?? []).find((t) => t.title === title);
const chartOf = (doc: ReportDocument, title: string): Chart | undefined =>
  doc.sections.map((s) => s.chart).find((c) => c?.title === title);
const isOthers = (label: string) =>
  label.startsWith('Autres') &&
  label !== 'Autres communes' &&
  label !== 'Autres activités' &&
  label !== 'Autres métiers';

/** Reads a public edition into the constraints a reader can write. */
export function publishedSystem(doc: ReportDocument, marks: MarkBounds = UNIFORM_MARKS): PublishedSystem {
  const sys = new PublishedSystem(marks);

  // Key figures.
  const activity = find(
    'the activity section',
    sectionWith(doc, (s) => !!s.figures),
  );
  const figure = (label: string) => {
    const row = activity.figures!.find(([l]) => l === label);
    return sys.read(`figure:${label}`, find(`figure ${label}`, row)[1]);
  };
  for (const [label] of activity.figures!) figure(label);
  const N = figure('Entreprises visitées');
  sys.sum(
    figure('Actions engagées'),
    [figure('… réalisées'), figure('… abandonnées'), figure('… en cours')],
    'actions by status',
  );
  sys.atMost(figure('… dont dans le délai'), figure('… transmises à France Travail'), 'within 48 h ≤ transmitted');
  sys.atMost(figure('… transmises à France Travail'), figure('Alertes recrutement signalées'), 'transmitted ≤ raised');
  sys.atMost(
    figure('Offres diffusées aux partenaires'),
    figure('… transmises à France Travail'),
    'diffused ≤ transmitted',
  );
  sys.atMost(
    figure('… dont informées des décisions'),
    figure('Entreprises examinées en comité'),
    'informed ≤ examined',
  );
  sys.atMost(N, figure('Visites réalisées'), 'companies ≤ visits', false);

  // Visits by month: the bars drawn, the other months unknown; all add up to the visits.
  const months = chartOf(doc, TITLES.months);
  if (months) {
    const drawn = new Map(months.bars.map((b) => [b.label, b.value]));
    if (drawn.size > MONTHS) throw new Error('Checker: more than 12 months');
    const monthVars = months.bars.map((b) => sys.read(`month:${b.label}`, b.masked ? 's' : b.value));
    for (let i = monthVars.length; i < MONTHS; i++) monthVars.push(sys.unknown(`month:not drawn ${i}`));
    sys.sum(figure('Visites réalisées'), monthVars, 'visits by month');
  }

  /** A chart over parts of `total`: drawn bars are the parts' values, « Autres » the rest. */
  const chartOver = (
    chart: Chart | undefined,
    partVar: (label: string) => string,
    allParts: string[],
    what: string,
  ) => {
    if (!chart) return;
    const drawn = new Set<string>();
    for (const bar of chart.bars) {
      if (isOthers(bar.label)) continue;
      drawn.add(partVar(bar.label));
      sys.read(partVar(bar.label), bar.value);
    }
    const others = chart.bars.find((b) => isOthers(b.label));
    const rest = allParts.filter((p) => !drawn.has(p));
    if (others) sys.sum(sys.read(`${what}:« Autres » of the chart`, others.value), rest, `${what} chart's « Autres »`);
  };

  /** A table listing every non-zero part of a partition of the companies visited (count in column 1, share in 2). */
  const partitionTable = (title: string, prefix: string) => {
    const table = tableOf(doc, title);
    if (!table) return [] as string[];
    const parts = table.rows.map((row) => {
      const v = sys.read(`${prefix}:${row[0]}`, row[1]);
      sys.share(v, N, row[2]!);
      return v;
    });
    sys.sum(N, parts, `companies by ${prefix}`);
    return parts;
  };

  // Sector families (chart only) and NAF sections (table): each family is the sum of its sections.
  const familyLabels = Object.values(SECTOR_FAMILY_LABELS);
  const families = familyLabels.map((l) => sys.unknown(`family:${l}`));
  sys.sum(N, families, 'companies by family');
  chartOver(chartOf(doc, TITLES.families), (l) => `family:${l}`, families, 'family');
  const sections = partitionTable(TITLES.sections, 'section');
  const familyOfSection = (name: string) => {
    const code = /^section:([A-U]) — /.exec(name)?.[1];
    return SECTOR_FAMILY_LABELS[
      code ? SECTOR_FAMILY_BY_NAF_SECTION[code as keyof typeof SECTOR_FAMILY_BY_NAF_SECTION] : 'autre'
    ];
  };
  if (tableOf(doc, TITLES.sections))
    for (const label of familyLabels)
      sys.sum(
        `family:${label}`,
        sections.filter((s) => familyOfSection(s) === label),
        `family ${label} = its sections`,
      );

  // Size bands and communes: a chart and a table of the same partition.
  const bands = partitionTable(TITLES.bands, 'band');
  chartOver(chartOf(doc, TITLES.bandsChart), (l) => `band:${l}`, bands, 'band');
  const communes = partitionTable(TITLES.communes, 'commune');
  chartOver(chartOf(doc, TITLES.communesChart), (l) => `commune:${l}`, communes, 'commune');

  // Stakes: a company counts once per stake; each stake at most the companies, all together at least them.
  const stakesTable = tableOf(doc, TITLES.stakes);
  const stakes = (stakesTable?.rows ?? []).map((row) => {
    const v = sys.read(`stake:${row[0]}`, row[1]);
    sys.atMost(sys.read(`high:${row[0]}`, row[2]), v, `high ≤ stake ${row[0]}`);
    sys.atMost(v, N, `stake ${row[0]} ≤ companies`);
    sys.share(v, N, row[3]!);
    return v;
  });
  if (stakesTable) sys.add([...stakes.map((s): Term => [s, 1]), [N, -1]], '>=', 0, 'every company cites a stake');
  chartOver(chartOf(doc, TITLES.stakesChart), (l) => `stake:${l}`, stakes, 'stake');

  // Crossings: columns add up to their stake, cells bounded by their row's companies.
  const crossing = (title: string, rowPrefix: string, rowLabels: string[]) => {
    const table = tableOf(doc, title);
    if (!table) return;
    const columns = table.headers.slice(1);
    const cell = (row: string, column: string) => `${rowPrefix}×stake:${row}|${column}`;
    for (const r of table.rows)
      for (const [j, column] of columns.entries()) sys.read(cell(String(r[0]), column), r[j + 1]);
    for (const column of columns)
      sys.sum(
        `stake:${column}`,
        table.rows.map((r) => cell(String(r[0]), column)),
        `${title}: column ${column}`,
      );
    for (const r of table.rows)
      for (const column of columns)
        sys.atMost(cell(String(r[0]), column), `${rowPrefix}:${r[0]}`, `${title}: cell ≤ row's companies`);
    const allStakes = (stakesTable?.rows ?? []).map((r) => String(r[0]));
    if (allStakes.every((s) => columns.includes(s))) {
      const listed = new Set(table.rows.map((r) => String(r[0])));
      for (const label of rowLabels) {
        const terms: Term[] = listed.has(label) ? columns.map((column): Term => [cell(label, column), 1]) : [];
        sys.add(
          [...terms, [`${rowPrefix}:${label}`, -1]],
          '>=',
          0,
          `${title}: every company of ${label} cites a stake`,
        );
      }
    }
  };
  crossing(TITLES.familyByStake, 'family', familyLabels);
  crossing(
    TITLES.bandByStake,
    'band',
    bands.map((b) => b.slice('band:'.length)),
  );

  // Hiring needs: positions by job family, and all of them.
  const hiring = tableOf(doc, TITLES.hiring);
  if (hiring) {
    const totalRow = hiring.rows.find((r) => r[0] === TITLES.hiringTotal);
    const jobs = hiring.rows.filter((r) => r !== totalRow).map((r) => sys.read(`job:${r[0]}`, r[1]));
    const total = sys.read('jobs:total', totalRow?.[1]);
    sys.sum(total, jobs, 'positions by job family');
    chartOver(chartOf(doc, TITLES.hiringChart), (l) => `job:${l}`, jobs, 'job');
  }

  // The coverage of the industrial fabric: establishments of the reference matching the criteria
  // and those visited, by NAF section and by band — two partitions of the same totals; each row's
  // visited are some of its matching, its share is visited / matching, and every establishment
  // visited is a company visited.
  const coverageTotals = { matching: 'coverage:matching', visited: 'coverage:visited' };
  let coverageShown = false;
  for (const title of [TITLES.coverageSections, TITLES.coverageBands]) {
    const table = tableOf(doc, title);
    if (!table) continue;
    coverageShown = true;
    const parts = { matching: [] as string[], visited: [] as string[] };
    for (const row of table.rows) {
      const total = row[0] === TITLES.coverageTotal;
      const m = sys.read(total ? coverageTotals.matching : `coverage:${title}:${row[0]}:matching`, row[1]);
      const v = sys.read(total ? coverageTotals.visited : `coverage:${title}:${row[0]}:visited`, row[2]);
      if (!total) {
        parts.matching.push(m);
        parts.visited.push(v);
      }
      sys.atMost(v, m, `${title}: visited ≤ matching (${row[0]})`);
      sys.share(v, m, row[3]!);
    }
    sys.sum(coverageTotals.matching, parts.matching, `${title}: establishments`);
    sys.sum(coverageTotals.visited, parts.visited, `${title}: visited`);
  }
  if (coverageShown) sys.atMost(coverageTotals.visited, N, 'establishments visited ≤ companies visited', false);
  return sys;
}

/** Exact check of an integer point against every constraint and bound it involves. */
function satisfies(sys: PublishedSystem, rows: Row[], point: Map<string, number>): string | null {
  const value = (v: string) => {
    const known = sys.vars.get(v)!;
    return known.lo === known.hi ? known.lo : point.get(v)!;
  };
  for (const [v, { lo, hi }] of sys.vars)
    if (point.has(v) && (point.get(v)! < lo || point.get(v)! > hi)) return `${v} out of its bounds`;
  for (const row of rows) {
    const lhs = row.terms.reduce((s, [v, c]) => s + c * value(v), 0);
    if (row.op === '=' ? lhs !== row.rhs : row.op === '<=' ? lhs > row.rhs : lhs < row.rhs) return row.why;
  }
  return null;
}

/** Unknowns tied together by some constraint, each group with its constraints. */
function components(sys: PublishedSystem) {
  const fixed = (v: string) => sys.vars.get(v)!.lo === sys.vars.get(v)!.hi;
  const parent = new Map<string, string>();
  const root = (v: string): string => {
    let r = v;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(v, r);
    return r;
  };
  for (const [v] of sys.vars) if (!fixed(v)) parent.set(v, v);
  const constant: Row[] = [];
  for (const row of sys.rows) {
    for (const [v] of row.terms)
      if (!sys.vars.has(v)) {
        sys.unknown(v);
        parent.set(v, v);
      }
    const free = row.terms.map(([v]) => v).filter((v) => !fixed(v));
    if (free.length === 0) constant.push(row);
    for (const v of free.slice(1)) parent.set(root(v), root(free[0]!));
  }
  const groups = new Map<string, { vars: string[]; rows: Row[] }>();
  for (const v of parent.keys()) {
    const g = groups.get(root(v)) ?? { vars: [], rows: [] };
    g.vars.push(v);
    groups.set(root(v), g);
  }
  for (const row of sys.rows) {
    const free = row.terms.find(([v]) => !fixed(v));
    if (free) groups.get(root(free[0]))!.rows.push(row);
  }
  return { groups: [...groups.values()], constant };
}

/** Above any count a year can hold: unbounded unknowns are capped here, so that every optimum is a point. */
const CAP = 1_000_000;

type Objective = Term[];
type Group = { vars: string[]; rows: Row[] };

/**
 * An integer point of the group's constraints where `objective` is least (`sense` min) or
 * greatest (max), with the objective at least `atLeast`; checked exactly; null when there is none.
 */
function solve(
  sys: PublishedSystem,
  group: Group,
  objective: Objective,
  sense: 'min' | 'max',
  atLeast = -Infinity,
): Map<string, number> | null {
  const known = (v: string) => sys.vars.get(v)!;
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  for (const v of group.vars) {
    variables[v] = {};
    ints[v] = 1;
    const { lo, hi } = known(v);
    constraints[`bound ${v}`] = { min: lo, max: Math.min(hi, CAP) };
    variables[v]![`bound ${v}`] = 1;
  }
  let offset = 0;
  for (const [v, c] of objective) {
    if (known(v).lo === known(v).hi) offset += c * known(v).lo;
    else variables[v]!.objective = (variables[v]!.objective ?? 0) + c;
  }
  if (atLeast > -Infinity) {
    constraints.atLeast = { min: atLeast - offset };
    for (const [v, c] of objective)
      if (known(v).lo !== known(v).hi) variables[v]!.atLeast = (variables[v]!.atLeast ?? 0) + c;
  }
  group.rows.forEach((row, i) => {
    let rhs = row.rhs;
    for (const [v, c] of row.terms) {
      const k = known(v);
      if (k.lo === k.hi) rhs -= c * k.lo;
      else variables[v]![`row ${i}`] = (variables[v]![`row ${i}`] ?? 0) + c;
    }
    constraints[`row ${i}`] = row.op === '=' ? { equal: rhs } : row.op === '<=' ? { max: rhs } : { min: rhs };
  });
  // The linear relaxation first: these constraints are sums with coefficients ±1, whose vertices are
  // nearly always integers. A point that does not check out as integers is sought again with
  // integer variables (branch and bound). Infeasible relaxation: no integer point either.
  for (const model of [
    { optimize: 'objective', opType: sense, constraints, variables },
    { optimize: 'objective', opType: sense, constraints, variables, ints },
  ]) {
    const result = solver.Solve(model) as unknown as Record<string, number> & { feasible: boolean };
    if (!result.feasible) return null;
    const point = new Map(group.vars.map((v) => [v, Math.round(Number(result[v] ?? 0))]));
    if (evaluate(sys, objective, point) >= atLeast && !satisfies(sys, group.rows, point)) return point;
  }
  throw new Error(
    `Checker: no integer point checks out for ${objective.map(([v]) => v).join(' ')} though the relaxation is feasible: cannot conclude`,
  );
}

function evaluate(sys: PublishedSystem, terms: Term[], point: Map<string, number>): number {
  return terms.reduce((s, [v, c]) => {
    const k = sys.vars.get(v)!;
    return s + c * (k.lo === k.hi ? k.lo : point.get(v)!);
  }, 0);
}

/**
 * Every unknown count the reader can pin down, or knows to be under the threshold (a count known
 * to be zero is not a finding). Empty: the edition holds the statistical secret.
 *
 * A masked cell passes when two checked points give it two different values, one of them at
 * least 5; a rest (a count no cell prints) passes when a point gives it 0 or one gives it 5 or
 * more. The points found are pooled: one often settles many cells, so most cells need no
 * solving of their own.
 */
export function findDeterminedCells(sys: PublishedSystem): Finding[] {
  const { groups, constant } = components(sys);
  const broken = satisfies(sys, constant, new Map());
  if (broken) throw new Error(`Checker: the published figures contradict « ${broken} »: the document was misread`);
  const fixed = (v: string) => sys.vars.get(v)!.lo === sys.vars.get(v)!.hi;
  const findings: Finding[] = [];
  for (const group of groups) {
    const inGroup = new Set(group.vars);
    // What to prove here: each unknown cell, and each rest that involves one of them.
    const cells = group.vars.map((v) => ({ name: v, terms: [[v, 1]] as Term[], rest: false }));
    const rests = sys.rests
      .filter((r) => inGroup.has(r.bound) || inGroup.has(r.part))
      .map((r) => ({
        name: `${r.bound} − ${r.part}`,
        terms: [
          [r.bound, 1],
          [r.part, -1],
        ] as Term[],
        rest: true,
      }));
    const all = [...cells, ...rests];
    // A few points first, each settling many: least and greatest of all unknowns together.
    const sumAll: Term[] = group.vars.map((v) => [v, 1]);
    const pool = [solve(sys, group, sumAll, 'min'), solve(sys, group, sumAll, 'max')];
    if (!pool[0] || !pool[1])
      throw new Error(`Checker: no solution for ${group.vars.join(', ')}: the document was misread`);
    const points = pool as Map<string, number>[];
    const settled = (x: (typeof all)[number]) => {
      const values = points.map((p) => evaluate(sys, x.terms, p));
      const max = Math.max(...values);
      return x.rest ? max >= THRESHOLD || values.includes(0) : max >= THRESHOLD && values.some((v) => v !== max);
    };
    for (const x of all) {
      if (settled(x)) continue;
      const high = solve(sys, group, x.terms, 'max')!;
      points.push(high);
      if (settled(x)) continue;
      const low = solve(sys, group, x.terms, 'min')!;
      points.push(low);
      if (settled(x)) continue;
      const max = evaluate(sys, x.terms, high);
      if (max === 0) continue; // known to be zero: never secret
      findings.push({ cell: x.name, min: evaluate(sys, x.terms, low), max });
    }
  }
  // Rests between two shown counts: known exactly, and must not be 1 to 4.
  for (const r of sys.rests) {
    if (!fixed(r.bound) || !fixed(r.part)) continue;
    const value = sys.vars.get(r.bound)!.lo - sys.vars.get(r.part)!.lo;
    if (value > 0 && value < THRESHOLD) findings.push({ cell: `${r.bound} − ${r.part}`, min: value, max: value });
  }
  return findings;
}
