import { describe, expect, it } from 'vitest';
import { parseActionForm } from '../../src/services/actions/action-form.js';
import { createAction } from '../../src/services/actions/actions.js';
import { ACTION_BUTTONS, ACTION_CHANGE_BLOCKS as C, COMMITTEE_BLOCKS as B, VIEWS } from '../../src/slack/ids.js';
import { viewSubmission } from '../../src/simulator/slack-requests.js';
import { clickButton, withTestApp } from '../support/app.js';
import { makeCompany } from '../support/factories.js';

/**
 * Replays of the forms that had no key: Slack's retries of a submission (X-Slack-Retry-Num) and a
 * double click on « Planifier » or « Enregistrer » (two submissions of the same view, at once and
 * one after the other) record one committee, one note, one new due date.
 */
const coord = { id: 'UREPLCOORD', name: 'coordination' };
const other = { id: 'UREPLOTHER', name: 'autre' };
const CHANNEL = 'CREPLAYCOM';
const NOW = new Date('2026-11-16T09:00:00Z');

let actionId: string;

const { t, db } = withTestApp({
  now: () => NOW,
  config: { COMMITTEE_CHANNEL_ID: CHANNEL },
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: coord, roles: ['coordinateur'], structure: 'CCI du Cher' },
    { user: other, roles: ['coordinateur'], structure: 'CCI du Cher' },
  ],
  async seed({ db, actors, structures }) {
    const companyId = (await makeCompany(db.prisma, { name: 'Forges de Vierzon' })).id;
    const parsed = parseActionForm(
      {
        submissionKey: 'replay-action',
        companyId,
        title: 'Monter une POE',
        target: 'salaries',
        ownerStructureId: structures['CCI du Cher']!.id,
        dueDate: '2026-12-15',
      },
      '2026-11-16',
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    ({ actionId } = await createAction(db.prisma, actors[coord.id]!, parsed.action, { kind: 'ad_hoc' }, NOW, {
      committeeChannelId: CHANNEL,
    }));
  },
});

type OpenedView = { callback_id: string; private_metadata?: string };

/** The same submission of `view` sent three times at once, then a retry of it by Slack and a late double click. */
async function replay(view: OpenedView, values: Record<string, Record<string, unknown>>, user = coord) {
  const payload = viewSubmission({
    user,
    view: {
      id: 'VREPLAY',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? '',
      state: { values: values as never },
    },
  });
  const acks = await Promise.all([
    t.slack.interaction(payload),
    t.slack.interaction(payload),
    t.slack.interaction(payload),
  ]);
  acks.push(await t.slack.interaction(payload, { retryNum: 1 }), await t.slack.interaction(payload));
  return acks.map((a) => a.json() as { response_action?: string; view?: unknown });
}

describe('replayed submissions', () => {
  it('of « Planifier un comité » plan one session', async () => {
    await t.slack.command('/comite', 'planifier', coord, { extra: { response_url: t.fake.responseUrl() } });
    const modal = (await t.fake.waitFor('views.open')).args.view as OpenedView;
    expect(modal.callback_id).toBe(VIEWS.committeePlan);
    const at = Math.floor(new Date('2026-12-08T13:00:00Z').getTime() / 1000);
    const values = {
      [B.scheduledAt]: { [B.scheduledAt]: { type: 'datetimepicker', selected_date_time: at } },
      [B.channel]: { [B.channel]: { type: 'conversations_select', selected_conversation: CHANNEL } },
    };
    const acks = await replay(modal, values);
    expect(acks.map((a) => a.response_action)).toEqual(['update', 'update', 'update', 'update', 'update']);
    expect(acks.every((a) => JSON.stringify(a.view).includes('Comité planifié'))).toBe(true);
    expect(await db.prisma.committee.count({ where: { channelId: CHANNEL } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: 'committee.plan' } })).toBe(1);

    // The same form's key submitted by someone else plans nothing and shows nothing of it.
    const [stolen] = await replay(modal, values, other);
    expect(JSON.stringify(stolen!.view)).not.toContain('Comité planifié');
    expect(await db.prisma.committee.count()).toBe(1);
  });

  for (const [button, field, values, expected] of [
    [
      ACTION_BUTTONS.note,
      'note',
      { [C.note]: { [C.note]: { type: 'plain_text_input', value: 'Réunion tenue avec l’OPCO.' } } },
      { kind: 'note', note: 'Réunion tenue avec l’OPCO.' },
    ],
    [
      ACTION_BUTTONS.due,
      'due date',
      {
        [C.dueDate]: { [C.dueDate]: { type: 'datepicker', selected_date: '2027-01-20' } },
        [C.reason]: { [C.reason]: { type: 'plain_text_input', value: 'Le financement arrive en janvier.' } },
      },
      { kind: 'echeance', note: 'Le financement arrive en janvier.' },
    ],
  ] as const) {
    it(`of an action’s ${field} add one row to its history`, async () => {
      await clickButton(t, coord, { action_id: button, block_id: 'b', value: actionId });
      const modal = (await t.fake.waitFor('views.open')).args.view as OpenedView;
      const before = await db.prisma.actionUpdate.count({ where: { actionId } });
      const acks = await replay(modal, values);
      expect(acks.every((a) => JSON.stringify(a.view).includes('Action mise à jour'))).toBe(true);
      const added = await db.prisma.actionUpdate.findMany({
        where: { actionId },
        orderBy: { at: 'asc' },
        skip: before,
      });
      expect(added.map((u) => ({ kind: u.kind, note: u.note }))).toEqual([expected]);
      // One update of the action's message owed per change, none for the replays.
      expect(
        await db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `action_message:${actionId}:` } } }),
      ).toBe((await db.prisma.actionUpdate.count({ where: { actionId } })) - 1);
    });
  }
});
