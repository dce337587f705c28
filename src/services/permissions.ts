import type { Role } from '../generated/prisma/enums.js';

/**
 * What each role may do. Every command, button and view asks `can(actor, permission)`;
 * least privilege: a role not listed is refused.
 */
export const PERMISSIONS = {
  fileVisit: ['capteur'],
  readCompanies: ['capteur', 'coordinateur', 'comite', 'pilotage', 'admin'],
  /** See the content of visits whose company did not consent to sharing with partners. */
  readUnsharedVisits: ['coordinateur', 'admin'],
  administer: ['admin'],
  raiseAlert: ['capteur'],
  /** Take an alert, transmit it, diffuse the offer, close it; see the open alerts. */
  handleAlerts: ['coordinateur'],
  /** Record the offer France Travail registered: its advisers, or the coordinator from their e-mail. */
  recordOffers: ['coordinateur', 'france_travail'],
  /** Create actions; change those of one's own structure (the coordination: all of them). */
  manageActions: ['comite', 'coordinateur'],
  /** Change any structure's action. */
  manageAllActions: ['coordinateur'],
  /** Plan committee sessions, publish their agenda, run them. */
  runCommittees: ['coordinateur'],
  /** See the committee sessions and their agenda. */
  followCommittees: ['comite', 'coordinateur'],
  /** Set each structure's visit programme (monthly target, target companies); see every structure's progress. */
  managePrograms: ['coordinateur'],
  /** Record the indicators the steering committee chose, and their targets. */
  manageIndicators: ['coordinateur'],
  /** See the indicators and their quarterly values, freeze a past quarter, produce the reports. */
  readIndicators: ['coordinateur', 'pilotage'],
  /** Export a period's visits, companies, actions and alerts (personal data included: audited). */
  exportData: ['coordinateur'],
  /** Follow the territory's SIRENE reference (its imports, what the platform follows of it). */
  followSireneReference: ['coordinateur'],
  /** Erase a company's data on request (RGPD): rare and final, for the platform's administrators. */
  eraseCompanyData: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export interface Actor {
  memberId: string;
  slackUserId: string;
  structureId: string | null;
  roles: ReadonlySet<Role>;
}

export function can(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  return PERMISSIONS[permission].some((role) => actor.roles.has(role));
}
