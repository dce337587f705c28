/**
 * Every French text the platform shows in Slack (and in its files: exports, reports), in the
 * field's own words, one module per domain; this module re-exports them all. Views, listeners and
 * services read from here or from the domain's module; services return codes (see
 * services/errors.ts) that map to `ERRORS`. A text that depends on the deployment (the alert
 * deadline, the days before a committee) is a function of that setting, never a written number.
 * Texts are given their pieces ready to show: a view escapes what people typed for mrkdwn
 * (views/blocks.ts) and formats dates (time.ts) before passing them.
 *
 * Code, logs and comments stay in English; a test (test/views/no-french-text.test.ts) keeps
 * French out of src/views, src/listeners, src/notifications and src/jobs.
 */
export * from './action.js';
export * from './administration.js';
export * from './alert.js';
export * from './committee.js';
export * from './common.js';
export * from './company.js';
export * from './dates.js';
export * from './errors.js';
export * from './help.js';
export * from './home.js';
export * from './indicators.js';
export * from './privacy.js';
export * from './programme.js';
export * from './report.js';
export * from './sirene.js';
export * from './visit.js';
