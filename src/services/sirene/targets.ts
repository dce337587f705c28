import { Prisma, type StructureKind } from '../../generated/prisma/client.js';
import type { Db } from '../db.js';
import { findHeadcountBand, shortBandLabel } from '../../reference/headcount-bands.js';
import { findNafSubclass, NAF_NOMENCLATURE, nafSection, sectionDivisions } from '../../reference/naf.js';
import { addCalendarMonths } from '../../time.js';
import { coveredBands } from './coverage.js';
import { referenceValue } from '../companies.js';
import { UserError, ValidationFailed } from '../errors.js';
import { can, type Actor } from '../permissions.js';
import { setProgramme } from '../programmes/programmes.js';

/**
 * Proposed targets for the structures' visit programmes, from the SIRENE reference: the
 * territory's active establishments matching the coordination's criteria that no one has visited
 * lately, split between the structures that visit them — those on the trade register (artisanat)
 * to the chambre de métiers (CMA), the others to the chambre de commerce (CCI), each configurable.
 * A `P` unit (partially diffusible) is never proposed: its identity may not be shown. Nor is an
 * establishment whose company was erased from the platform, nor one already a target of a
 * programme of the year.
 */

export interface TargetCriteria {
  /** NAF section letters (B–E by default). */
  sections: string[];
  /** Also the configured services to industry (TARGET_SERVICE_NAF_CODES). */
  withServices: boolean;
  /** The least INSEE band (INSEE order; 11 = 10 employees and more). */
  minBand: string;
  /** Commune codes (INSEE); none = the whole territory. */
  communes: string[];
  /** Not visited for this many months; null = never visited on the platform. */
  notVisitedMonths: number | null;
  /** The programme year the targets are for. */
  year: number;
}

export interface TargetSettings {
  /** NAF sous-classes or prefixes (`71.12B`, `52.10`) of the services to industry. */
  serviceNafCodes: readonly string[];
  /** Which kind of structure visits the establishments on the trade register, and the others. */
  tradeRegisterKind: StructureKind;
  otherKind: StructureKind;
}

export const DEFAULT_TARGET_CRITERIA = Object.freeze({
  sections: Object.freeze(['B', 'C', 'D', 'E']),
  withServices: true,
  minBand: '11',
  notVisitedMonths: 12,
});

export interface ProposedTarget {
  siret: string;
  name: string;
  nafCode: string;
  band: string;
  bandLabel: string;
  communeCode: string;
  communeName: string | null;
  postalCode: string | null;
  tradeRegister: boolean;
  /** On the platform already (followed), with its last visit if any. */
  companyId: string | null;
  lastVisit: Date | null;
}

export interface TargetGroup {
  route: 'tradeRegister' | 'other';
  kind: StructureKind;
  /** The structure of that kind (the first active one by name); null when there is none. */
  structure: { id: string; name: string; monthlyTarget: number | null } | null;
  targets: ProposedTarget[];
}

export interface TargetProposal {
  criteria: TargetCriteria;
  /** No establishment in the reference at all: nothing can be proposed until it is imported. */
  referenceEmpty: boolean;
  total: number;
  groups: TargetGroup[];
  /** Matching establishments left out, and why. */
  left: { visitedLately: number; alreadyTargets: number; notDiffusible: number };
}

/** True when `nafCode` (dotted sous-classe) is one of `codes` or starts with one of them. */
export function matchesServiceCode(nafCode: string, codes: readonly string[]): boolean {
  const compact = nafCode.replace(/\./g, '').toUpperCase();
  return codes.some((c) => compact.startsWith(c.replace(/\./g, '').toUpperCase()));
}

const FRENCH_ORDER = new Intl.Collator('fr', { sensitivity: 'base' });

export async function proposeTargets(
  db: Db,
  criteria: TargetCriteria,
  settings: TargetSettings,
  today: string,
): Promise<TargetProposal> {
  const bands = coveredBands(criteria.minBand);
  const sections = new Set(criteria.sections.map((s) => s.trim().toUpperCase()));
  // Visits dated on or after this day count as recent (visit dates are stored as UTC midnights).
  const since =
    criteria.notVisitedMonths === null
      ? null
      : new Date(`${addCalendarMonths(today, -criteria.notVisitedMonths)}T00:00:00Z`);
  // The sections and service codes narrowed in SQL (a section is its divisions, the codes' two first
  // digits); the exact rule is applied again below on each row, against the NAF reference.
  const divisions = [...sections].flatMap(sectionDivisions);
  const servicePrefixes = criteria.withServices
    ? settings.serviceNafCodes.map((c) => `${c.replace(/\./g, '').toUpperCase()}%`)
    : [];
  const activityFilter = Prisma.sql`AND (left(e."nafCode", 2) IN (${Prisma.join(divisions.length ? divisions : ['--'])})
       OR replace(e."nafCode", '.', '') LIKE ANY (ARRAY[${Prisma.join(servicePrefixes.length ? servicePrefixes : ['--'])}]::text[]))`;
  const communeFilter = criteria.communes.length
    ? Prisma.sql`AND e."communeCode" IN (${Prisma.join(criteria.communes)})`
    : Prisma.empty;
  const referenceEmpty = !(await db.sireneEstablishment.findFirst({ select: { siret: true } }));
  const rows = await db.$queryRaw<
    {
      siret: string;
      displayName: string;
      nafCode: string;
      band: string;
      communeCode: string;
      communeName: string | null;
      postalCode: string | null;
      tradeRegister: boolean;
      diffusible: boolean;
      companyId: string | null;
      erased: boolean;
      lastVisit: Date | null;
      targeted: boolean;
    }[]
  >`
    SELECT e.siret, e."displayName", e."nafCode", e."headcountBand" AS band, e."communeCode",
           e."communeName", e."postalCode", e."tradeRegister", e.diffusible,
           c.id AS "companyId", (c."erasedAt" IS NOT NULL) AS erased,
           (SELECT max(v."visitDate") FROM "Visit" v WHERE v."companyId" = c.id) AS "lastVisit",
           EXISTS (SELECT 1 FROM "ProgrammeTarget" t JOIN "VisitProgramme" p ON p.id = t."programmeId"
                    WHERE p.year = ${criteria.year} AND (t.siret = e.siret OR (c.id IS NOT NULL AND t."companyId" = c.id))) AS targeted
      FROM "SireneEstablishment" e
      LEFT JOIN "Company" c ON c.siret = e.siret
     WHERE e.active AND e."inTerritory" AND e."nafCode" IS NOT NULL
       AND (e."nafNomenclature" IS NULL OR e."nafNomenclature" = ${NAF_NOMENCLATURE})
       AND e."headcountBand" IN (${Prisma.join(bands)})
       ${activityFilter}
       ${communeFilter}
     ORDER BY e."communeCode", e."displayName", e.siret`;

  const left = { visitedLately: 0, alreadyTargets: 0, notDiffusible: 0 };
  const byRoute = { tradeRegister: [] as ProposedTarget[], other: [] as ProposedTarget[] };
  for (const r of rows) {
    if (r.erased) continue;
    if (!findNafSubclass(r.nafCode)) continue;
    const inSections = sections.has(nafSection(r.nafCode).code);
    if (!inSections && !(criteria.withServices && matchesServiceCode(r.nafCode, settings.serviceNafCodes))) continue;
    if (!r.diffusible) {
      left.notDiffusible++;
      continue;
    }
    // Visited within the months asked, or at all when « never visited » was asked.
    if (r.lastVisit && (!since || r.lastVisit >= since)) {
      left.visitedLately++;
      continue;
    }
    if (r.targeted) {
      left.alreadyTargets++;
      continue;
    }
    const band = findHeadcountBand(r.band)!;
    (r.tradeRegister ? byRoute.tradeRegister : byRoute.other).push({
      siret: r.siret,
      name: r.displayName,
      nafCode: r.nafCode,
      band: band.code,
      bandLabel: shortBandLabel(band),
      communeCode: r.communeCode,
      communeName: r.communeName,
      postalCode: r.postalCode,
      tradeRegister: r.tradeRegister,
      companyId: r.companyId,
      lastVisit: r.lastVisit,
    });
  }
  const structureOf = async (kind: StructureKind) => {
    // The first by name in French order (« CCI du Cher » before « CCI Zéro », whatever the database's collation).
    const [s] = (
      await db.structure.findMany({
        where: { kind, active: true },
        select: {
          id: true,
          name: true,
          programmes: { where: { year: criteria.year }, select: { monthlyTarget: true } },
        },
      })
    ).sort((a, b) => FRENCH_ORDER.compare(a.name, b.name));
    return s ? { id: s.id, name: s.name, monthlyTarget: s.programmes[0]?.monthlyTarget ?? null } : null;
  };
  const groups: TargetGroup[] = [
    {
      route: 'other',
      kind: settings.otherKind,
      structure: await structureOf(settings.otherKind),
      targets: byRoute.other,
    },
    {
      route: 'tradeRegister',
      kind: settings.tradeRegisterKind,
      structure: await structureOf(settings.tradeRegisterKind),
      targets: byRoute.tradeRegister,
    },
  ];
  return {
    criteria,
    referenceEmpty,
    total: byRoute.other.length + byRoute.tradeRegister.length,
    groups,
    left,
  };
}

/** A structure's group of the proposal the coordination chose to add, with the monthly target of a new programme. */
export interface TargetChoice {
  route: TargetGroup['route'];
  /** Needed when the structure has no programme that year; ignored otherwise. */
  monthlyTarget: number | null;
}

/**
 * Adds the chosen groups of `proposal` to their structures' programmes (setProgramme: the same
 * rules as the programme form). An establishment not yet on the platform becomes a company from
 * the reference, so the programme lists it by name with its « Nouvelle visite » button. Adding
 * twice adds nothing more (targets are unique per programme).
 */
export async function addProposedTargets(
  db: Db,
  actor: Actor,
  proposal: TargetProposal,
  choices: TargetChoice[],
  now: Date,
): Promise<{ structure: string; added: number; total: number }[]> {
  if (!can(actor, 'managePrograms')) throw new UserError('programme_forbidden');
  const chosen = proposal.groups.filter(
    (g) => g.structure && g.targets.length > 0 && choices.some((c) => c.route === g.route),
  );
  const missing = chosen.filter(
    (g) => g.structure!.monthlyTarget === null && !choices.find((c) => c.route === g.route)?.monthlyTarget,
  );
  if (missing.length)
    throw new ValidationFailed(missing.map((g) => ({ field: `monthly_${g.route}`, code: 'monthly_target' })));
  const done: { structure: string; added: number; total: number }[] = [];
  for (const g of chosen) {
    const structure = g.structure!;
    const saved = await setProgramme(
      db,
      actor,
      {
        structureId: structure.id,
        year: proposal.criteria.year,
        monthlyTarget: structure.monthlyTarget ?? choices.find((c) => c.route === g.route)!.monthlyTarget!,
        shownUpTo: null,
        keepTargetIds: [],
        addCompanyIds: g.targets.map((t) => t.companyId ?? referenceValue(t.siret)),
        sirets: '',
      },
      now,
    );
    done.push({ structure: structure.name, added: saved.added, total: saved.total });
  }
  return done;
}

/** What the criteria form offers: the reference's communes (most establishments first), and whether it is empty. */
export async function targetCriteriaChoices(
  db: Db,
): Promise<{ referenceEmpty: boolean; communes: { code: string; name: string; count: number }[] }> {
  const rows = await db.$queryRaw<{ code: string; name: string | null; n: bigint }[]>`
    SELECT "communeCode" AS code, max("communeName") AS name, count(*) AS n
      FROM "SireneEstablishment" WHERE active AND "inTerritory"
     GROUP BY 1 ORDER BY 3 DESC, 1`;
  if (rows.length === 0) {
    const any = await db.sireneEstablishment.findFirst({ select: { siret: true } });
    if (!any) return { referenceEmpty: true, communes: [] };
  }
  return {
    referenceEmpty: false,
    communes: rows.map((r) => ({ code: r.code, name: r.name ?? r.code, count: Number(r.n) })),
  };
}
