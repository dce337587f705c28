/** What a visit programme's form and its rules share. */

/** The programme form lists this many targets at most (a Slack select); the others are kept. */
export const TARGETS_SHOWN = 100;

/** The years a programme can be set for on `today` (YYYY-MM-DD): this one, and from October the next. */
export function programmeYears(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 10 ? [year, year + 1] : [year];
}
