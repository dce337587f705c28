/** Every domain's table of views: each is swept by its domain's test file, all together they cover every builder. */
import type { Case } from '../fixtures/payload.js';
import { ACTION_CASES } from './actions.js';
import { ADMINISTRATION_CASES } from './administration.js';
import { AGENDA_CASES } from './committee-agenda.js';
import { COMMITTEE_CASES } from './committee.js';
import { COMPANY_CARD_CASES } from './company-card.js';
import { HOME_CASES } from './home.js';
import { INDICATOR_CASES } from './indicators.js';
import { PRIVACY_CASES } from './privacy.js';
import { PROGRAMME_CASES } from './programmes.js';
import { ALERT_CASES } from './recruitment-alert.js';
import { SIRENE_CASES } from './sirene.js';
import { VISIT_REPORT_CASES } from './visit-report.js';

export const CASE_TABLES: Record<string, Case[]> = {
  ACTION_CASES,
  ADMINISTRATION_CASES,
  AGENDA_CASES,
  ALERT_CASES,
  COMMITTEE_CASES,
  COMPANY_CARD_CASES,
  HOME_CASES,
  INDICATOR_CASES,
  PRIVACY_CASES,
  PROGRAMME_CASES,
  SIRENE_CASES,
  VISIT_REPORT_CASES,
};

export const ALL_CASES: Case[] = Object.values(CASE_TABLES).flat();
