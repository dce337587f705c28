import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';

/**
 * The data migration that locates the messages posted before messages were located: an upgraded
 * platform can then update them at an erasure or when a retention period ends. Its SQL is run
 * again here on rows written as the previous version wrote them (it is idempotent).
 */
const SQL = readFileSync('prisma/migrations/20261203170000_locate_posted_messages/migration.sql', 'utf8');
const { db } = withTestDatabase();

describe('locating the messages posted before this version', () => {
  it('locates alert pages (showing contacts), action messages and agenda items with their company, once', async () => {
    const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
    const capteur = await makeMember(db.prisma, 'ULOCCAPT', ['capteur'], cci.id);
    const company = await makeCompany(db.prisma, { name: 'Forges Anciennes' });
    const alert = await db.prisma.recruitmentAlert.create({
      data: {
        reference: 'ALR-2025-0001',
        submissionKey: 'loc-1',
        companyId: company.id,
        capteurId: capteur.memberId,
        urgency: 'u',
        contactName: 'c',
        consentToName: true,
        deadlineAt: new Date(),
      },
    });
    await db.prisma.alertMessage.createMany({
      data: [
        { alertId: alert.id, kind: 'alert_page', recipient: 'UCOORD', channel: 'DCOORD', ts: '1.1' },
        // Owed, never posted: nothing to locate.
        { alertId: alert.id, kind: 'alert_ft_request', recipient: 'UFT', channel: null, ts: null },
      ],
    });
    const action = await db.prisma.action.create({
      data: {
        submissionKey: 'loc-a',
        title: 'POE',
        target: 'salaries',
        companyId: company.id,
        ownerStructureId: cci.id,
        dueDate: new Date('2026-01-01'),
        origin: 'ad_hoc',
        createdById: capteur.memberId,
        channelId: 'CCOMITE',
        messageTs: '2.2',
      },
    });
    const committee = await db.prisma.committee.create({
      data: { scheduledAt: new Date('2025-05-01'), channelId: 'CCOMITE', status: 'closed' },
    });
    const item = await db.prisma.agendaItem.create({
      data: { committeeId: committee.id, companyId: company.id, rank: 1, channelId: 'CCOMITE', messageTs: '3.3' },
    });

    await db.exec(SQL);
    await db.exec(SQL);
    const located = await db.prisma.postedMessage.findMany({ orderBy: { ts: 'asc' }, include: { companies: true } });
    expect(
      located.map((m) => [m.channel, m.ts, m.kind, m.data, m.showsContacts, m.companies.map((c) => c.companyId)]),
    ).toEqual([
      ['DCOORD', '1.1', 'alert_page', { alertId: alert.id }, true, [company.id]],
      ['CCOMITE', '2.2', 'action_message', { actionId: action.id }, false, [company.id]],
      ['CCOMITE', '3.3', 'agenda_item', { agendaItemId: item.id }, false, [company.id]],
    ]);
  });
});
