import { beforeEach, describe, expect, it } from 'vitest';
import { COMMITTEE_BLOCKS as B, COMMITTEE_BUTTONS, VIEWS } from '../../src/slack/ids.js';
import { COMMITTEE_TEXTS } from '../../src/texts/fr.js';
import { blockActions } from '../../src/simulator/slack-requests.js';
import { withTestApp } from '../support/app.js';
import { submitModal } from '../support/forms.js';
import { resetTables } from '../support/reset.js';

/** « Planifier un comité » on a public holiday or a weekend day: asked, then confirmed for that very day. */
const coord = { id: 'UOFFDAYCOORD', name: 'helene' };
const CHANNEL = 'CCOMITEOFF';
const NOW = new Date('2026-11-02T09:00:00Z');

const { t, db } = withTestApp({
  now: () => NOW,
  config: { PLATFORM_HOLIDAYS: 'FR' },
  members: [{ user: coord, roles: ['coordinateur'] }],
});

beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  t.fake.reset();
});

type Block = { type: string; block_id?: string; label?: { text: string }; element?: Record<string, unknown> };
type Modal = { callback_id: string; private_metadata?: string; blocks: never[] };

async function openPlanModal(): Promise<Modal> {
  await t.slack.command('/comite', 'planifier', coord, { extra: { response_url: t.fake.responseUrl() } });
  const modal = (await t.fake.waitFor('views.open')).args.view as Modal;
  expect(modal.callback_id).toBe(VIEWS.committeePlan);
  return modal;
}
const submit = async (modal: Modal, answers: Record<string, string | string[]>) =>
  (await t.slack.interaction(submitModal(coord, modal, answers))).json();
const confirmBlock = (modal: Modal) => (modal.blocks as Block[]).find((b) => b.block_id === B.confirmOffDay);

describe('planning a committee on a day off', () => {
  it('asks about 11 November (Armistice), saying which day it is, and plans it once that day is confirmed', async () => {
    const modal = await openPlanModal();
    expect(confirmBlock(modal)).toBeUndefined();
    const at = '2026-11-11T13:00:00Z'; // 14:00 in Paris
    const question = 'Le 11 novembre 2026 est un jour férié (Armistice 1918). Planifier quand même ?';

    // First submission: the form comes back with the date kept, the question and its box.
    const asked = await submit(modal, { [B.scheduledAt]: at, [B.channel]: CHANNEL });
    expect(asked.response_action).toBe('update');
    const again = asked.view as Modal;
    expect(confirmBlock(again)?.label?.text).toBe(question);
    expect(JSON.stringify(confirmBlock(again))).toContain(COMMITTEE_TEXTS.planModal.confirmOffDay);
    const picker = (again.blocks as Block[]).find((b) => b.block_id === B.scheduledAt)!.element!;
    expect(picker.initial_date_time).toBe(Math.floor(new Date(at).getTime() / 1000));
    expect(JSON.parse(again.private_metadata!)).toMatchObject({ submissionKey: expect.any(String) });
    expect(await db.prisma.committee.count()).toBe(0);

    // Submitted again without ticking: the question on the date field, nothing planned.
    const unticked = await submit(again, { [B.scheduledAt]: at, [B.channel]: CHANNEL });
    expect(unticked.response_action).toBe('errors');
    expect(unticked.errors[B.scheduledAt]).toContain(question);
    expect(await db.prisma.committee.count()).toBe(0);

    // Ticked: planned on that day.
    const done = await submit(again, { [B.scheduledAt]: at, [B.channel]: CHANNEL, [B.confirmOffDay]: ['2026-11-11'] });
    expect(done.response_action).toBe('update');
    expect(JSON.stringify(done.view)).toContain('Comité planifié');
    expect(await db.prisma.committee.findFirstOrThrow()).toMatchObject({
      scheduledAt: new Date(at),
      channelId: CHANNEL,
    });
  });

  it('asks again when the date moves to another day off, and not at all on a working day', async () => {
    const modal = await openPlanModal();
    const asked = (await submit(modal, { [B.scheduledAt]: '2026-12-13T09:00:00Z', [B.channel]: CHANNEL }))
      .view as Modal;
    expect(confirmBlock(asked)?.label?.text).toBe('Le 13 décembre 2026 est un dimanche. Planifier quand même ?');

    // The Sunday's box ticked, but the date changed to Saturday 12 December: asked about the Saturday.
    const moved = await submit(asked, {
      [B.scheduledAt]: '2026-12-12T09:00:00Z',
      [B.channel]: CHANNEL,
      [B.confirmOffDay]: ['2026-12-13'],
    });
    expect(moved.response_action).toBe('update');
    expect(confirmBlock(moved.view)?.label?.text).toBe('Le 12 décembre 2026 est un samedi. Planifier quand même ?');
    expect(await db.prisma.committee.count()).toBe(0);

    // A working day (Tuesday 8 December) from the same form: planned without a word.
    const planned = await submit(moved.view, { [B.scheduledAt]: '2026-12-08T13:00:00Z', [B.channel]: CHANNEL });
    expect(planned.response_action).toBe('update');
    expect(JSON.stringify(planned.view)).toContain('Comité planifié');
    expect(await db.prisma.committee.count()).toBe(1);
  });

  it('asks before moving a session to 1 May, and says « Déplacer quand même ? »', async () => {
    const planned = await submit(await openPlanModal(), {
      [B.scheduledAt]: '2026-12-08T13:00:00Z',
      [B.channel]: CHANNEL,
    });
    expect(planned.response_action).toBe('update');
    const session = await db.prisma.committee.findFirstOrThrow();
    t.fake.reset();
    await t.slack.interaction(
      blockActions({
        user: coord,
        actions: [{ action_id: COMMITTEE_BUTTONS.reschedule, block_id: 'b', value: session.id }],
        response_url: t.fake.responseUrl('move'),
      }),
    );
    const moveModal = (await t.fake.waitFor('views.open')).args.view as Modal;
    const asked = await submit(moveModal, { [B.scheduledAt]: '2027-05-01T08:00:00Z', [B.channel]: CHANNEL });
    expect(asked.response_action).toBe('update');
    expect(confirmBlock(asked.view)?.label?.text).toBe(
      'Le 1er mai 2027 est un jour férié (Fête du travail). Déplacer quand même ?',
    );
    expect(JSON.parse(asked.view.private_metadata)).toMatchObject({ committeeId: session.id });
    const moved = await submit(asked.view, {
      [B.scheduledAt]: '2027-05-01T08:00:00Z',
      [B.channel]: CHANNEL,
      [B.confirmOffDay]: ['2027-05-01'],
    });
    expect(JSON.stringify(moved.view)).toContain('Séance déplacée');
    expect((await db.prisma.committee.findUniqueOrThrow({ where: { id: session.id } })).scheduledAt).toEqual(
      new Date('2027-05-01T08:00:00Z'),
    );
  });
});
