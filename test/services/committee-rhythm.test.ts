import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cancelCommittee, planCommittee } from '../../src/services/committees/committees.js';
import {
  describeRhythm,
  nextOccurrence,
  occurrenceInMonth,
  parseRhythm,
  proposeNextSession,
  type CommitteeRhythm,
} from '../../src/services/committees/rhythm.js';
import type { Actor } from '../../src/services/permissions.js';
import { localInstant } from '../../src/time.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

const SECOND_TUESDAY: CommitteeRhythm = { ordinal: 2, weekday: 2, time: '14:00' };
const PARIS = 'Europe/Paris';

describe('the committee rhythm', () => {
  it('reads « 2e mardi 14:00 » and its variants, and nothing else', () => {
    expect(parseRhythm('2e mardi 14:00')).toEqual(SECOND_TUESDAY);
    expect(parseRhythm('  2ème  Mardi 14h00 ')).toEqual(SECOND_TUESDAY);
    expect(parseRhythm('1er lundi 9h30')).toEqual({ ordinal: 1, weekday: 1, time: '09:30' });
    expect(parseRhythm('dernier vendredi 16:15')).toEqual({ ordinal: -1, weekday: 5, time: '16:15' });
    for (const wrong of [
      '',
      'mardi',
      '5e mardi 14:00',
      '2e dimanche 14:00',
      '2e mardi 25:00',
      '2e mardi 14:60',
      'second tuesday 14:00',
    ])
      expect(parseRhythm(wrong), wrong).toBeNull();
    expect(describeRhythm(SECOND_TUESDAY)).toBe('2e mardi du mois à 14 h 00');
    expect(describeRhythm({ ordinal: 1, weekday: 4, time: '09:30' })).toBe('1er jeudi du mois à 09 h 30');
  });

  it('finds the day in any month', () => {
    expect(occurrenceInMonth(2026, 12, SECOND_TUESDAY)).toBe('2026-12-08');
    expect(occurrenceInMonth(2027, 2, SECOND_TUESDAY)).toBe('2027-02-09');
    // A month starting on the weekday itself: the 1st is the first.
    expect(occurrenceInMonth(2026, 9, { ordinal: 1, weekday: 2, time: '14:00' })).toBe('2026-09-01');
    expect(occurrenceInMonth(2026, 12, { ordinal: -1, weekday: 4, time: '14:00' })).toBe('2026-12-31');
    expect(occurrenceInMonth(2027, 2, { ordinal: -1, weekday: 5, time: '14:00' })).toBe('2027-02-26');
    expect(occurrenceInMonth(2027, 3, { ordinal: 4, weekday: 1, time: '14:00' })).toBe('2027-03-22');
  });

  it('gives the next session at its Paris time on both sides of a daylight-saving change, with the lead asked', () => {
    // 14:00 in Paris is 13:00 UTC in winter, 12:00 UTC in summer.
    expect(nextOccurrence(new Date('2026-11-27T09:00:00Z'), SECOND_TUESDAY, PARIS)).toEqual({
      occurrence: '2026-12-08',
      at: new Date('2026-12-08T13:00:00Z'),
    });
    expect(nextOccurrence(new Date('2027-03-20T09:00:00Z'), SECOND_TUESDAY, PARIS)).toEqual({
      occurrence: '2027-04-13',
      at: new Date('2027-04-13T12:00:00Z'),
    });
    // The same day, a minute after the session: next month's.
    expect(nextOccurrence(new Date('2026-12-08T13:01:00Z'), SECOND_TUESDAY, PARIS).occurrence).toBe('2027-01-12');
    // Seven days of lead: 8 December is too close on 3 December.
    expect(nextOccurrence(new Date('2026-12-03T09:00:00Z'), SECOND_TUESDAY, PARIS, 7).occurrence).toBe('2027-01-12');
    expect(nextOccurrence(new Date('2026-11-30T09:00:00Z'), SECOND_TUESDAY, PARIS, 7).occurrence).toBe('2026-12-08');
    // December to January crosses the year; La Réunion keeps its own clock (UTC+4, no DST).
    expect(nextOccurrence(new Date('2026-12-20T09:00:00Z'), SECOND_TUESDAY, 'Indian/Reunion')).toEqual({
      occurrence: '2027-01-12',
      at: new Date('2027-01-12T10:00:00Z'),
    });
  });

  it('reads local times into instants, the skipped hour included', () => {
    expect(localInstant('2027-03-28', '01:30', PARIS)).toEqual(new Date('2027-03-28T00:30:00Z'));
    expect(localInstant('2027-03-28', '03:30', PARIS)).toEqual(new Date('2027-03-28T01:30:00Z'));
    // 02:30 does not exist that night: an hour later on the wall clock.
    expect(localInstant('2027-03-28', '02:30', PARIS)).toEqual(new Date('2027-03-28T01:30:00Z'));
    expect(localInstant('2026-10-25', '12:00', PARIS)).toEqual(new Date('2026-10-25T11:00:00Z'));
  });
});

describe('sessions proposed by the rhythm', () => {
  const { db, other } = withTestDatabase({ anotherInstance: true });
  let coordinator: Actor;
  let capteur: Actor;
  const settings = { rhythm: SECOND_TUESDAY, channelId: 'CCOMITE', timeZone: PARIS, leadDays: 7 };

  beforeAll(async () => {
    coordinator = await makeMember(db.prisma, 'URHYCOORD', ['coordinateur']);
    await makeMember(db.prisma, 'URHYCOORD2', ['coordinateur', 'admin']);
    capteur = await makeMember(db.prisma, 'URHYCAPT', ['capteur']);
  });
  // Each test starts from the members and one visit marked for the committee, with no session:
  // the sessions it reads are the ones it has proposed or planned, whatever ran before it. (No
  // structure here, but their table is kept with the members, which refer to it.)
  beforeEach(async () => {
    await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
    await makeVisit(db.prisma, capteur, (await makeCompany(db.prisma, { name: 'Forges' })).id, {
      date: '2026-11-20',
      toCommitteeAgenda: true,
    });
  });

  /** The session the rhythm proposes on 27 November: 8 December's. */
  async function proposeDecemberSession(): Promise<string> {
    const proposed = await proposeNextSession(db.prisma, new Date('2026-11-27T09:00:00Z'), settings);
    return proposed!.committeeId;
  }

  it('need a rhythm and a channel', async () => {
    expect(
      await proposeNextSession(db.prisma, new Date('2026-11-27T09:00:00Z'), { ...settings, rhythm: null }),
    ).toBeNull();
    expect(
      await proposeNextSession(db.prisma, new Date('2026-11-27T09:00:00Z'), { ...settings, channelId: undefined }),
    ).toBeNull();
    expect(await db.prisma.committee.count()).toBe(0);
  });

  it('are proposed once per occurrence, whatever the instances, with their draft agenda, and each coordinator told', async () => {
    const now = new Date('2026-11-27T09:00:00Z');
    const runs = await Promise.all([
      proposeNextSession(db.prisma, now, settings),
      proposeNextSession(other, now, settings),
      proposeNextSession(db.prisma, now, settings),
    ]);
    expect(runs.filter(Boolean)).toEqual([{ committeeId: expect.any(String), occurrence: '2026-12-08' }]);
    const committee = await db.prisma.committee.findFirstOrThrow({ include: { items: true } });
    expect(committee).toMatchObject({
      scheduledAt: new Date('2026-12-08T13:00:00Z'),
      channelId: 'CCOMITE',
      status: 'planned',
      createdById: null,
    });
    expect(committee.items).toHaveLength(1);
    const told = await db.prisma.outboxMessage.findMany({
      where: { kind: 'committee_proposed' },
      select: { recipient: true },
    });
    expect(told.map((t) => t.recipient).sort()).toEqual(['URHYCOORD', 'URHYCOORD2']);
    expect(await proposeNextSession(db.prisma, new Date('2026-11-28T09:00:00Z'), settings)).toBeNull();
  });

  it('are not proposed again once cancelled, nor when the coordination planned one that month', async () => {
    await cancelCommittee(db.prisma, coordinator, await proposeDecemberSession());
    expect(await proposeNextSession(db.prisma, new Date('2026-11-29T09:00:00Z'), settings)).toBeNull();
    // January: the coordination planned the 19th by hand; the 12th is not added.
    await planCommittee(
      db.prisma,
      coordinator,
      { scheduledAt: new Date('2027-01-19T13:00:00Z'), channelId: 'CAUTRE' },
      new Date('2026-12-09T09:00:00Z'),
    );
    expect(await proposeNextSession(db.prisma, new Date('2026-12-09T09:00:00Z'), settings)).toBeNull();
    expect(await db.prisma.committee.count()).toBe(1);
    // February: proposed, in the channel of the last session.
    expect(await proposeNextSession(db.prisma, new Date('2027-01-20T09:00:00Z'), settings)).toMatchObject({
      occurrence: '2027-02-09',
    });
    expect(
      await db.prisma.committee.findFirstOrThrow({ where: { scheduledAt: new Date('2027-02-09T13:00:00Z') } }),
    ).toMatchObject({ channelId: 'CAUTRE' });
  });
});
