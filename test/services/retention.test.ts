import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/services/db.js';
import type { Actor } from '../../src/services/permissions.js';
import { ANONYMISED_CONTACT, ERASED } from '../../src/services/privacy/erasure.js';
import { deleteDueExportFiles, recordExportFiles, type FileDeleter } from '../../src/services/privacy/export-files.js';
import { POSTED_MESSAGE_REFRESH, recordPosted } from '../../src/services/privacy/posted-messages.js';
import { anonymiseExpiredContacts, expireFreeTexts, RETENTION_DEFAULTS } from '../../src/services/privacy/retention.js';
import { onInstances } from '../support/database.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeClosedAlert, makeCompany, makeMember, makeStructure } from '../support/factories.js';
import { makeVisit } from '../support/visits.js';

/**
 * Retention that retains nothing beyond its period (issue 10 part 3), at the period's edge: the
 * alerts' contacts (24 months after raising) wherever they were copied, the free texts (36 months
 * after the company's last visit), the export files sent in Slack (7 days). Each removal once,
 * audited, safe with two instances (two clients on PostgreSQL; on PGlite, one process runs twice).
 */
const NOW = new Date('2026-11-20T02:00:00Z');
const { db } = withTestDatabase();
let capteur: Actor;

/** `run` by two app instances at once (see onInstances). */
const onTwoInstances = <T>(run: (prisma: Db) => Promise<T>) => onInstances(db, [run, run]);

/** A closed alert raised at `raisedAt`, its contacts copied in its outcome note, its position and its history. */
const alertRaisedAt = (companyId: string, raisedAt: Date, n: number) =>
  makeClosedAlert(
    db.prisma,
    { n, keyPrefix: 'retention', companyId, capteurId: capteur.memberId, raisedAt },
    {
      outcome: 'pourvue',
      outcomeNote: 'Pourvu, rappeler Marie Dupont au 02 48 00 00 01.',
      positions: {
        create: [
          { rank: 1, jobTitle: 'Soudeur pour Marie Dupont', count: 1, contractType: 'cdi', location: 'Atelier Dupont' },
        ],
      },
      transitions: { create: [{ to: 'cloturee', note: 'Marie Dupont a trouvé.' }] },
    },
  );

async function refreshesOwed(): Promise<string[]> {
  return (
    await db.prisma.outboxMessage.findMany({ where: { kind: POSTED_MESSAGE_REFRESH }, select: { dedupeKey: true } })
  ).map((m) => m.dedupeKey);
}

beforeAll(async () => {
  const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  capteur = await makeMember(db.prisma, 'URETCAPT', ['capteur'], cci.id);
});
beforeEach(async () => {
  await db.prisma.outboxMessage.deleteMany();
  await db.prisma.auditEvent.deleteMany();
});

describe('the contacts of an alert', () => {
  it('are removed the day their 24 months are over, with the notes that repeat them, and the messages that showed them rendered again — once, by one of two instances', async () => {
    const company = await makeCompany(db.prisma, { name: 'Forges Dupont' });
    const edge = new Date(NOW);
    edge.setUTCMonth(edge.getUTCMonth() - 24);
    const expired = await alertRaisedAt(company.id, new Date(edge.getTime() - 1), 1);
    const kept = await alertRaisedAt(company.id, edge, 2);
    await recordPosted(
      db.prisma,
      { channel: 'DCOORD', ts: '1.000001' },
      { kind: 'alert_page', data: { alertId: expired.id }, companyIds: [company.id], showsContacts: true },
    );
    await recordPosted(
      db.prisma,
      { channel: 'CCOMITE', ts: '1.000002' },
      { kind: 'agenda_item', data: { agendaItemId: 'x' }, companyIds: [company.id] },
    );

    const counts = await onTwoInstances((prisma) => anonymiseExpiredContacts(prisma, NOW, RETENTION_DEFAULTS));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await anonymiseExpiredContacts(db.prisma, NOW, RETENTION_DEFAULTS)).toBe(0);

    const after = await db.prisma.recruitmentAlert.findUniqueOrThrow({
      where: { id: expired.id },
      include: { transitions: true },
    });
    expect(after).toMatchObject({
      contactName: ANONYMISED_CONTACT,
      contactPhone: null,
      contactEmail: null,
      offerContactName: null,
      offerContactEmail: null,
      outcomeNote: null,
      anonymisedAt: NOW,
      state: 'cloturee',
    });
    expect(after.transitions.map((t) => t.note)).toEqual([null]);
    const untouched = await db.prisma.recruitmentAlert.findUniqueOrThrow({
      where: { id: kept.id },
      include: { transitions: true },
    });
    expect(untouched).toMatchObject({
      contactEmail: 'marie.dupont@forges.fr',
      outcomeNote: expect.stringContaining('Marie Dupont'),
      anonymisedAt: null,
    });
    expect(untouched.transitions.map((t) => t.note)).toEqual(['Marie Dupont a trouvé.']);
    // The page that showed the contact is owed its update; a message without contacts is not.
    const page = await db.prisma.postedMessage.findUniqueOrThrow({
      where: { channel_ts: { channel: 'DCOORD', ts: '1.000001' } },
    });
    expect(await refreshesOwed()).toEqual([`${POSTED_MESSAGE_REFRESH}:${page.id}:contacts:${NOW.toISOString()}`]);
    expect(await db.prisma.auditEvent.count({ where: { action: 'privacy.retention' } })).toBe(1);
  });
});

describe('free texts', () => {
  it('are removed once 36 months have passed since the company’s last visit, the day they are over; a company visited since keeps its history', async () => {
    const old = await makeCompany(db.prisma, { name: 'Scierie Ancienne' });
    await makeVisit(db.prisma, capteur, old.id, {
      date: '2023-11-19',
      diagnostic: 'M. Petit veut vendre.',
      hiringNeeds: [{ jobFamily: 'Soudeur pour M. Petit', count: 2 }],
    });
    const edge = await makeCompany(db.prisma, { name: 'Scierie du Bord' });
    await makeVisit(db.prisma, capteur, edge.id, { date: '2023-11-20', diagnostic: 'M. Bord veut vendre.' });
    const visitedAgain = await makeCompany(db.prisma, { name: 'Scierie Revue' });
    await makeVisit(db.prisma, capteur, visitedAgain.id, {
      date: '2022-06-01',
      diagnostic: 'Première visite : M. Revu.',
    });
    await makeVisit(db.prisma, capteur, visitedAgain.id, { date: '2025-02-01', diagnostic: 'Seconde visite.' });
    await db.prisma.action.create({
      data: {
        submissionKey: 'retention-action',
        title: 'Accompagner M. Petit',
        description: 'Chez lui',
        statusNote: 'Fait avec M. Petit',
        target: 'entreprise',
        companyId: old.id,
        ownerStructureId: capteur.structureId!,
        dueDate: new Date('2024-01-10'),
        status: 'realisee',
        origin: 'ad_hoc',
        createdById: capteur.memberId,
        updates: { create: [{ actorId: capteur.memberId, kind: 'note', note: 'Appel de M. Petit' }] },
      },
    });
    await recordPosted(
      db.prisma,
      { channel: 'DCAPT', ts: '2.000001' },
      { kind: 'visit_confirmation', data: {}, companyIds: [old.id] },
    );

    const counts = await onTwoInstances((prisma) => expireFreeTexts(prisma, NOW, RETENTION_DEFAULTS));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await expireFreeTexts(db.prisma, NOW, RETENTION_DEFAULTS)).toBe(0);

    const texts = async (companyId: string) =>
      (
        await db.prisma.visit.findMany({
          where: { companyId },
          orderBy: { visitDate: 'asc' },
          select: { needs: true, diagnostic: true },
        })
      ).map((v) => v.diagnostic);
    expect(await texts(old.id)).toEqual([ERASED]);
    expect(await texts(edge.id)).toEqual([ERASED]);
    expect(await texts(visitedAgain.id)).toEqual(['Première visite : M. Revu.', 'Seconde visite.']);
    // The job family typed becomes its family in the reference list: reports count it the same.
    const need = await db.prisma.visitHiringNeed.findFirstOrThrow({ where: { visit: { companyId: old.id } } });
    expect(need.jobFamily).not.toContain('Petit');
    expect(need.count).toBe(2);
    const action = await db.prisma.action.findFirstOrThrow({
      where: { companyId: old.id },
      include: { updates: true },
    });
    expect(action).toMatchObject({
      title: `Action ${ERASED}`,
      description: null,
      statusNote: null,
      status: 'realisee',
    });
    expect(action.updates.map((u) => u.note)).toEqual([null]);
    expect((await db.prisma.company.findUniqueOrThrow({ where: { id: old.id } })).textsExpiredAt).toEqual(NOW);
    expect(await refreshesOwed()).toHaveLength(1);
    expect(
      await db.prisma.auditEvent.findMany({
        where: { action: 'privacy.free_text_retention' },
        select: { details: true },
      }),
    ).toEqual([{ details: { companies: 2, freeTextMonths: 36, messages: 1 } }]);

    // A day later: the company visited in 2023-11-21 is not yet due, one visited again later is kept.
    const nextDay = new Date(NOW.getTime() + 86_400_000);
    const later = await makeCompany(db.prisma, { name: 'Scierie Tardive' });
    await makeVisit(db.prisma, capteur, later.id, { date: '2023-11-21', diagnostic: 'À garder un jour de plus.' });
    expect(await expireFreeTexts(db.prisma, NOW, RETENTION_DEFAULTS)).toBe(0);
    expect(await expireFreeTexts(db.prisma, nextDay, RETENTION_DEFAULTS)).toBe(1);
    expect(await texts(later.id)).toEqual([ERASED]);
  });

  it('are removed again when a company whose texts expired is visited later and that visit’s period ends in turn', async () => {
    const company = await makeCompany(db.prisma, { name: 'Menuiserie Cyclique' });
    await makeVisit(db.prisma, capteur, company.id, { date: '2020-01-10', diagnostic: 'Vieux texte.' });
    expect(
      await expireFreeTexts(db.prisma, new Date('2023-06-01T02:00:00Z'), RETENTION_DEFAULTS),
    ).toBeGreaterThanOrEqual(1);
    await makeVisit(db.prisma, capteur, company.id, { date: '2023-06-05', diagnostic: 'Nouveau texte.' });
    expect(await expireFreeTexts(db.prisma, new Date('2026-06-04T02:00:00Z'), RETENTION_DEFAULTS)).toBe(0);
    expect(await expireFreeTexts(db.prisma, new Date('2026-06-05T02:00:00Z'), RETENTION_DEFAULTS)).toBe(1);
    expect((await db.prisma.visit.findMany({ where: { companyId: company.id } })).map((v) => v.diagnostic)).toEqual([
      ERASED,
      ERASED,
    ]);
  });
});

describe('export files sent in Slack', () => {
  /** Slack's files as files.delete sees them: a file it does not have answers file_not_found; fails on demand. */
  function slackFiles(have: string[], fail: Record<string, string> = {}): FileDeleter & { deleted: string[] } {
    const files = new Set(have);
    const deleted: string[] = [];
    const refuse = (error: string) =>
      Object.assign(new Error(`An API error occurred: ${error}`), { data: { ok: false, error } });
    return {
      deleted,
      files: {
        async delete({ file }) {
          if (fail[file]) throw refuse(fail[file]!);
          if (!files.delete(file)) throw refuse('file_not_found');
          deleted.push(file);
          return { ok: true };
        },
      },
    };
  }

  it('are deleted the day their 7 days are over, once across two instances; Slack down keeps them due; a file already gone counts as deleted', async () => {
    const company = await makeCompany(db.prisma, { name: 'Fonderie Export' });
    const sentAt = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
    await recordExportFiles(
      db.prisma,
      { fileIds: ['FDUE'], kind: 'export_periode', slackUserId: 'UCOORD', companyIds: [company.id] },
      sentAt(7),
      7,
    );
    await recordExportFiles(
      db.prisma,
      { fileIds: ['FNOTYET'], kind: 'export_periode', slackUserId: 'UCOORD', companyIds: [company.id] },
      new Date(sentAt(7).getTime() + 60_000),
      7,
    );
    await recordExportFiles(
      db.prisma,
      { fileIds: ['FDOWN', 'FGONE'], kind: 'export_rgpd', slackUserId: 'UCOORD', companyIds: [company.id] },
      sentAt(30),
      7,
    );

    // FGONE was deleted by hand in Slack; Slack fails on FDOWN tonight.
    const slack = slackFiles(['FDUE', 'FNOTYET', 'FDOWN'], { FDOWN: 'internal_error' });
    const counts = await onTwoInstances((prisma) => deleteDueExportFiles(prisma, slack, NOW));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(slack.deleted).toEqual(['FDUE']);
    const state = async () =>
      Object.fromEntries((await db.prisma.exportFile.findMany()).map((f) => [f.fileId, f.deletedAt !== null]));
    expect(await state()).toEqual({ FDUE: true, FNOTYET: false, FDOWN: false, FGONE: true });

    // The next night, Slack answers: the file left over goes, nothing is deleted twice.
    const again = slackFiles(['FNOTYET', 'FDOWN']);
    expect(await deleteDueExportFiles(db.prisma, again, NOW)).toBe(1);
    expect(again.deleted).toEqual(['FDOWN']);
    expect(await deleteDueExportFiles(db.prisma, again, NOW)).toBe(0);
    expect(await state()).toEqual({ FDUE: true, FNOTYET: false, FDOWN: true, FGONE: true });
  });
});
