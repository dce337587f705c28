/** Erasure, withdrawn content and unnamed companies in the views (cases/privacy.ts). */
import { PRIVACY_CASES } from './cases/privacy.js';
import { sweepViews } from './fixtures/payload.js';

sweepViews(PRIVACY_CASES);
