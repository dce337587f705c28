/** The company card and the search (cases/company-card.ts). */
import { COMPANY_CARD_CASES } from './cases/company-card.js';
import { sweepViews } from './fixtures/payload.js';

sweepViews(COMPANY_CARD_CASES);
