import { beforeAll, describe, expect, it } from 'vitest';
import { WorkingDays } from '../../src/working-days.js';
import { oweActionDigests } from '../../src/services/actions/digest.js';
import { localTime } from '../../src/time.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';

const DAY = '2026-11-27';
const { db, other } = withTestDatabase({ anotherInstance: true });

beforeAll(async () => {
  const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  const busy = await makeMember(db.prisma, 'UDIGBUSY', ['comite'], cci.id);
  const calm = await makeMember(db.prisma, 'UDIGCALM', ['comite'], cci.id);
  const done = await makeMember(db.prisma, 'UDIGDONE', ['comite'], cci.id);
  const companyId = (await makeCompany(db.prisma, { name: 'Forges de Vierzon' })).id;
  const action = (key: string, ownerMemberId: string, due: string, status: 'a_faire' | 'realisee' = 'a_faire') =>
    db.prisma.action.create({
      data: {
        submissionKey: key,
        title: key,
        target: 'entreprise',
        companyId,
        ownerStructureId: cci.id,
        ownerMemberId,
        dueDate: new Date(`${due}T00:00:00Z`),
        status,
        origin: 'ad_hoc',
        createdById: busy.memberId,
      },
    });
  await action('overdue', busy.memberId, '2026-11-20');
  await action('soon', busy.memberId, '2026-11-30');
  await action('later', calm.memberId, '2027-03-01');
  await action('finished', done.memberId, '2026-11-01', 'realisee');
});

describe('the morning digest of actions', () => {
  it('is owed once per person per day to those with an action overdue or due soon, however many instances run it', async () => {
    const runs = await Promise.all([
      oweActionDigests(db.prisma, DAY, { horizonDays: 3 }),
      oweActionDigests(other, DAY, { horizonDays: 3 }),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await oweActionDigests(db.prisma, DAY, { horizonDays: 3 })).toBe(0);
    const owed = await db.prisma.outboxMessage.findMany({
      where: { kind: 'action_digest' },
      select: { recipient: true, dedupeKey: true },
    });
    expect(owed).toEqual([{ recipient: 'UDIGBUSY', dedupeKey: `action_digest:UDIGBUSY:${DAY}` }]);
    // The next day is another digest.
    expect(await oweActionDigests(db.prisma, '2026-11-30', { horizonDays: 3 })).toBe(1);
  });

  it('runs on working days at 8:30 Paris time, on both sides of a daylight-saving change', () => {
    const paris = new WorkingDays('FR', 'Europe/Paris');
    expect(paris.isWorkingDay(new Date('2026-11-27T07:30:00Z'))).toBe(true); // Friday
    expect(paris.isWorkingDay(new Date('2026-11-28T07:30:00Z'))).toBe(false); // Saturday
    // Sunday 23:30 UTC is already Monday in Paris.
    expect(paris.isWorkingDay(new Date('2026-11-29T23:30:00Z'))).toBe(true);
    expect(localTime(new Date('2026-03-27T07:30:00Z'), 'Europe/Paris')).toBe('08:30'); // UTC+1
    expect(localTime(new Date('2026-03-30T06:30:00Z'), 'Europe/Paris')).toBe('08:30'); // UTC+2
    expect(localTime(new Date('2026-10-26T07:30:00Z'), 'Europe/Paris')).toBe('08:30'); // back to UTC+1
  });

  it('skips the public holidays of the platform’s region', () => {
    const paris = new WorkingDays('FR', 'Europe/Paris');
    // Friday 25 December, Monday of Easter and of Pentecost 2027, Thursday of the Ascension, 11 November.
    for (const day of ['2026-12-25', '2027-03-29', '2027-05-17', '2027-05-06', '2026-11-11']) {
      expect(paris.isWorkingDay(new Date(`${day}T07:30:00Z`)), day).toBe(false);
    }
    expect(paris.isWorkingDay(new Date('2026-12-24T07:30:00Z'))).toBe(true);
    // Alsace-Moselle: Good Friday and 26 December (a Monday in 2022) are off too.
    const moselle = new WorkingDays('FR-57', 'Europe/Paris');
    expect(paris.isWorkingDay(new Date('2027-03-26T07:30:00Z'))).toBe(true);
    expect(moselle.isWorkingDay(new Date('2027-03-26T07:30:00Z'))).toBe(false);
    expect(moselle.isWorkingDay(new Date('2022-12-26T07:30:00Z'))).toBe(false);
    // La Réunion, in its own time zone: 20 December, the abolition of slavery (a Monday in 2027).
    const reunion = new WorkingDays('FR-RE', 'Indian/Reunion');
    expect(reunion.isWorkingDay(new Date('2027-12-20T05:00:00Z'))).toBe(false);
    expect(paris.isWorkingDay(new Date('2027-12-20T07:30:00Z'))).toBe(true);
    // 24 December 21:30 in Paris is already the 25th on La Réunion (UTC+4).
    expect(reunion.isWorkingDay(new Date('2026-12-24T21:30:00Z'))).toBe(false);
  });
});
