import type { SectorFamily } from '../../generated/prisma/enums.js';
import { findHeadcountBand, shortBandLabel } from '../../reference/headcount-bands.js';
import { SECTOR_FAMILY_LABELS } from '../../reference/sector-family.js';
import { audit } from '../audit.js';
import type { Db } from '../db.js';
import { UserError } from '../errors.js';
import { can, type Actor } from '../permissions.js';
import { COMMITTEE_TEXTS } from '../../texts/committee.js';
import { oweItemUpdate } from './committees.js';

/**
 * Consent in the committee channel (DESIGN §6): a company that did not agree to be named to the
 * partners is shown there without its name — « Entreprise non nommée — secteur, tranche,
 * commune » — until the coordination names it. Its latest answer counts: the consent asked at its
 * latest visit (or, never visited, at its latest recruitment alert).
 */
export function anonymousCompanyName(company: {
  sectorFamily: SectorFamily;
  headcountBand: string;
  commune: string;
}): string {
  const band = findHeadcountBand(company.headcountBand);
  return COMMITTEE_TEXTS.anonymousCompany(
    SECTOR_FAMILY_LABELS[company.sectorFamily],
    band ? shortBandLabel(band) : null,
    company.commune,
  );
}

/** Of these companies, those the committee channel must not name, with what their anonymous label says. */
export async function unnamedCompanies(db: Db, companyIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(companyIds)];
  if (ids.length === 0) return new Map();
  const companies = await db.company.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      sectorFamily: true,
      headcountBand: true,
      commune: true,
      visits: { orderBy: [{ visitDate: 'desc' }, { createdAt: 'desc' }], take: 1, select: { consentToShare: true } },
      alerts: { orderBy: { raisedAt: 'desc' }, take: 1, select: { consentToName: true } },
      agendaItems: { where: { namedAt: { not: null } }, take: 1, select: { id: true } },
    },
  });
  const refused = (c: (typeof companies)[number]) =>
    c.visits[0] ? !c.visits[0].consentToShare : c.alerts[0] ? !c.alerts[0].consentToName : false;
  return new Map(
    companies.filter((c) => c.agendaItems.length === 0 && refused(c)).map((c) => [c.id, anonymousCompanyName(c)]),
  );
}

/**
 * Rows for the committee channel, each company not to be named shown by its anonymous label
 * (`companyHidden` says so, for the view to offer the coordination to name it).
 */
export async function hideUnnamed<T extends { companyId: string; company: { name: string } }>(
  db: Db,
  rows: T[],
): Promise<(T & { companyHidden: boolean })[]> {
  const unnamed = await unnamedCompanies(
    db,
    rows.map((r) => r.companyId),
  );
  return rows.map((r) => {
    const label = unnamed.get(r.companyId);
    return label
      ? { ...r, company: { ...r.company, name: label }, companyHidden: true }
      : { ...r, companyHidden: false };
  });
}

/**
 * « Nommer l'entreprise » on an agenda item (coordination): the company is named from now on in
 * the channel — the coordination has its agreement. Audited; the item's message is updated.
 */
export async function nameAgendaCompany(db: Db, actor: Actor, agendaItemId: string, now: Date): Promise<boolean> {
  if (!can(actor, 'runCommittees')) throw new UserError('committee_forbidden');
  return db.$transaction(async (tx) => {
    const { count } = await tx.agendaItem.updateMany({
      where: { id: agendaItemId, namedAt: null },
      data: { namedAt: now },
    });
    if (count === 0) {
      if (!(await tx.agendaItem.count({ where: { id: agendaItemId } }))) throw new UserError('committee_unknown');
      return false;
    }
    await audit(tx, {
      actorSlackId: actor.slackUserId,
      action: 'committee.company_named',
      entity: 'AgendaItem',
      entityId: agendaItemId,
    });
    await oweItemUpdate(tx, agendaItemId, true);
    return true;
  });
}
