import { beforeAll, describe, expect, it } from 'vitest';
import { oweOverlapNotices } from '../../src/services/visits/overlap.js';
import type { Actor } from '../../src/services/permissions.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';
import { makeVisit } from '../support/visits.js';

const { db } = withTestDatabase();
let cci: Actor;
let cciColleague: Actor;
let cma: Actor;
let ft: Actor;
let gone: Actor;

beforeAll(async () => {
  const s = await Promise.all(['CCI', 'CMA', 'France Travail', 'OPCO'].map((name) => makeStructure(db.prisma, name)));
  cci = await makeMember(db.prisma, 'UOVCCI', ['capteur'], s[0]!.id);
  cciColleague = await makeMember(db.prisma, 'UOVCCI2', ['capteur'], s[0]!.id);
  cma = await makeMember(db.prisma, 'UOVCMA', ['capteur'], s[1]!.id);
  ft = await makeMember(db.prisma, 'UOVFT', ['capteur'], s[2]!.id);
  gone = await makeMember(db.prisma, 'UOVGONE', ['capteur'], s[3]!.id);
  await db.prisma.member.update({ where: { id: gone.memberId }, data: { active: false } });
});

/** Files `visit` (already written) as fileVisit does, and returns the notices owed. */
async function notices(visitId: string, capteur: Actor, windowDays = 90) {
  const visit = await db.prisma.visit.findUniqueOrThrow({ where: { id: visitId } });
  const count = await db.prisma.$transaction((tx) =>
    oweOverlapNotices(
      tx,
      {
        id: visit.id,
        companyId: visit.companyId,
        visitDate: visit.visitDate,
        structureId: capteur.structureId,
        capteurSlackId: capteur.slackUserId,
      },
      windowDays,
    ),
  );
  const owed = await db.prisma.outboxMessage.findMany({
    where: { kind: 'visit_overlap', dedupeKey: { startsWith: `visit_overlap:${visitId}` } },
    select: { recipient: true, data: true },
  });
  return {
    count,
    owed: owed.map((o) => [o.recipient, (o.data as { otherVisitIds: string[] }).otherVisitIds.length]).sort(),
  };
}

describe('a visit to a company another structure saw recently', () => {
  it('tells both capteurs; not for a colleague of the same structure, nor outside the window, nor someone who left', async () => {
    const company = (await makeCompany(db.prisma, { name: 'Forges' })).id;
    await makeVisit(db.prisma, cciColleague, company, { date: '2026-10-01' }); // same structure
    await makeVisit(db.prisma, cma, company, { date: '2026-06-01' }); // 150 days before: outside 90
    await makeVisit(db.prisma, gone, company, { date: '2026-10-20' }); // left the platform
    const ftVisit = await makeVisit(db.prisma, ft, company, { date: '2026-09-10' });
    await makeVisit(db.prisma, ft, company, { date: '2026-08-01' }); // older, same structure: the latest is named
    const mine = await makeVisit(db.prisma, cci, company, { date: '2026-11-20' });
    expect(await notices(mine.id, cci)).toEqual({
      count: 1,
      owed: [
        ['UOVCCI', 1],
        ['UOVFT', 1],
      ],
    });
    // France Travail's capteur is told of the CCI's visit, about their own.
    const toFt = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { recipient: 'UOVFT', kind: 'visit_overlap' },
    });
    expect(toFt.data).toEqual({ visitId: ftVisit.id, otherVisitIds: [mine.id] });
    // Owed once, whatever the retries.
    expect((await notices(mine.id, cci)).owed).toHaveLength(2);
    // A wider window names the CMA too; none at all when the window is 0.
    const again = await makeVisit(db.prisma, cci, company, { date: '2026-11-21' });
    expect((await notices(again.id, cci, 200)).owed).toEqual([
      ['UOVCCI', 2],
      ['UOVCMA', 1],
      ['UOVFT', 1],
    ]);
    const never = await makeVisit(db.prisma, cci, company, { date: '2026-11-22' });
    expect(await notices(never.id, cci, 0)).toEqual({ count: 0, owed: [] });
  });

  it('is said of a visit filed late, dated before the other structure’s', async () => {
    const company = (await makeCompany(db.prisma, { name: 'Porcelaines' })).id;
    await makeVisit(db.prisma, cma, company, { date: '2026-11-10' });
    const late = await makeVisit(db.prisma, cci, company, { date: '2026-11-02' });
    expect((await notices(late.id, cci)).owed).toEqual([
      ['UOVCCI', 1],
      ['UOVCMA', 1],
    ]);
  });
});
