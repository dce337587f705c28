/** The App Home, for each role (cases/home.ts). */
import { HOME_CASES } from './cases/home.js';
import { sweepViews } from './fixtures/payload.js';

sweepViews(HOME_CASES);
