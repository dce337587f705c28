import { nafSection } from './naf.js';

export type SectorFamily = 'industrie' | 'construction' | 'services_aux_entreprises' | 'commerce_transport' | 'autre';

/**
 * NAF section → sector family, the platform's documented mapping.
 * The source document targets industry and business services, so those two families are
 * what the platform filters on. Construction (F) is kept apart because platforms often treat
 * it separately from industry. The groupings follow INSEE's A10 aggregation: B–E is INSEE's
 * "industrie"; J and M–N are merged as business services; G–I is A10's "GI". Finance (K) and
 * real estate (L) are deliberately not counted as business services. All 21 sections are
 * listed so the table can be reviewed in one place.
 */
export const SECTOR_FAMILY_BY_NAF_SECTION = {
  A: 'autre',
  B: 'industrie',
  C: 'industrie',
  D: 'industrie',
  E: 'industrie',
  F: 'construction',
  G: 'commerce_transport',
  H: 'commerce_transport',
  I: 'commerce_transport',
  J: 'services_aux_entreprises',
  K: 'autre',
  L: 'autre',
  M: 'services_aux_entreprises',
  N: 'services_aux_entreprises',
  O: 'autre',
  P: 'autre',
  Q: 'autre',
  R: 'autre',
  S: 'autre',
  T: 'autre',
  U: 'autre',
} as const satisfies Record<string, SectorFamily>;

export const SECTOR_FAMILY_LABELS: Record<SectorFamily, string> = {
  industrie: 'Industrie',
  construction: 'Construction',
  services_aux_entreprises: 'Services aux entreprises',
  commerce_transport: 'Commerce, transport, hébergement',
  autre: 'Autres activités',
};

/** Family of a known NAF sous-classe code (any formatting `findNafSubclass` accepts); throws on unknown codes. */
export function sectorFamilyOf(nafCode: string): SectorFamily {
  const section = nafSection(nafCode).code;
  return (SECTOR_FAMILY_BY_NAF_SECTION as Record<string, SectorFamily>)[section] ?? 'autre';
}
