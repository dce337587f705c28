import type { RedFlag } from '../../generated/prisma/enums.js';
import type { VisitReport } from './visit-report.js';

/**
 * The warning signs a visit raises, derived from its answers so that two capteurs who give the
 * same answers raise the same flags. They put the company in front of the coordinator.
 */
export function deriveRedFlags(
  report: Pick<VisitReport, 'hiringHorizon' | 'hiringNeeds' | 'jobsAtRisk' | 'siteOutlook' | 'transmissionBuyer'>,
): RedFlag[] {
  const flags: RedFlag[] = [];
  if (report.hiringHorizon === 'urgent' && report.hiringNeeds.length > 0) flags.push('recrutement_urgent');
  if ((report.jobsAtRisk ?? 0) > 0) flags.push('emplois_menaces');
  if (report.siteOutlook === 'fermeture_ou_demenagement') flags.push('fermeture_ou_demenagement');
  if (report.transmissionBuyer === 'non_identifie') flags.push('transmission_sans_repreneur');
  return flags;
}
