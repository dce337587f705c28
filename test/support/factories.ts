import type { Prisma } from '../../src/generated/prisma/client.js';
import type { Role, StructureKind } from '../../src/generated/prisma/enums.js';
import { searchKey } from '../../src/reference/text.js';
import { findActor } from '../../src/services/members.js';
import type { Db } from '../../src/services/db.js';

/** Test data, realistic and fictional. SIRETs are Luhn-valid. */
export const SIRETS = {
  mecanique: '73282932000074',
  other: '44306184100047',
  unknownValid: '12345678200010',
  badChecksum: '73282932000075',
} as const;

let counter = 0;

export async function makeStructure(db: Db, name = `Structure ${++counter}`, kind: StructureKind = 'cci') {
  return db.structure.create({ data: { name, kind } });
}

export async function makeMember(db: Db, slackUserId: string, roles: Role[], structureId: string | null = null) {
  await db.member.create({
    data: { slackUserId, structureId, roles: { create: roles.map((role) => ({ role })) } },
  });
  return (await findActor(db, slackUserId))!;
}

export async function makeCompany(
  db: Db,
  data: { name: string; siret?: string | null; commune?: string; nafCode?: string; headcountBand?: string } = {
    name: 'Mécanique du Val',
  },
) {
  return db.company.create({
    data: {
      name: data.name,
      searchName: searchKey(data.name),
      siret: data.siret ?? null,
      siren: data.siret ? data.siret.slice(0, 9) : null,
      nafCode: data.nafCode ?? '25.62B',
      sectorFamily: 'industrie',
      headcountBand: data.headcountBand ?? '12',
      commune: data.commune ?? 'Vierzon',
    },
  });
}

/**
 * A closed alert raised at `raisedAt` by `capteurId` about `companyId`, numbered `n` (its reference,
 * its submission key under `keyPrefix`), with the company's contact and France Travail's: the
 * personal data retention and erasure remove. `more` adds to it (an outcome note, positions…).
 */
export async function makeClosedAlert(
  db: Db,
  alert: { n: number; keyPrefix: string; companyId: string; capteurId: string; raisedAt: Date },
  more: Partial<Prisma.RecruitmentAlertUncheckedCreateInput> = {},
) {
  return db.recruitmentAlert.create({
    data: {
      reference: `ALR-2024-${String(alert.n).padStart(4, '0')}`,
      submissionKey: `${alert.keyPrefix}-${alert.n}`,
      companyId: alert.companyId,
      capteurId: alert.capteurId,
      urgency: 'Deux départs en retraite.',
      contactName: 'Marie Dupont, RH',
      contactPhone: '02 48 00 00 01',
      contactEmail: 'marie.dupont@forges.fr',
      consentToName: true,
      state: 'cloturee',
      raisedAt: alert.raisedAt,
      deadlineAt: new Date(alert.raisedAt.getTime() + 48 * 3_600_000),
      offerContactName: 'Nadia Colin',
      offerContactEmail: 'nadia.colin@francetravail.fr',
      ...more,
    },
  });
}

/** A kept report's four files: both editions, as a PDF and as a spreadsheet. */
export type ReportFiles = Pick<Prisma.ReportCreateInput, 'internalPdf' | 'internalXlsx' | 'publicPdf' | 'publicXlsx'>;

/**
 * An annual report kept as an earlier run made it: version 1 of `year`, made at `generatedAt` from
 * `data`, with its files (`files`, or the same bytes for all four).
 */
export async function makeKeptReport(
  db: Db,
  report: { year: number; generatedAt: Date; data: Prisma.InputJsonValue },
  files: ReportFiles | ReportFiles['internalPdf'],
) {
  const all =
    files instanceof Uint8Array
      ? { internalPdf: files, internalXlsx: files, publicPdf: files, publicXlsx: files }
      : files;
  return db.report.create({ data: { ...report, version: 1, ...all } });
}

/**
 * A row of the SIRENE reference as the importer writes it: an active diffusible establishment in
 * Vierzon (18279), searchable by its name and commune; `more` changes any column.
 */
export function referenceRow(
  siret: string,
  displayName: string,
  more: Partial<Prisma.SireneEstablishmentCreateManyInput> = {},
): Prisma.SireneEstablishmentCreateManyInput {
  return {
    siret,
    siren: siret.slice(0, 9),
    displayName,
    searchText: searchKey(`${displayName} Vierzon`),
    nafCode: '25.62B',
    nafNomenclature: 'NAFRev2',
    headcountBand: '12',
    communeCode: '18279',
    communeName: 'Vierzon',
    postalCode: '18100',
    ...more,
  };
}
