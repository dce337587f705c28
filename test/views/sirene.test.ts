/** The SIRENE reference's views (cases/sirene.ts). */
import { SIRENE_CASES } from './cases/sirene.js';
import { sweepViews } from './fixtures/payload.js';

sweepViews(SIRENE_CASES);
