/** What an alert's form and its rules share. */

/** Positions one alert can carry: enough for an urgent need, few enough for one modal. */
export const MAX_POSITIONS = 3;
export const POSITION_RANKS = [1, 2, 3] as const;
export type PositionRank = (typeof POSITION_RANKS)[number];
