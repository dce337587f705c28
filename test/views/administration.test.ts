/** The administration's forms and overview (cases/administration.ts). */
import { ADMINISTRATION_CASES } from './cases/administration.js';
import { sweepViews } from './fixtures/payload.js';

sweepViews(ADMINISTRATION_CASES);
