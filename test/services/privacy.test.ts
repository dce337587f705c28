import ExcelJS from 'exceljs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportCompanyData } from '../../src/services/privacy/access.js';
import { ERASED, eraseCompanyData } from '../../src/services/privacy/erasure.js';
import { planCommittee, refreshAgenda } from '../../src/services/committees/committees.js';
import { anonymiseExpiredContacts } from '../../src/services/privacy/retention.js';
import { annualData } from '../../src/services/reports/annual-data.js';
import type { Actor } from '../../src/services/permissions.js';
import { withTestDatabase } from '../support/file-database.js';
import {
  makeClosedAlert,
  makeCompany,
  makeKeptReport,
  makeMember,
  makeStructure,
  SIRETS,
} from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

const { db } = withTestDatabase();
let coordinator: Actor;
let admin: Actor;
let capteur: Actor;
let companyId: string;

const alertOn = (company: string, raisedAt: string, n: number) =>
  makeClosedAlert(db.prisma, {
    n,
    keyPrefix: 'privacy',
    companyId: company,
    capteurId: capteur.memberId,
    raisedAt: new Date(raisedAt),
  });

beforeAll(async () => {
  const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  coordinator = await makeMember(db.prisma, 'UPRIVCOORD', ['coordinateur']);
  admin = await makeMember(db.prisma, 'UPRIVADMIN', ['admin']);
  capteur = await makeMember(db.prisma, 'UPRIVCAPT', ['capteur'], cci.id);
});
// Each test starts from the Forges and their visit, neither erased nor with an alert, whatever
// ran before it: the company is made again, since a test erases it.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  companyId = (await makeCompany(db.prisma, { name: 'Forges de Vierzon', siret: SIRETS.mecanique })).id;
  await makeVisit(db.prisma, capteur, companyId, {
    date: '2026-03-10',
    diagnostic: 'Le dirigeant, M. Martin, souhaite céder.',
    stakes: [{ stake: 'transmission_reprise', priority: 'haute' }],
  });
});

/** Two alerts on the Forges with their contacts: one raised in September 2024, one in December 2025. */
async function raiseAnOldAndARecentAlert() {
  const old = await alertOn(companyId, '2024-09-01T08:00:00Z', 1);
  const recent = await alertOn(companyId, '2025-12-01T08:00:00Z', 2);
  return { old, recent };
}

describe('the retention of personal data', () => {
  it('removes the contacts of alerts raised before the period, once, and keeps the others', async () => {
    const { old, recent } = await raiseAnOldAndARecentAlert();
    const now = new Date('2026-11-27T03:00:00Z');
    expect(await anonymiseExpiredContacts(db.prisma, now, { retentionMonths: 24 })).toBe(1);
    expect(await anonymiseExpiredContacts(db.prisma, now, { retentionMonths: 24 })).toBe(0);
    expect(await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      contactName: 'Contact anonymisé',
      contactPhone: null,
      contactEmail: null,
      offerContactName: null,
      offerContactEmail: null,
      anonymisedAt: now,
      // What is counted stays.
      reference: 'ALR-2024-0001',
      state: 'cloturee',
    });
    expect(await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({
      contactEmail: 'marie.dupont@forges.fr',
      anonymisedAt: null,
    });
    expect(await db.prisma.auditEvent.count({ where: { action: 'privacy.retention' } })).toBe(1);
  });
});

describe('a company’s data', () => {
  it('are exported for its right of access, by the coordination only, audited', async () => {
    await raiseAnOldAndARecentAlert(); // the « Alertes » sheet: a header and these two
    await expect(exportCompanyData(db.prisma, capteur, companyId)).rejects.toMatchObject({ code: 'export_forbidden' });
    const { file, filename } = await exportCompanyData(db.prisma, coordinator, companyId);
    expect(filename).toBe(`donnees-${SIRETS.mecanique}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Entreprise', 'Visites', 'Actions', 'Alertes', 'Comités']);
    expect(book.getWorksheet('Visites')!.getRow(2).values).toContain('Le dirigeant, M. Martin, souhaite céder.');
    expect(book.getWorksheet('Alertes')!.rowCount).toBe(3);
    expect(await db.prisma.auditEvent.count({ where: { action: 'privacy.company_export', entityId: companyId } })).toBe(
      1,
    );
  });

  it('are erased on request by an administrator: identity and texts gone, what is counted kept', async () => {
    await raiseAnOldAndARecentAlert(); // their contacts and texts are erased with the company's
    await expect(eraseCompanyData(db.prisma, coordinator, companyId, new Date())).rejects.toMatchObject({
      code: 'erase_forbidden',
    });
    const before = await annualData(db.prisma, 2026, 'Europe/Paris');
    const now = new Date('2026-11-27T10:00:00Z');
    await eraseCompanyData(db.prisma, admin, companyId, now);
    await eraseCompanyData(db.prisma, admin, companyId, now); // twice: nothing more
    const company = await db.prisma.company.findUniqueOrThrow({
      where: { id: companyId },
      include: { visits: true, alerts: true },
    });
    expect(company).toMatchObject({
      name: 'Entreprise effacée (2026-11-27)',
      siret: null,
      siren: null,
      postalCode: null,
      erasedAt: now,
      commune: 'Vierzon',
      nafCode: '25.62B',
    });
    expect(company.visits.map((v) => [v.needs, v.diagnostic])).toEqual([[ERASED, ERASED]]);
    expect(
      company.alerts.every((a) => a.contactEmail === null && a.urgency === ERASED && a.anonymisedAt !== null),
    ).toBe(true);
    const after = await annualData(db.prisma, 2026, 'Europe/Paris');
    expect(after.activity.visits).toBe(before.activity.visits);
    expect(after.stakes).toEqual(before.stakes);
    expect(await db.prisma.auditEvent.count({ where: { action: 'privacy.company_erase', entityId: companyId } })).toBe(
      1,
    );
  });

  it('take an erased company off the agendas not yet published, and it is not drafted again', async () => {
    const company = (await makeCompany(db.prisma, { name: 'Tonnellerie Rouge', siret: SIRETS.other })).id;
    await makeVisit(db.prisma, capteur, company, {
      date: '2026-11-02',
      toCommitteeAgenda: true,
      redFlags: ['emplois_menaces'],
    });
    const session = await planCommittee(
      db.prisma,
      coordinator,
      { scheduledAt: new Date('2026-12-15T13:00:00Z'), channelId: 'CCOMITE' },
      new Date('2026-11-27T10:00:00Z'),
    );
    expect(await db.prisma.agendaItem.count({ where: { committeeId: session.id, companyId: company } })).toBe(1);
    await eraseCompanyData(db.prisma, admin, company, new Date('2026-11-28T10:00:00Z'));
    expect(await db.prisma.agendaItem.count({ where: { committeeId: session.id, companyId: company } })).toBe(0);
    await db.prisma.$transaction((tx) => refreshAgenda(tx, session.id));
    expect(await db.prisma.agendaItem.count({ where: { committeeId: session.id, companyId: company } })).toBe(0);
  });

  it('rebuild in place a kept report an earlier version made that printed one of its typed job titles', async () => {
    const company = (await makeCompany(db.prisma, { name: 'Chaudronnerie Lebon' })).id;
    await makeVisit(db.prisma, capteur, company, {
      date: '2025-05-12',
      hiringNeeds: [{ jobFamily: 'Chaudronnier pour M. Lebon', count: 2 }],
    });
    // As an earlier version kept it: the typed title in its data (and so in its files).
    const legacy = await makeKeptReport(
      db.prisma,
      {
        year: 2025,
        generatedAt: new Date('2026-01-05T09:20:00Z'),
        data: { hiringNeeds: [{ label: 'Chaudronnier pour M. Lebon', count: 2 }] },
      },
      new Uint8Array([1]),
    );
    const other = await makeKeptReport(
      db.prisma,
      {
        year: 2024,
        generatedAt: new Date('2025-01-06T09:20:00Z'),
        data: { hiringNeeds: [{ label: 'Soudage', count: 3 }] },
      },
      new Uint8Array([2]),
    );
    const result = await eraseCompanyData(db.prisma, admin, company, new Date('2026-11-28T10:00:00Z'));
    expect(result?.reports).toBe(1);
    const rebuilt = await db.prisma.report.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(JSON.stringify(rebuilt.data)).not.toContain('Lebon');
    expect(rebuilt).toMatchObject({ year: 2025, version: 1 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(rebuilt.publicXlsx) as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(0);
    expect(Buffer.from(rebuilt.publicPdf).subarray(0, 4).toString()).toBe('%PDF');
    expect((await db.prisma.report.findUniqueOrThrow({ where: { id: other.id } })).publicPdf).toEqual(
      new Uint8Array([2]),
    );
    expect(
      await db.prisma.auditEvent.count({ where: { action: 'report.rebuilt_after_erasure', entityId: legacy.id } }),
    ).toBe(1);
  });
});
