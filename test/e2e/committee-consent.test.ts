import { beforeEach, describe, expect, it } from 'vitest';
import { parseActionForm } from '../../src/services/actions/action-form.js';
import { createAction } from '../../src/services/actions/actions.js';
import { closeCommittee, planCommittee, publishAgenda } from '../../src/services/committees/committees.js';
import { COMMITTEE_BUTTONS } from '../../src/slack/ids.js';
import { clickButton, deliverOwed, fastClock, withTestApp } from '../support/app.js';
import { makeCompany } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/**
 * Consent in the committee channel (issue 10 part 4): a company whose latest visit refused sharing
 * is brought by its red flag, but no message of the channel names it — « Entreprise non nommée —
 * secteur, tranche, commune » — until the coordination names it (a confirmed button, audited).
 */
const coord = { id: 'UCONSCOORD', name: 'helene' };
const member = { id: 'UCONSMEMBER', name: 'paul' };
const capteur = 'UCONSCAPT';
const CHANNEL = 'CCOMITECONS';
const NOW = new Date('2026-11-10T09:00:00Z');

const { t, db, actors, structures } = withTestApp({
  now: fastClock(NOW),
  config: { COMMITTEE_CHANNEL_ID: CHANNEL },
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: coord, roles: ['coordinateur'] },
    { user: member, roles: ['comite'], structure: 'CCI du Cher' },
  ],
});

const channelTexts = () =>
  t.fake.workspace.messages
    .filter((m) => m.channel === CHANNEL && !m.ephemeralTo)
    .map((m) => JSON.stringify({ text: m.text, blocks: m.blocks }));

// Each test starts from the members alone and an empty channel (withTestApp clears the fake Slack
// before each test): the first reads every message of the channel, which must not hold the company
// named and the summary posted by the other test.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
});

/**
 * A session whose agenda is published to the channel: a company that refused sharing at its
 * latest visit, brought by its red flag and given an action, and one that consented. Returns the
 * agenda item of the company that refused.
 */
async function publishAgendaWithUnconsentingCompany(): Promise<string> {
  const coordinator = actors[coord.id]!;
  const visitor = actors[capteur]!;
  const secret = await makeCompany(db.prisma, {
    name: 'Maroquinerie Discrète',
    commune: 'Mehun-sur-Yèvre',
    headcountBand: '21',
  });
  // Agreed once, then refused at the latest visit, which raises a red flag: the latest answer counts.
  await makeVisit(db.prisma, visitor, secret.id, { date: '2026-09-01', consentToShare: true });
  await makeVisit(db.prisma, visitor, secret.id, {
    date: '2026-10-20',
    consentToShare: false,
    redFlags: ['emplois_menaces'],
    diagnostic: 'Plan social envisagé.',
  });
  const open = await makeCompany(db.prisma, { name: 'Forges Ouvertes', commune: 'Vierzon' });
  await makeVisit(db.prisma, visitor, open.id, { date: '2026-10-21', toCommitteeAgenda: true });

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
      ownerStructureId: structures['CCI du Cher']!.id,
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
  await deliverOwed(t, db.prisma);
  return itemId;
}

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
    await clickButton(
      t,
      member,
      { action_id: COMMITTEE_BUTTONS.itemNameCompany, block_id: 'agenda_item_naming', value: itemId },
      'refused',
    );
    const refused = await t.fake.waitForResponse((_body, path) => path.endsWith('/refused'));
    expect(String(refused.body.text)).toContain('coordination');
    expect((await db.prisma.agendaItem.findUniqueOrThrow({ where: { id: itemId } })).namedAt).toBeNull();

    await clickButton(
      t,
      coord,
      { action_id: COMMITTEE_BUTTONS.itemNameCompany, block_id: 'agenda_item_naming', value: itemId },
      'named',
    );
    await t.fake.waitForResponse((_body, path) => path.endsWith('/named'));
    await deliverOwed(t, db.prisma);
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
    await closeCommittee(db.prisma, actors[coord.id]!, item.committeeId, t.ctx.now());
    await deliverOwed(t, db.prisma);
    const summary = t.fake.workspace.messages.find(
      (m) => m.channel === CHANNEL && m.text.startsWith('Relevé de décisions'),
    )!;
    expect(JSON.stringify(summary.blocks)).toContain('Maroquinerie Discrète');
  });
});
