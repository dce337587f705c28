import { NEEDS_AS_TYPED } from './visits/visit-report.js';
import { findHeadcountBand } from '../reference/headcount-bands.js';
import { findNafSubclass, NAF_NOMENCLATURE } from '../reference/naf.js';
import { sectorFamilyOf } from '../reference/sector-family.js';
import { checkSiret, looksLikeSiret, normaliseSiret } from '../reference/siret.js';
import { searchKey } from '../reference/text.js';
import { OPEN_STATUSES } from '../domain/actions.js';
import { audit } from './audit.js';
import type { Db, Tx } from './db.js';
import { type FieldError, ValidationFailed } from './errors.js';
import type { CompanyChoice } from './form-fields.js';
import { can, type Actor } from './permissions.js';

export interface NewCompanyInput {
  siret?: string | undefined;
  name: string;
  nafCode: string;
  headcountBand: string;
  commune: string;
  postalCode?: string | undefined;
}

export type NewCompanyField = 'newSiret' | 'newName' | 'newNaf' | 'newHeadcountBand' | 'newCommune' | 'newPostalCode';

/** What lists and pickers show of a company: its name, SIRET and commune. */
const COMPANY_SUMMARY = { id: true, name: true, siret: true, commune: true } as const;

/** Companies matching a SIRET / SIREN prefix or every word of a name, for type-ahead and /entreprise. */
export async function searchCompanies(db: Db, query: string, limit = 20) {
  const trimmed = query.trim();
  if (!trimmed) return [];
  if (looksLikeSiret(trimmed) || /^\d{3,}$/.test(normaliseSiret(trimmed))) {
    const digits = normaliseSiret(trimmed);
    return db.company.findMany({
      where: { siret: { startsWith: digits }, erasedAt: null },
      select: COMPANY_SUMMARY,
      orderBy: { name: 'asc' },
      take: limit,
    });
  }
  const words = searchKey(trimmed).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  return db.company.findMany({
    // An erased company is found by no one.
    where: { erasedAt: null, AND: words.map((w) => ({ searchName: { contains: w } })) },
    select: COMPANY_SUMMARY,
    orderBy: { name: 'asc' },
    take: limit,
  });
}

/**
 * Checks a new company against the reference data and the companies already known, inside the
 * transaction that will create it, and returns field errors rather than creating a duplicate.
 */
export async function validateNewCompany(tx: Tx | Db, input: NewCompanyInput): Promise<FieldError<NewCompanyField>[]> {
  const errors: FieldError<NewCompanyField>[] = [];
  let siret: string | undefined;
  if (input.siret) {
    const check = checkSiret(input.siret);
    if (!check.ok)
      errors.push({ field: 'newSiret', code: check.reason === 'format' ? 'siret_format' : 'siret_checksum' });
    else siret = check.siret;
  }
  if (!findNafSubclass(input.nafCode)) errors.push({ field: 'newNaf', code: 'naf_unknown' });
  if (!findHeadcountBand(input.headcountBand))
    errors.push({ field: 'newHeadcountBand', code: 'headcount_band_unknown' });
  if (input.postalCode && !/^\d{5}$/.test(input.postalCode))
    errors.push({ field: 'newPostalCode', code: 'postal_code_format' });
  if (siret) {
    const known = await tx.company.findUnique({ where: { siret }, select: { name: true } });
    if (known) errors.push({ field: 'newSiret', code: 'siret_known', params: { name: known.name } });
  } else {
    // Without a SIRET, the same name in the same commune is taken for the same establishment
    // (communes compared like names: « Saint-Éloy » is « saint eloy »).
    const sameName = await tx.company.findMany({
      where: { searchName: searchKey(input.name) },
      select: { name: true, commune: true },
    });
    const known = sameName.find((c) => searchKey(c.commune) === searchKey(input.commune));
    if (known)
      errors.push({
        field: 'newName',
        code: 'company_duplicate',
        params: { name: known.name, commune: known.commune },
      });
  }
  return errors;
}

export async function createCompany(tx: Tx, actor: Actor, input: NewCompanyInput) {
  const errors = await validateNewCompany(tx, input);
  if (errors.length > 0) throw new ValidationFailed(errors);
  const naf = findNafSubclass(input.nafCode)!;
  const check = input.siret ? checkSiret(input.siret) : undefined;
  const company = await tx.company.create({
    data: {
      siret: check?.ok ? check.siret : null,
      siren: check?.ok ? check.siren : null,
      name: input.name.trim(),
      searchName: searchKey(input.name),
      nafCode: naf.code,
      nafNomenclature: NAF_NOMENCLATURE,
      sectorFamily: sectorFamilyOf(naf.code),
      headcountBand: input.headcountBand,
      commune: input.commune.trim(),
      postalCode: input.postalCode || null,
      createdById: actor.memberId,
    },
  });
  await audit(tx, {
    actorSlackId: actor.slackUserId,
    action: 'company.create',
    entity: 'Company',
    entityId: company.id,
  });
  return company;
}

/** Visits loaded for a company card, newest first. */
export const CARD_VISIT_LIMIT = 20;

/** The id of the company a form is about: the known one chosen, or the new one, created here. */
export async function resolveCompany(tx: Tx, actor: Actor, choice: CompanyChoice): Promise<string> {
  if (choice.kind === 'new') return (await createCompany(tx, actor, choice)).id;
  const company = await tx.company.findUnique({ where: { id: choice.companyId }, select: { id: true } });
  if (!company) throw new ValidationFailed([{ field: 'companyId', code: 'company_unknown' }]);
  return company.id;
}

/**
 * A company with its latest visits, newest first, as the viewer may see them: the content of a visit
 * whose company did not consent to sharing stays with the capteur's structure and the
 * coordination (`shared: false` and no content for everyone else).
 */
export async function getCompanyCard(db: Db, viewer: Actor, companyId: string) {
  const company = await db.company.findUnique({
    where: { id: companyId },
    include: {
      _count: { select: { visits: true } },
      agendaItems: {
        where: { OR: [{ decision: { not: null } }, { noFollowUp: true }] },
        orderBy: { committee: { scheduledAt: 'desc' } },
        take: 5,
        select: { decision: true, noFollowUp: true, committee: { select: { scheduledAt: true } } },
      },
      actions: {
        orderBy: [{ dueDate: 'asc' }],
        take: 10,
        where: { status: { in: [...OPEN_STATUSES] } },
        select: { id: true, title: true, status: true, dueDate: true, ownerStructure: { select: { name: true } } },
      },
      visits: {
        orderBy: [{ visitDate: 'desc' }, { createdAt: 'desc' }],
        // The card shows the latest few; the count tells how many more there are.
        take: CARD_VISIT_LIMIT,
        include: {
          capteur: { select: { slackUserId: true } },
          structure: { select: { name: true } },
          stakes: true,
          hiringNeeds: { orderBy: NEEDS_AS_TYPED },
          redFlags: true,
          // The alerts raised from the visit: their reference only.
          alerts: { orderBy: { raisedAt: 'asc' }, select: { reference: true } },
        },
      },
    },
  });
  if (!company) return null;
  const visits = company.visits.map((visit) => {
    return seesVisitContent(viewer, visit)
      ? { ...visit, shared: true as const }
      : { id: visit.id, visitDate: visit.visitDate, structure: visit.structure, shared: false as const };
  });
  // The company's current warning signs: those of its latest visit the viewer may see.
  const latestShared = visits.find((v) => v.shared);
  const redFlags = latestShared?.shared ? latestShared.redFlags.map((f) => f.flag) : [];
  const { _count, visits: _loaded, ...identity } = company;
  return { ...identity, visits, visitCount: _count.visits, redFlags };
}

/**
 * Whether `viewer` may read a visit's content: the company consented to sharing it, or the viewer
 * is the coordination, filed it, or belongs to the structure that did.
 */
export function seesVisitContent(
  viewer: Actor,
  visit: { consentToShare: boolean; capteurId: string; structureId: string | null },
): boolean {
  return (
    visit.consentToShare ||
    can(viewer, 'readUnsharedVisits') ||
    visit.capteurId === viewer.memberId ||
    (viewer.structureId !== null && visit.structureId === viewer.structureId)
  );
}

export type CompanyCard = NonNullable<Awaited<ReturnType<typeof getCompanyCard>>>;
export type CompanySummary = Awaited<ReturnType<typeof searchCompanies>>[number];

/** One company as lists show it (a form's company, a button's); null when unknown. */
export async function getCompanySummary(db: Db, companyId: string) {
  return db.company.findUnique({ where: { id: companyId }, select: COMPANY_SUMMARY });
}

/** What identifies a known company in a form once picked (SIRET, NAF, band, commune); null when unknown or erased. */
export async function getCompanyIdentity(db: Db, companyId: string) {
  return db.company.findFirst({
    where: { id: companyId, erasedAt: null },
    select: { id: true, name: true, siret: true, nafCode: true, headcountBand: true, commune: true, postalCode: true },
  });
}

export type CompanyIdentity = NonNullable<Awaited<ReturnType<typeof getCompanyIdentity>>>;

/** The company a SIRET names (`/plateforme rgpd`), erased or not; null when unknown. */
export async function findCompanyBySiret(db: Db, siret: string) {
  return db.company.findUnique({ where: { siret }, select: { id: true, name: true } });
}
