/** A committee's agenda: its header, its items, the decision and edit forms (cases/committee-agenda.ts). */
import { AGENDA_CASES } from './cases/committee-agenda.js';
import { sweepViews } from './fixtures/payload.js';

sweepViews(AGENDA_CASES);
