import { checkSiret } from '../reference/siret.js';
import { searchCompanies } from '../services/companies.js';
import type { Db } from '../services/db.js';
import { companyLabel } from '../views/messages/company-card.js';
import type { CompanyPrefill } from '../views/modals/company-blocks.js';

/**
 * What a form opens with when its command names a company (`/visite Dupont`, a card's button):
 * the company when exactly one matches, a SIRET to create it with when it is valid and unknown.
 */
export async function companyPrefill(db: Db, text: string, companyId?: string): Promise<CompanyPrefill> {
  if (companyId) {
    const company = await db.company.findUnique({
      where: { id: companyId },
      select: { id: true, name: true, siret: true, commune: true },
    });
    return company ? { company: { id: company.id, label: companyLabel(company) } } : {};
  }
  const query = text.trim();
  if (!query) return {};
  const matches = await searchCompanies(db, query, 2);
  if (matches.length === 1) return { company: { id: matches[0]!.id, label: companyLabel(matches[0]!) } };
  const siret = checkSiret(query);
  if (matches.length === 0 && siret.ok) return { newSiret: siret.siret };
  return {};
}
