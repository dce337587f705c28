/** Actions' views (cases/actions.ts), their buttons, lateness and history. */
import { describe, expect, it } from 'vitest';
import type { ActionStatus } from '../../src/generated/prisma/enums.js';
import { ACTION_BUTTONS } from '../../src/slack/ids.js';
import {
  actionDigestMessage,
  actionMessage,
  actionNewsMessage,
  myActionsMessage,
} from '../../src/views/messages/action.js';
import { companyCardMessage } from '../../src/views/messages/company-card.js';
import { actionDueModal, actionNoteModal, actionStatusModal } from '../../src/views/modals/action.js';
import { ACTION_CASES } from './cases/actions.js';
import {
  ACTION_ACTOR_SLACK,
  ACTION_CLOCK,
  ACTION_OWNER_SLACK,
  ACTION_STATUSES,
  ACTION_UPDATED_TEXT,
  type ActionScenario,
  STATUS_NOTES,
  actionDetails,
} from './fixtures/actions.js';
import { RAW_MARKUP, day } from './fixtures/common.js';
import { WORST_CARD_WITH_ACTIONS } from './fixtures/company-card.js';
import { type JText, buttons, contextTexts, sweepViews, toJson } from './fixtures/payload.js';

sweepViews(ACTION_CASES);

describe('actions', () => {
  it('are rendered in every status, realistic and worst case, as a message and as news', () => {
    for (const status of ACTION_STATUSES) {
      for (const builder of [actionMessage, actionNewsMessage]) {
        expect(
          ACTION_CASES.some((c) => c.builder === builder && c.name.includes(`— ${status}, followed by a member`)),
          `${builder.name} ${status}`,
        ).toBe(true);
        expect(
          ACTION_CASES.some((c) => c.builder === builder && c.name.includes(`worst case: ${status}, overdue`)),
          `${builder.name} worst ${status}`,
        ).toBe(true);
      }
    }
  });

  it('offer « En cours » to start an action to do or blocked, and no button once done or abandoned', () => {
    const shown = (status: ActionStatus) =>
      buttons(toJson(actionMessage(actionDetails({ status }), ACTION_CLOCK))).map((b) => b.action_id);
    const change = [ACTION_BUTTONS.status, ACTION_BUTTONS.note, ACTION_BUTTONS.due];
    expect(shown('a_faire')).toEqual([ACTION_BUTTONS.start, ...change]);
    expect(shown('bloquee')).toEqual([ACTION_BUTTONS.start, ...change]);
    expect(shown('en_cours')).toEqual(change);
    expect(shown('realisee')).toEqual([]);
    expect(shown('abandonnee')).toEqual([]);
  });

  it('say « en retard » for an open action due before today, never for a done one', () => {
    const dueLine = (scenario: ActionScenario) =>
      (actionMessage(actionDetails(scenario), ACTION_CLOCK).blocks[0] as { text: JText }).text.text.split('\n')[2];
    expect(dueLine({ status: 'a_faire', overdue: true })).toBe(
      `Suivie par CCI du Cher — <@${ACTION_OWNER_SLACK}> · Échéance 20/02/2026 — *en retard*`,
    );
    expect(dueLine({ status: 'bloquee', owner: false, overdue: true })).toBe(
      'Suivie par CCI du Cher · Échéance 20/02/2026 — *en retard*',
    );
    expect(dueLine({ status: 'a_faire', dueDate: day(ACTION_CLOCK.today) })).toBe(
      `Suivie par CCI du Cher — <@${ACTION_OWNER_SLACK}> · Échéance 02/03/2026`,
    );
    expect(dueLine({ status: 'realisee', overdue: true })).not.toContain('en retard');
    expect(dueLine({ status: 'abandonnee', overdue: true })).not.toContain('en retard');
  });

  it('name who made the last update, and when, in local time', () => {
    const message = toJson(actionMessage(actionDetails({ status: 'bloquee' }), ACTION_CLOCK));
    expect(contextTexts(message.blocks[message.blocks.length - 1]!)).toEqual([
      `Dernière mise à jour le ${ACTION_UPDATED_TEXT} par <@${ACTION_ACTOR_SLACK}> : ${STATUS_NOTES.bloquee}`,
    ]);
    const news = toJson(actionNewsMessage(actionDetails({ status: 'a_faire' }), ACTION_CLOCK));
    expect(news.blocks[0]?.text?.text).toBe(`<@${ACTION_ACTOR_SLACK}> vous a confié une action :`);
  });

  it('cannot mention the channel or forge a link from what people typed', () => {
    const action = actionDetails({ status: 'en_cours', worst: true });
    const rendered = [
      actionMessage(action, ACTION_CLOCK),
      actionNewsMessage(action, ACTION_CLOCK),
      myActionsMessage({ mine: [action], structure: [] }, ACTION_CLOCK),
      actionDigestMessage([action], ACTION_CLOCK),
      actionStatusModal(action),
      actionNoteModal(action),
      actionDueModal(action, ACTION_CLOCK.today),
      companyCardMessage(WORST_CARD_WITH_ACTIONS, { canFileVisit: false, canCreateActions: true }),
    ];
    for (const payload of rendered) {
      const json = JSON.stringify(payload);
      for (const raw of RAW_MARKUP) expect(json).not.toContain(raw);
      expect(json).toContain('&lt;!channel&gt;');
    }
  });
});
