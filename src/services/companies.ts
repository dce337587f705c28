import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/prisma/client.js';
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
import { COMPANY_TEXTS } from '../texts/company.js';
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

/** What a company search matches on: a SIRET / SIREN prefix, or every word of the folded name. */
type CompanyQuery = { kind: 'digits'; digits: string } | { kind: 'words'; words: string[] };

function parseCompanyQuery(query: string): CompanyQuery | null {
  const trimmed = query.trim();
  if (!trimmed) return null;
  const digits = normaliseSiret(trimmed);
  if (looksLikeSiret(trimmed) || /^\d{3,}$/.test(digits)) return { kind: 'digits', digits };
  const words = searchKey(trimmed).split(' ').filter(Boolean);
  return words.length ? { kind: 'words', words } : null;
}

/** `%word%` for LIKE: searchKey leaves letters and digits only, so no % or _ to escape. */
const containing = (word: string) => `%${word}%`;

/** The platform's companies a query matches, as a condition on `c` ("Company"); an erased company is found by no one. */
function companyMatch(query: CompanyQuery): Prisma.Sql {
  const match =
    query.kind === 'digits'
      ? Prisma.sql`c.siret LIKE ${`${query.digits}%`}`
      : Prisma.join(
          query.words.map((w) => Prisma.sql`c."searchName" LIKE ${containing(w)}`),
          ' AND ',
        );
  return Prisma.sql`c."erasedAt" IS NULL AND ${match}`;
}

export interface CompanySummary {
  id: string;
  name: string;
  siret: string | null;
  commune: string;
}

/** Companies matching a SIRET / SIREN prefix or every word of a name, for type-ahead and /entreprise. */
export async function searchCompanies(db: Db, query: string, limit = 20): Promise<CompanySummary[]> {
  const parsed = parseCompanyQuery(query);
  if (!parsed) return [];
  return db.$queryRaw<CompanySummary[]>`SELECT c.id, c.name, c.siret, c.commune FROM "Company" c
    WHERE ${companyMatch(parsed)} ORDER BY c.name LIMIT ${limit}`;
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

/** The id of the company a form is about: the known one chosen, the reference establishment picked, or the new one. */
export async function resolveCompany(tx: Tx, actor: Actor, choice: CompanyChoice): Promise<string> {
  if (choice.kind === 'new') return (await createCompany(tx, actor, choice)).id;
  const siret = referenceSiret(choice.companyId);
  if (siret) return companyFromReference(tx, actor, siret);
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

// ── The SIRENE reference in the type-ahead: establishments of the territory not yet on the platform ──

/** A type-ahead option's value for a reference establishment: `sirene:<siret>` (a company's is its id, a UUID). */
export const REFERENCE_PREFIX = 'sirene:';

export function referenceValue(siret: string): string {
  return `${REFERENCE_PREFIX}${siret}`;
}

/** The SIRET a `sirene:<siret>` value names; null for any other value. */
export function referenceSiret(value: string): string | null {
  if (!value.startsWith(REFERENCE_PREFIX)) return null;
  const siret = value.slice(REFERENCE_PREFIX.length);
  return /^\d{14}$/.test(siret) ? siret : null;
}

/** A reference establishment as the type-ahead shows it: never a person's name (`P` units have none). */
export interface ReferenceSummary {
  siret: string;
  name: string;
  commune: string | null;
}

/** What the type-ahead offers: the companies followed on the platform first, then the reference's others. */
export interface CompanySearchResult {
  followed: CompanySummary[];
  reference: ReferenceSummary[];
}

/** The name a reference establishment goes by here: a `P` unit's is never read, whatever the row holds. */
function referenceName(row: { displayName: string; diffusible: boolean }): string {
  return row.diffusible ? row.displayName : COMPANY_TEXTS.picker.notDiffusible;
}

/**
 * The SIRETs that begin with `prefix`, as a range the primary key's index answers (a LIKE 'prefix%'
 * does not under a non-C collation, and would read the whole reference).
 */
export function siretPrefixRange(prefix: string): { gte: string; lt?: string } {
  if (/^9*$/.test(prefix)) return { gte: prefix };
  const next = (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0');
  return { gte: prefix, lt: next };
}

/** Names sorted as French readers expect (accents after their letter, case ignored first). */
const FRENCH = new Intl.Collator('fr');

/** The reference's first rows, where common words are looked for before its trigram index (see below). */
export const SAMPLE_ROWS = 10_000;
/**
 * …read from the table's first pages by a TID range (about 10,000 establishments of ~500 bytes: 5,000
 * and 20,000 gave a worse p99 under load, BENCHMARKS.md): a
 * plain scan with a LIMIT joins whatever scan of the table is under way (synchronize_seqscans) and
 * starts anywhere — under load the common words were then looked for in the middle of the table,
 * missed, and the index scanned (1.4 s instead of 3 ms).
 */
const SAMPLE_PAGES = 640;

/** A name word shorter than this cannot use the reference's trigram index: such queries search the platform only. */
const REFERENCE_MIN_WORD = 3;

/**
 * The type-ahead over the platform's companies and the SIRENE reference: a SIRET (spaces allowed) or
 * its prefix, a SIREN, or words (each must appear, accents ignored) of the name or the commune, one
 * of them of three letters at least. Reference establishments already on the platform (same SIRET),
 * closed or out of the territory are left out.
 *
 * The reference's matches are taken in the table's order and sorted here: asking PostgreSQL for the
 * first ones by name makes it walk a name-ordered index, which for words that sort late (a name's
 * second word) reads hundreds of thousands of rows (BENCHMARKS.md, issue 14). Typing more narrows.
 */
export async function searchCompaniesAndReference(db: Db, query: string, limit = 25): Promise<CompanySearchResult> {
  const parsed = parseCompanyQuery(query);
  if (!parsed) return { followed: [], reference: [] };
  let referenceMatch: Prisma.Sql | null;
  if (parsed.kind === 'digits') {
    const { digits } = parsed;
    const range = siretPrefixRange(digits);
    referenceMatch =
      digits.length === 9
        ? Prisma.sql`e.siren = ${digits}`
        : range.lt
          ? Prisma.sql`e.siret >= ${range.gte} AND e.siret < ${range.lt}`
          : Prisma.sql`e.siret >= ${range.gte}`;
  } else {
    referenceMatch = parsed.words.some((w) => w.length >= REFERENCE_MIN_WORD)
      ? Prisma.join(
          parsed.words.map((w) => Prisma.sql`e."searchText" LIKE ${containing(w)}`),
          ' AND ',
        )
      : null;
  }
  // Words found all over the reference (a commune, « transports ») make its trigram index merge
  // posting lists of hundreds of thousands of rows (30–60 ms on a million); such words are found at
  // once in the table's first rows. So its first rows are tried first, and the index only
  // when they gave fewer than `limit` (a one-time filter: PostgreSQL skips the index scan otherwise).
  const sampled = parsed.kind === 'words' && referenceMatch !== null;
  const reference = referenceMatch ?? Prisma.sql`false`;
  const referenceRow = Prisma.sql`false AS followed, NULL AS id, e."displayName" AS name, e.siret,
    coalesce(e."communeName", e."communeCode") AS commune, e.diffusible`;
  const notFollowed = Prisma.sql`e.active AND e."inTerritory" AND NOT EXISTS (SELECT 1 FROM "Company" c WHERE c.siret = e.siret)`;
  // One statement, one round trip (the type-ahead answers within Slack's deadline under load): the
  // followed companies first, then the reference's establishments not on the platform.
  const rows = await db.$queryRaw<
    { followed: boolean; id: string | null; name: string; siret: string; commune: string | null; diffusible: boolean }[]
  >`WITH sample AS MATERIALIZED (
      SELECT ${referenceRow} FROM (SELECT siret, siren, "displayName", diffusible, "communeName", "communeCode", "searchText", active, "inTerritory"
               FROM "SireneEstablishment" WHERE ctid < ${`(${SAMPLE_PAGES},0)`}::tid
              LIMIT ${sampled ? SAMPLE_ROWS : 0}) e
       WHERE ${reference} AND ${notFollowed} LIMIT ${limit})
    (SELECT true AS followed, c.id, c.name, c.siret, c.commune, true AS diffusible FROM "Company" c
      WHERE ${companyMatch(parsed)} ORDER BY c.name LIMIT ${limit})
    UNION ALL (SELECT * FROM sample)
    UNION ALL
    (SELECT ${referenceRow} FROM "SireneEstablishment" e
      WHERE ${reference} AND ${notFollowed} AND (SELECT count(*) FROM sample) < ${limit}
      LIMIT ${limit})`;
  const followed = rows
    .filter((r) => r.followed)
    .map((r) => ({ id: r.id!, name: r.name, siret: r.siret, commune: r.commune ?? '' }));
  // The index's rows may repeat the sample's.
  const found = [...new Map(rows.filter((r) => !r.followed).map((r) => [r.siret, r])).values()];
  found.sort(
    (a, b) =>
      Number(b.diffusible) - Number(a.diffusible) || FRENCH.compare(a.name, b.name) || (a.siret < b.siret ? -1 : 1),
  );
  const references = found.slice(0, Math.max(0, limit - followed.length)).map((r) => ({
    siret: r.siret,
    name: referenceName({ displayName: r.name, diffusible: r.diffusible }),
    commune: r.commune,
  }));
  return { followed, reference: references };
}

/**
 * The company a reference establishment is on the platform, created from the reference the first
 * time (name, SIRET/SIREN, NAF and sector, band, commune, postal code). Idempotent: picked twice, or by
 * two capteurs at once, it makes one company (the SIRET is unique; the second insert does nothing).
 */
export async function companyFromReference(tx: Tx, actor: Actor, siret: string): Promise<string> {
  const known = await tx.company.findUnique({ where: { siret }, select: { id: true, erasedAt: true } });
  if (known) {
    if (known.erasedAt) throw new ValidationFailed([{ field: 'companyId', code: 'company_unknown' }]);
    return known.id;
  }
  const row = await tx.sireneEstablishment.findUnique({ where: { siret } });
  if (!row?.active) throw new ValidationFailed([{ field: 'companyId', code: 'company_unknown' }]);
  const naf =
    row.nafCode && (row.nafNomenclature ?? NAF_NOMENCLATURE) === NAF_NOMENCLATURE
      ? findNafSubclass(row.nafCode)
      : undefined;
  const name = referenceName(row);
  const id = randomUUID();
  const created = await tx.company.createMany({
    data: [
      {
        id,
        siret,
        siren: row.siren,
        name,
        searchName: searchKey(name),
        nafCode: naf?.code ?? row.nafCode ?? '',
        nafNomenclature: naf ? NAF_NOMENCLATURE : (row.nafNomenclature ?? NAF_NOMENCLATURE),
        sectorFamily: naf ? sectorFamilyOf(naf.code) : 'autre',
        headcountBand: row.headcountBand && findHeadcountBand(row.headcountBand) ? row.headcountBand : 'NN',
        commune: row.communeName ?? row.communeCode,
        postalCode: row.postalCode,
        createdById: actor.memberId,
      },
    ],
    skipDuplicates: true,
  });
  if (created.count === 0) {
    // Another capteur's pick made it meanwhile.
    const other = await tx.company.findUnique({ where: { siret }, select: { id: true } });
    if (!other) throw new ValidationFailed([{ field: 'companyId', code: 'company_unknown' }]);
    return other.id;
  }
  await audit(tx, {
    actorSlackId: actor.slackUserId,
    action: 'company.create',
    entity: 'Company',
    entityId: id,
    details: { from: 'sirene' },
  });
  return id;
}
