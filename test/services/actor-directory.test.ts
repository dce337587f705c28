import { describe, expect, it } from 'vitest';
import { createActorDirectory } from '../../src/services/members.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeMember, makeStructure } from '../support/factories.js';

const { db } = withTestDatabase();

describe('actor directory', () => {
  it('answers from memory within its time-to-live, then reads the database again', async () => {
    const structure = await makeStructure(db.prisma, 'CCI du Cher');
    const member = await makeMember(db.prisma, 'UDIR1', ['capteur'], structure.id);
    let now = 1_000;
    const actors = createActorDirectory(db.prisma, 5_000, () => now);
    expect([...(await actors.find('UDIR1'))!.roles]).toEqual(['capteur']);

    await db.prisma.memberRole.create({ data: { memberId: member.memberId, role: 'comite' } });
    now += 4_999;
    expect([...(await actors.find('UDIR1'))!.roles]).toEqual(['capteur']);
    now += 2;
    expect([...(await actors.find('UDIR1'))!.roles].sort()).toEqual(['capteur', 'comite']);
  });

  it('sees a change at once when told to forget the member', async () => {
    const actors = createActorDirectory(db.prisma, 60_000, () => 0);
    expect(await actors.find('UDIR2')).toBeNull();
    await makeMember(db.prisma, 'UDIR2', ['pilotage']);
    expect(await actors.find('UDIR2')).toBeNull();
    actors.forget('UDIR2');
    expect([...(await actors.find('UDIR2'))!.roles]).toEqual(['pilotage']);

    await db.prisma.member.update({ where: { slackUserId: 'UDIR2' }, data: { active: false } });
    actors.forget('UDIR2');
    expect(await actors.find('UDIR2')).toBeNull();
  });
});
