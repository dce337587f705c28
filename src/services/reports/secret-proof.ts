import * as lp from 'javascript-lp-solver';
import type { SolverAPI } from 'javascript-lp-solver';

/**
 * The proof that closes the public edition's statistical secret (secret.ts): over the integer
 * counts a reader could put behind the masked cells — every sum, cover and bound the edition lets
 * them write — is each masked count still free? A masked count must take two different values, one
 * of them 5 or more; a rest (a count no cell prints, a bound minus its part) must be able to be 0
 * or 5 or more. The true counts are one solution; the others come from a linear solver
 * (javascript-lp-solver: the relaxation, then branch and bound if its point is not integral), and
 * each is checked exactly before it counts. What cannot be shown free is returned, to be masked
 * around. Components of cells tied by no constraint are solved apart, and one solution often
 * settles many cells: a small territory takes some tens of milliseconds, a large one (few masked
 * cells) next to nothing.
 */

// The package's types describe an ES default export; through its CommonJS types it is `.default`.
const solver: SolverAPI = (lp as unknown as { default?: SolverAPI }).default ?? (lp as unknown as SolverAPI);

export interface ProofCell {
  value: number;
  /** Unknown to the reader. */
  masked: boolean;
  /** A rest: may be 0 (a masked printed count is at least 1, zero showing « — »). */
  rest: boolean;
}

export interface ProofRow {
  terms: [string, number][];
  op: '=' | '>=' | '<=';
}

const THRESHOLD = 5;
/** Above any count a year can hold: bounds the unknowns so that every optimum is a point. */
const CAP = 1_000_000;

/** The masked cells a reader could pin down or bound under the threshold (empty: the secret holds). */
export function unprovenCells(cells: Map<string, ProofCell>, rows: ProofRow[]): string[] {
  const unknown = (k: string) => cells.get(k)!.masked;
  // Components of unknowns tied by a row.
  const parent = new Map<string, string>();
  const root = (k: string): string => {
    while (parent.get(k) !== k) k = parent.get(k)!;
    return k;
  };
  for (const [k, c] of cells) if (c.masked) parent.set(k, k);
  for (const row of rows) {
    const free = row.terms.map(([k]) => k).filter(unknown);
    for (const k of free.slice(1)) parent.set(root(k), root(free[0]!));
  }
  const groups = new Map<string, { keys: string[]; rows: ProofRow[] }>();
  for (const k of parent.keys()) {
    const g = groups.get(root(k)) ?? { keys: [], rows: [] };
    g.keys.push(k);
    groups.set(root(k), g);
  }
  for (const row of rows) {
    const free = row.terms.find(([k]) => unknown(k));
    if (free) groups.get(root(free[0]))!.rows.push(row);
  }

  const failing: string[] = [];
  for (const group of groups.values()) {
    const truth = new Map(group.keys.map((k) => [k, cells.get(k)!.value]));
    const points = [truth];
    const settled = (k: string) => {
      const values = points.map((p) => p.get(k)!);
      const max = Math.max(...values);
      return cells.get(k)!.rest
        ? max >= THRESHOLD || values.includes(0)
        : max >= THRESHOLD && values.some((v) => v !== max);
    };
    for (const k of group.keys) {
      if (settled(k)) continue;
      for (const sense of ['max', 'min'] as const) {
        const point = solve(cells, group, k, sense);
        if (point) points.push(point);
        if (settled(k)) break;
      }
      if (!settled(k)) failing.push(k);
    }
  }
  return failing;
}

function solve(
  cells: Map<string, ProofCell>,
  group: { keys: string[]; rows: ProofRow[] },
  target: string,
  sense: 'min' | 'max',
): Map<string, number> | null {
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  for (const k of group.keys) {
    variables[k] = { objective: k === target ? 1 : 0, [`bound ${k}`]: 1 };
    ints[k] = 1;
    constraints[`bound ${k}`] = { min: cells.get(k)!.rest ? 0 : 1, max: CAP };
  }
  group.rows.forEach((row, i) => {
    let rhs = 0;
    for (const [k, c] of row.terms) {
      const cell = cells.get(k)!;
      if (!cell.masked) rhs -= c * cell.value;
      else variables[k]![`row ${i}`] = (variables[k]![`row ${i}`] ?? 0) + c;
    }
    constraints[`row ${i}`] = row.op === '=' ? { equal: rhs } : row.op === '>=' ? { min: rhs } : { max: rhs };
  });
  // Branch and bound is bounded in time: a point it does not give in time is simply not a proof
  // (the cell gets company), so a pathological year costs masks, never minutes.
  for (const model of [
    { optimize: 'objective', opType: sense, constraints, variables },
    { optimize: 'objective', opType: sense, constraints, variables, ints, options: { timeout: 500 } },
  ]) {
    let result: Record<string, number> & { feasible: boolean };
    try {
      result = solver.Solve(model) as unknown as Record<string, number> & { feasible: boolean };
    } catch {
      return null;
    }
    if (!result.feasible) return null;
    const point = new Map(group.keys.map((k) => [k, Math.round(Number(result[k] ?? 0))]));
    if (holds(cells, group, point)) return point;
  }
  return null;
}

/** Exact check of an integer point: bounds and every row. */
function holds(
  cells: Map<string, ProofCell>,
  group: { keys: string[]; rows: ProofRow[] },
  point: Map<string, number>,
): boolean {
  for (const k of group.keys) {
    const v = point.get(k)!;
    if (v < (cells.get(k)!.rest ? 0 : 1) || v > CAP) return false;
  }
  const value = (k: string) => (cells.get(k)!.masked ? point.get(k)! : cells.get(k)!.value);
  return group.rows.every((row) => {
    const lhs = row.terms.reduce((s, [k, c]) => s + c * value(k), 0);
    return row.op === '=' ? lhs === 0 : row.op === '>=' ? lhs >= 0 : lhs <= 0;
  });
}
