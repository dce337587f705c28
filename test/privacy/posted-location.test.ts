import { describe, expect, it } from 'vitest';
import { recordPosted } from '../../src/services/privacy/posted-messages.js';
import { TEST_ENGINE } from '../support/database.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany } from '../support/factories.js';

/**
 * Where a posted message is, and what it shows (services/privacy/posted-messages.ts recordPosted,
 * one statement since issue 15): found again when a company is erased or a contact expires.
 */
const { db } = withTestDatabase();

const located = (ts: string) =>
  db.prisma.postedMessage.findUnique({
    where: { channel_ts: { channel: 'CLOCATE', ts } },
    include: { companies: { select: { companyId: true }, orderBy: { companyId: 'asc' } } },
  });

describe(`a posted message located (${TEST_ENGINE})`, () => {
  it('records the companies it shows once each, and whether it shows a contact, which an update never unsets', async () => {
    const [a, b] = [
      await makeCompany(db.prisma, { name: 'Forges A' }),
      await makeCompany(db.prisma, { name: 'Forges B' }),
    ];
    await recordPosted(
      db.prisma,
      { channel: 'CLOCATE', ts: '1.1' },
      { kind: 'alert_page', data: { alertId: 'x' }, companyIds: [a.id, a.id], showsContacts: true },
    );
    // Updated in place: it now also shows B, and no contact any more is not said by this update.
    await recordPosted(
      db.prisma,
      { channel: 'CLOCATE', ts: '1.1' },
      { kind: 'alert_page', data: { alertId: 'x' }, companyIds: [b.id, a.id] },
    );
    const message = await located('1.1');
    expect(message).toMatchObject({
      kind: 'alert_page',
      data: { alertId: 'x' },
      showsContacts: true,
      redactedAt: null,
    });
    expect(message!.companies.map((c) => c.companyId)).toEqual([a.id, b.id].sort());
    expect(await db.prisma.postedMessage.count({ where: { channel: 'CLOCATE', ts: '1.1' } })).toBe(1);
  });

  it('records a message that shows a contact and no company, and nothing for one that shows neither', async () => {
    await recordPosted(
      db.prisma,
      { channel: 'CLOCATE', ts: '2.1' },
      { kind: 'diffusion', data: {}, showsContacts: true },
    );
    expect(await located('2.1')).toMatchObject({ showsContacts: true, companies: [] });
    await recordPosted(db.prisma, { channel: 'CLOCATE', ts: '2.2' }, { kind: 'news', data: {}, companyIds: [] });
    expect(await located('2.2')).toBeNull();
  });
});
