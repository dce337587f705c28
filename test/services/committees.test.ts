import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  oweCommitteeReminders,
  planCommittee,
  publishAgenda,
  publishDueAgendas,
  rescheduleCommittee,
} from '../../src/services/committees/committees.js';
import { UserError } from '../../src/services/errors.js';
import type { Actor } from '../../src/services/permissions.js';
import { WorkingDays } from '../../src/working-days.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

const NOW = new Date('2026-11-27T09:00:00Z');
const SESSION = new Date('2026-12-08T13:00:00Z'); // Tuesday 8 December, 14:00 in Paris
const { db, other } = withTestDatabase({ anotherInstance: true });
let coordinator: Actor;
let capteurA: Actor;
let capteurB: Actor;
let committeeMember: Actor;
const companies: Record<string, string> = {};

beforeAll(async () => {
  const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  const cma = await makeStructure(db.prisma, 'CMA du Cher', 'cma');
  coordinator = await makeMember(db.prisma, 'UCOMCOORD', ['coordinateur']);
  capteurA = await makeMember(db.prisma, 'UCOMCAPTA', ['capteur', 'comite'], cci.id);
  capteurB = await makeMember(db.prisma, 'UCOMCAPTB', ['capteur', 'comite'], cma.id);
  committeeMember = await makeMember(db.prisma, 'UCOMMEMBER', ['comite'], cci.id);
  for (const name of ['Forges de Vierzon', 'Porcelaines de Foëcy', 'Aéro Composites', 'Menuiserie Périchon'])
    companies[name] = (await makeCompany(db.prisma, { name })).id;
});
// Each test starts from the members, the companies and their visits, with no session, nothing
// owed: the sessions it reads are the ones it plans, whatever ran before it.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole', 'Company'] });
  // Two visits of the same company marked for the committee, one with a red flag elsewhere,
  // one not marked, one marked but after the session.
  await makeVisit(db.prisma, capteurA, companies['Forges de Vierzon']!, {
    date: '2026-11-02',
    toCommitteeAgenda: true,
  });
  await makeVisit(db.prisma, capteurB, companies['Forges de Vierzon']!, {
    date: '2026-11-20',
    toCommitteeAgenda: true,
  });
  await makeVisit(db.prisma, capteurB, companies['Porcelaines de Foëcy']!, {
    date: '2026-11-15',
    toCommitteeAgenda: true,
    redFlags: ['emplois_menaces'],
  });
  await makeVisit(db.prisma, capteurA, companies['Aéro Composites']!, { date: '2026-11-10' });
});

/** The session of 8 December, planned by the coordination on 27 November: its agenda drafted, not published. */
function planDecemberSession() {
  return planCommittee(db.prisma, coordinator, { scheduledAt: SESSION, channelId: 'CCOMITE' }, NOW);
}

describe('committee sessions', () => {
  it('are planned by the coordination only, in the future', async () => {
    await expect(
      planCommittee(db.prisma, committeeMember, { scheduledAt: SESSION, channelId: 'CCOMITE' }, NOW),
    ).rejects.toThrow(UserError);
    await expect(
      planCommittee(
        db.prisma,
        coordinator,
        { scheduledAt: new Date('2026-11-01T13:00:00Z'), channelId: 'CCOMITE' },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'committee_in_past' });
  });

  it('draft their agenda from the visits marked for the committee: one item per company, red flags first, brought by the latest capteur', async () => {
    const committee = await planDecemberSession();
    const items = await db.prisma.agendaItem.findMany({
      where: { committeeId: committee.id },
      orderBy: { rank: 'asc' },
      include: { visits: true },
    });
    expect(items.map((i) => [i.rank, i.companyId, i.visits.length])).toEqual([
      [1, companies['Porcelaines de Foëcy'], 1],
      [2, companies['Forges de Vierzon'], 2],
    ]);
    expect(items[1]!.broughtById).toBe(capteurB.memberId);
  });

  it('publish their agenda once — by hand, by the J-7 job, from two instances at once — with a header and one message per company', async () => {
    const committee = await planDecemberSession();
    // A visit marked after planning joins the agenda when it is published.
    await makeVisit(db.prisma, capteurA, companies['Menuiserie Périchon']!, {
      date: '2026-11-26',
      toCommitteeAgenda: true,
    });
    expect(
      await publishDueAgendas(db.prisma, NOW, { agendaDaysBefore: 7, reminderDaysBefore: 2, timeZone: 'Europe/Paris' }),
    ).toBe(0); // J-11: not yet
    const atJ7 = new Date(SESSION.getTime() - 7 * 86_400_000);
    const runs = await Promise.all([
      publishDueAgendas(db.prisma, atJ7, { agendaDaysBefore: 7, reminderDaysBefore: 2, timeZone: 'Europe/Paris' }),
      publishDueAgendas(other, atJ7, {
        agendaDaysBefore: 7,
        reminderDaysBefore: 2,
        timeZone: 'Europe/Paris',
      }),
      publishAgenda(db.prisma, coordinator, committee.id, atJ7).then((r) => (r.published ? 1 : 0)),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await db.prisma.committee.findUniqueOrThrow({ where: { id: committee.id } })).toMatchObject({
      status: 'agenda_published',
      agendaPublishedAt: atJ7,
    });
    const owed = await db.prisma.outboxMessage.findMany({ where: { recipient: 'CCOMITE' }, select: { kind: true } });
    expect(owed.map((o) => o.kind).sort()).toEqual(['agenda_item', 'agenda_item', 'agenda_item', 'committee_agenda']);
    // J-2: every committee member is reminded, once, whatever the instances; not before, not after.
    const settings = { agendaDaysBefore: 7, reminderDaysBefore: 2, timeZone: 'Europe/Paris' };
    expect(await oweCommitteeReminders(db.prisma, new Date(SESSION.getTime() - 3 * 86_400_000), settings)).toBe(0);
    const atJ2 = new Date(SESSION.getTime() - 2 * 86_400_000);
    const reminded = await Promise.all([
      oweCommitteeReminders(db.prisma, atJ2, settings),
      oweCommitteeReminders(other, atJ2, settings),
    ]);
    expect(reminded.reduce((a, b) => a + b, 0)).toBe(3); // capteurA, capteurB, committeeMember hold the comite role
    expect(await oweCommitteeReminders(db.prisma, new Date(atJ2.getTime() + 3_600_000), settings)).toBe(0);
    expect(await oweCommitteeReminders(db.prisma, new Date(SESSION.getTime() + 3_600_000), settings)).toBe(0);
    const recipients = await db.prisma.outboxMessage.findMany({
      where: { kind: 'committee_reminder' },
      select: { recipient: true },
    });
    expect(recipients.map((r) => r.recipient).sort()).toEqual(['UCOMCAPTA', 'UCOMCAPTB', 'UCOMMEMBER']);

    // Another session does not take the same visits again.
    const next = await planCommittee(
      db.prisma,
      coordinator,
      { scheduledAt: new Date('2027-01-12T13:00:00Z'), channelId: 'CCOMITE' },
      NOW,
    );
    expect(await db.prisma.agendaItem.count({ where: { committeeId: next.id } })).toBe(0);
  });
});

describe('committee preparation across a daylight-saving change', () => {
  it('publishes at J-7 at the session’s local time, not 7 × 24 hours before', async () => {
    // Thursday 1 April 2027, 14:00 in Paris (summer time, UTC+2); J-7 is Thursday 25 March,
    // 14:00 in Paris (winter time, UTC+1) = 13:00 UTC, where 7 × 24 h would say 12:00 UTC.
    const session = await planCommittee(
      db.prisma,
      coordinator,
      { scheduledAt: new Date('2027-04-01T12:00:00Z'), channelId: 'CDST' },
      NOW,
    );
    const settings = { agendaDaysBefore: 7, reminderDaysBefore: 2, timeZone: 'Europe/Paris' };
    const status = async () => (await db.prisma.committee.findUniqueOrThrow({ where: { id: session.id } })).status;
    await publishDueAgendas(db.prisma, new Date('2027-03-25T12:30:00Z'), settings);
    expect(await status()).toBe('planned');
    await publishDueAgendas(db.prisma, new Date('2027-03-25T13:00:00Z'), settings);
    expect(await status()).toBe('agenda_published');
  });
});

describe('a session on a public holiday or a weekend day', () => {
  const calendar = new WorkingDays('FR', 'Europe/Paris');
  const ARMISTICE = new Date('2026-11-11T13:00:00Z'); // Wednesday 11 November, 14:00 in Paris
  const SUNDAY = new Date('2026-12-13T09:00:00Z');
  // Saturday 12 December at 00:30 in Paris, still Friday 11 December in UTC: the day is Paris's.
  const SATURDAY_EARLY = new Date('2026-12-11T23:30:00Z');
  const offDayOf = (fn: () => Promise<unknown>) =>
    fn().then(
      () => null,
      (e: unknown) => (e instanceof UserError ? { code: e.code, field: e.field, params: e.params } : e),
    );

  it('is planned only once that very day is confirmed, and the refusal names the day', async () => {
    const now = new Date('2026-11-02T09:00:00Z');
    const plan = (scheduledAt: Date, confirmedOffDay?: string) =>
      planCommittee(db.prisma, coordinator, { scheduledAt, channelId: 'CCOMITE', confirmedOffDay }, now, calendar);

    expect(await offDayOf(() => plan(ARMISTICE))).toEqual({
      code: 'committee_off_day',
      field: 'scheduledAt',
      params: { date: '2026-11-11', weekday: '3', holiday: 'Armistice 1918' },
    });
    expect(await offDayOf(() => plan(SUNDAY))).toEqual({
      code: 'committee_off_day',
      field: 'scheduledAt',
      params: { date: '2026-12-13', weekday: '0' },
    });
    expect(await offDayOf(() => plan(SATURDAY_EARLY))).toMatchObject({ params: { date: '2026-12-12', weekday: '6' } });
    // Another day confirmed does not confirm this one.
    expect(await offDayOf(() => plan(ARMISTICE, '2026-12-13'))).toMatchObject({ code: 'committee_off_day' });
    expect(await db.prisma.committee.count()).toBe(0);

    const planned = await plan(ARMISTICE, '2026-11-11');
    expect(planned.scheduledAt).toEqual(ARMISTICE);
    // A working day asks nothing.
    expect((await plan(SESSION)).scheduledAt).toEqual(SESSION);
    expect(await db.prisma.committee.count()).toBe(2);
  });

  it('is moved there only once that very day is confirmed', async () => {
    const now = new Date('2026-11-02T09:00:00Z');
    const session = await planCommittee(
      db.prisma,
      coordinator,
      { scheduledAt: SESSION, channelId: 'CCOMITE' },
      now,
      calendar,
    );
    const move = (scheduledAt: Date, confirmedOffDay?: string) =>
      rescheduleCommittee(
        db.prisma,
        coordinator,
        session.id,
        { scheduledAt, channelId: 'CCOMITE', confirmedOffDay },
        now,
        calendar,
      );
    expect(await offDayOf(() => move(SUNDAY))).toMatchObject({ code: 'committee_off_day', field: 'scheduledAt' });
    expect((await db.prisma.committee.findUniqueOrThrow({ where: { id: session.id } })).scheduledAt).toEqual(SESSION);
    expect((await move(SUNDAY, '2026-12-13')).scheduledAt).toEqual(SUNDAY);
    // Kept on that Sunday, only its channel changing: not asked again.
    const rechannelled = await rescheduleCommittee(
      db.prisma,
      coordinator,
      session.id,
      { scheduledAt: SUNDAY, channelId: 'CAUTRE' },
      now,
      calendar,
    );
    expect(rechannelled).toMatchObject({ scheduledAt: SUNDAY, channelId: 'CAUTRE' });
  });

  it('names the holidays of the platform’s region (Alsace-Moselle: 26 December)', () => {
    const moselle = new WorkingDays('FR-57', 'Europe/Paris');
    const boxingDay = new Date('2025-12-26T13:00:00Z'); // a Friday
    expect(calendar.offDay(boxingDay)).toBeNull();
    expect(moselle.offDay(boxingDay)).toEqual({ date: '2025-12-26', weekday: 5, holiday: expect.any(String) });
    expect(moselle.offDay(boxingDay)!.holiday!.length).toBeGreaterThan(0);
  });
});
