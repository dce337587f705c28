/** What a visit programme's form and its rules share. */

/** The programme form lists this many targets at most (a Slack select); the others are kept. */
export const TARGETS_SHOWN = 100;
