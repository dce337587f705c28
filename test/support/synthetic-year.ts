import type { AnnualRows } from '../../src/services/reports/annual-data.js';
import type { Coverage } from '../../src/services/sirene/coverage.js';
import type { STAKE_LABELS } from '../../src/texts/fr.js';

/**
 * Random years, company by company, turned into the rows the report's queries would return
 * (aggregateAnnualData makes the report's figures from them, as from the database). Seeded: the
 * same seed, the same year. Skewed on purpose — a few big communes and many small ones, a few
 * frequent stakes and rare ones — so that small cells, and cells masked to protect them, abound.
 */

export { prng } from './prng.js';

type Stake = keyof typeof STAKE_LABELS;
const NAF = [
  '25.62B',
  '25.62B',
  '10.71C',
  '28.29B',
  '43.22A',
  '41.20A',
  '47.11B',
  '46.69B',
  '49.41A',
  '55.10Z',
  '56.10A',
  '62.01Z',
  '70.22Z',
  '71.12B',
  '78.20Z',
  '81.21Z',
  '01.11Z',
  '86.21Z',
  '35.11Z',
  '38.11Z',
  '68.20A',
  '64.19Z',
  '96.02A',
  '99.99Z',
];
const BANDS = ['NN', '00', '01', '02', '03', '11', '12', '21', '22', '31', '32', '41', '42', '51', 'ZZ'];
const STAKES: Stake[] = [
  'recrutement',
  'competences_formation',
  'investissement_modernisation',
  'transmission_reprise',
  'difficultes_restructuration',
  'innovation',
  'export',
  'foncier_immobilier',
  'transition_ecologique',
  'numerique',
  'autre',
];
const JOBS = [
  'Soudeur',
  'Soudeuse pour M. Dupont (Forges Dupont)',
  'Chaudronnier',
  'Technicien de maintenance',
  'Opérateur de production',
  'Cariste',
  'Comptable',
  'Commercial',
  'Développeur',
  'Électricien',
  'Infirmier',
  'Cuisinier',
  'Maçon',
  'Chauffeur PL',
  'Jongleur',
  'Assistante de direction',
  'Boulanger',
];

export interface SyntheticCompany {
  id: string;
  nafCode: string;
  headcountBand: string;
  commune: string;
  stakes: { stake: Stake; high: boolean }[];
  hiring: { jobFamily: string; count: number }[];
}

/** Picks with weights 1, 1/2, 1/3…: the first items much more often than the last. */
function skewed<T>(rng: () => number, items: readonly T[], s = 1): T {
  const weights = items.map((_, i) => 1 / (i + 1) ** s);
  let r = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}
const int = (rng: () => number, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const shuffled = <T>(rng: () => number, xs: readonly T[]) =>
  [...xs]
    .map((x) => [rng(), x] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x);

export function syntheticCompanies(rng: () => number, size: number): SyntheticCompany[] {
  // Each territory has its own few sectors, bands, communes and stakes, in its own order of frequency.
  const naf = shuffled(rng, NAF).slice(0, int(rng, 2, NAF.length));
  const bands = shuffled(rng, BANDS).slice(0, int(rng, 2, BANDS.length));
  const communes = Array.from({ length: int(rng, 1, Math.max(2, Math.ceil(size / 2))) }, (_, i) => `Commune ${i + 1}`);
  const stakes = shuffled(rng, STAKES).slice(0, int(rng, 1, STAKES.length));
  const jobs = shuffled(rng, JOBS).slice(0, int(rng, 1, JOBS.length));
  return Array.from({ length: size }, (_, i) => {
    const cited = new Map<Stake, boolean>();
    for (let k = int(rng, 1, 3); k > 0; k--) cited.set(skewed(rng, stakes), rng() < 0.4);
    const hiring = Array.from({ length: rng() < 0.5 ? int(rng, 1, 2) : 0 }, () => ({
      jobFamily: skewed(rng, jobs),
      count: int(rng, 1, 6),
    }));
    return {
      id: `co-${i}`,
      nafCode: skewed(rng, naf, 1.2),
      headcountBand: skewed(rng, bands, 1.2),
      commune: skewed(rng, communes, 1.3),
      stakes: [...cited].map(([stake, high]) => ({ stake, high })),
      hiring,
    };
  });
}

/** A year's rows from its companies, with an activity of the same size. */
export function syntheticRows(rng: () => number, companies: SyntheticCompany[]): AnnualRows {
  const N = companies.length;
  const visits = N + int(rng, 0, N);
  const months = Array.from({ length: 12 }, () => 0);
  const peak = int(rng, 0, 11);
  for (let v = 0; v < visits; v++) months[rng() < 0.3 ? peak : int(rng, 0, 11)]!++;
  const structures = int(rng, 1, 8);
  const created = int(rng, 0, 3 * N);
  const done = int(rng, 0, created);
  const abandoned = int(rng, 0, created - done);
  const alerts = int(rng, 0, N);
  const transmitted = int(rng, 0, alerts);
  const examined = int(rng, 0, N);
  const count = <K extends string>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const byProfile = count(companies.map((c) => JSON.stringify([c.nafCode, c.headcountBand, c.commune])));
  const byStake = count(
    companies.flatMap((c) => c.stakes.map((s) => JSON.stringify([s.stake, c.nafCode, c.headcountBand, s.high]))),
  );
  return {
    visits: [{ visits, companies: N, structures, capteurs: structures + int(rng, 0, 6) }],
    months: months.map((n, i) => ({ month: i + 1, n })).filter((m) => m.n > 0),
    committees: [{ committees: int(rng, 0, 12), examined, informed: int(rng, 0, examined) }],
    actions: [{ created, done, abandoned, open: created - done - abandoned }],
    alerts: [
      {
        alerts,
        transmitted,
        within: int(rng, 0, transmitted),
        diffused: int(rng, 0, transmitted),
        positions: alerts + int(rng, 0, 2 * alerts),
      },
    ],
    companies: [...byProfile].map(([k, n]) => {
      const [nafCode, headcountBand, commune] = JSON.parse(k) as string[];
      return { nafCode: nafCode!, headcountBand: headcountBand!, commune: commune!, n };
    }),
    stakes: [...byStake].map(([k, n]) => {
      const [stake, nafCode, headcountBand, high] = JSON.parse(k) as [Stake, string, string, boolean];
      return { stake, nafCode, headcountBand, high, n };
    }),
    hiring: companies.flatMap((c) => c.hiring.map((h) => ({ jobFamily: h.jobFamily, companyId: c.id, n: h.count }))),
  };
}

/**
 * A year's coverage of the industrial fabric (sections B–E, bands from 11): `size` establishments
 * of the reference spread over a few sections and bands, some visited — never more than the
 * `companiesVisited` of the year, since each visited establishment is a company visited.
 */
export function syntheticCoverage(rng: () => number, size: number, companiesVisited: number): Coverage {
  const sections = shuffled(rng, ['B', 'C', 'D', 'E']).slice(0, int(rng, 1, 4));
  const bands = shuffled(rng, ['11', '12', '21', '22', '31', '32']).slice(0, int(rng, 1, 6));
  const rate = rng() * 0.6;
  const cells = new Map<string, { matching: number; visited: number }>();
  const add = (code: string, visited: boolean) => {
    const cell = cells.get(code) ?? { matching: 0, visited: 0 };
    cell.matching++;
    if (visited) cell.visited++;
    cells.set(code, cell);
  };
  let visited = 0;
  for (let i = 0; i < size; i++) {
    const isVisited = visited < companiesVisited && rng() < rate;
    if (isVisited) visited++;
    add(`section:${skewed(rng, sections, 1.2)}`, isVisited);
    add(`band:${skewed(rng, bands, 1.2)}`, isVisited);
  }
  const part = (prefix: string, codes: string[]) =>
    codes
      .filter((code) => cells.has(`${prefix}:${code}`))
      .sort()
      .map((code) => ({ code, label: `${prefix} ${code}`, ...cells.get(`${prefix}:${code}`)! }));
  return {
    criteria: { sections: ['B', 'C', 'D', 'E'], minBand: '11' },
    referenceEmpty: false,
    matching: size,
    visited,
    bySection: part('section', sections),
    byBand: part('band', bands),
  };
}
