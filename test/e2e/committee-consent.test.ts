import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseActionForm } from '../../src/services/actions/action-form.js';
import { createAction } from '../../src/services/actions/actions.js';
import { closeCommittee, planCommittee, publishAgenda } from '../../src/services/committees/committees.js';
import type { Actor } from '../../src/services/permissions.js';
import { blockActions } from '../../src/simulator/slack-requests.js';
import { COMMITTEE_BUTTONS } from '../../src/slack/ids.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/**
 * Consent in the committee channel (issue 10 part 4): a company whose latest visit refused sharing
 * is brought by its red flag, but no message of the channel names it — « Entreprise non nommée —
 * secteur, tranche, commune » — until the coordination names it (a confirmed button, audited).
 */
const coord = { id: 'UCONSCOORD', name: 'helene' };
const member = { id: 'UCONSMEMBER', name: 'paul' };
const CHANNEL = 'CCOMITECONS';
const NOW = new Date('2026-11-10T09:00:00Z');
let db: TestDatabase;
let t: TestApp;
let cci: { id: string };
let capteur: Actor;
let coordinator: Actor;

const channelTexts = () =>
  t.fake.workspace.messages
    .filter((m) => m.channel === CHANNEL && !m.ephemeralTo)
    .map((m) => JSON.stringify({ text: m.text, blocks: m.blocks }));

async function drain() {
  for (let i = 0; i < 50 && (await db.prisma.outboxMessage.count({ where: { status: 'pending' } })) > 0; i++) {
    await t.ctx.notifier.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  const started = Date.now();
  t = await startTestApp(db.prisma, {
    now: () => new Date(NOW.getTime() + (Date.now() - started) * 20),
    env: { COMMITTEE_CHANNEL_ID: CHANNEL },
  });
  cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  capteur = await makeMember(db.prisma, 'UCONSCAPT', ['capteur'], cci.id);
  coordinator = await makeMember(db.prisma, coord.id, ['coordinateur']);
  await makeMember(db.prisma, member.id, ['comite'], cci.id);
});
// Each test starts from the members alone and an empty channel: the first reads every message of
// the channel, which must not hold the company named and the summary posted by the other test.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  t.fake.reset();
});

/**
 * A session whose agenda is published to the channel: a company that refused sharing at its
 * latest visit, brought by its red flag and given an action, and one that consented. Returns the
 * agenda item of the company that refused.
 */
async function publishAgendaWithUnconsentingCompany(): Promise<string> {
  const secret = await makeCompany(db.prisma, {
    name: 'Maroquinerie Discrète',
    commune: 'Mehun-sur-Yèvre',
    headcountBand: '21',
  });
  // Agreed once, then refused at the latest visit, which raises a red flag: the latest answer counts.
  await makeVisit(db.prisma, capteur, secret.id, { date: '2026-09-01', consentToShare: true });
  await makeVisit(db.prisma, capteur, secret.id, {
    date: '2026-10-20',
    consentToShare: false,
    redFlags: ['emplois_menaces'],
    diagnostic: 'Plan social envisagé.',
  });
  const open = await makeCompany(db.prisma, { name: 'Forges Ouvertes', commune: 'Vierzon' });
  await makeVisit(db.prisma, capteur, open.id, { date: '2026-10-21', toCommitteeAgenda: true });

  const committee = await planCommittee(
    db.prisma,
    coordinator,
    { scheduledAt: new Date('2026-11-17T13:00:00Z'), channelId: CHANNEL },
    NOW,
  );
  await publishAgenda(db.prisma, coordinator, committee.id, NOW);
  const itemId = (
    await db.prisma.agendaItem.findFirstOrThrow({ where: { committeeId: committee.id, companyId: secret.id } })
  ).id;
  const action = parseActionForm(
    {
      submissionKey: 'consent-action',
      companyId: secret.id,
      title: 'Cellule de reclassement',
      target: 'salaries',
      ownerStructureId: cci.id,
      dueDate: '2026-12-15',
    },
    '2026-11-10',
  );
  if (!action.ok) throw new Error(JSON.stringify(action.errors));
  await createAction(
    db.prisma,
    coordinator,
    action.action,
    { kind: 'comite', agendaItemId: itemId },
    NOW,
    t.ctx.actions,
  );
  await drain();
  return itemId;
}

afterAll(async () => {
  await t?.stop();
  await db?.close();
});

describe('a company that did not consent, in the committee channel', () => {
  it('is on the agenda for its red flag, named in no message of the channel, shown by its sector, size and commune', async () => {
    await publishAgendaWithUnconsentingCompany();
    const texts = channelTexts();
    // The header, two items, the action.
    expect(texts.length).toBeGreaterThanOrEqual(4);
    expect(texts.filter((x) => x.includes('Maroquinerie'))).toEqual([]);
    expect(texts.some((x) => x.includes('Entreprise non nommée — industrie, 50 à 99 salariés, Mehun-sur-Yèvre'))).toBe(
      true,
    );
    // The consenting one is named, and its visit's content shown.
    expect(texts.some((x) => x.includes('Forges Ouvertes'))).toBe(true);
    expect(texts.filter((x) => x.includes('Plan social envisagé'))).toEqual([]);
  });

  it('is named by the coordination only, after a confirmation: audited, its message updated in place', async () => {
    const itemId = await publishAgendaWithUnconsentingCompany();
    await t.slack.interaction(
      blockActions({
        user: member,
        actions: [{ action_id: COMMITTEE_BUTTONS.itemNameCompany, block_id: 'agenda_item_naming', value: itemId }],
        response_url: t.fake.responseUrl('refused'),
      }),
    );
    const refused = await t.fake.waitForResponse((_body, path) => path.endsWith('/refused'));
    expect(String(refused.body.text)).toContain('coordination');
    expect((await db.prisma.agendaItem.findUniqueOrThrow({ where: { id: itemId } })).namedAt).toBeNull();

    await t.slack.interaction(
      blockActions({
        user: coord,
        actions: [{ action_id: COMMITTEE_BUTTONS.itemNameCompany, block_id: 'agenda_item_naming', value: itemId }],
        response_url: t.fake.responseUrl('named'),
      }),
    );
    await t.fake.waitForResponse((_body, path) => path.endsWith('/named'));
    await drain();
    expect((await db.prisma.agendaItem.findUniqueOrThrow({ where: { id: itemId } })).namedAt).not.toBeNull();
    expect(
      await db.prisma.auditEvent.count({
        where: { action: 'committee.company_named', entityId: itemId, actorSlackId: coord.id },
      }),
    ).toBe(1);
    const item = await db.prisma.agendaItem.findUniqueOrThrow({ where: { id: itemId } });
    const message = t.fake.workspace.messages.find((m) => m.channel === item.channelId && m.ts === item.messageTs)!;
    expect(message.edited).toBe(true);
    expect(JSON.stringify(message.blocks)).toContain('Maroquinerie Discrète');
    expect(JSON.stringify(message.blocks)).not.toContain(COMMITTEE_BUTTONS.itemNameCompany);

    // Named from then on: the summary at closing names it.
    await closeCommittee(db.prisma, coordinator, item.committeeId, t.ctx.now());
    await drain();
    const summary = t.fake.workspace.messages.find(
      (m) => m.channel === CHANNEL && m.text.startsWith('Relevé de décisions'),
    )!;
    expect(JSON.stringify(summary.blocks)).toContain('Maroquinerie Discrète');
  });
});
