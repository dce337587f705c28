/** Technical committees' views (cases/committee.ts), and the 60-company agenda of the issue's acceptance. */
import { describe, expect, it } from 'vitest';
import { homeView } from '../../src/views/home/home.js';
import {
  agendaHeaderMessage,
  agendaItemMessage,
  committeesMessage,
  companiesToInformMessage,
  informReminderMessage,
} from '../../src/views/messages/committee.js';
import { assertWithinSlackLimits } from '../support/slack-limits.js';
import { COMMITTEE_CASES } from './cases/committee.js';
import {
  AGENDA_60,
  AGENDA_60_ITEMS,
  COMMITTEE_CLOCK,
  COMMITTEE_STATUSES,
  INFORM_CLOCK,
  ONLY_PRIVATE_ITEM,
  PRIVATE_VISIT_ITEM,
  REVIEW_WORST,
  TO_INFORM_WORST,
  WORST_AGENDA_ITEM,
} from './fixtures/committee.js';
import { CONFIDENTIAL, RAW_MARKUP } from './fixtures/common.js';
import { HOME_COMMITTEE_WORST } from './fixtures/home.js';
import { showsText, sweepViews, toJson } from './fixtures/payload.js';

sweepViews(COMMITTEE_CASES);

describe('technical committees', () => {
  it('are listed in every status, with and without the right to run them', () => {
    for (const canRun of [true, false]) {
      for (const status of COMMITTEE_STATUSES) {
        expect(
          COMMITTEE_CASES.some(
            (c) =>
              c.builder === committeesMessage &&
              c.name.includes(`three sessions ${status}, ${canRun ? 'who runs' : 'who cannot'}`),
          ),
        ).toBe(true);
      }
    }
  });

  it('publish an agenda of 60 companies within Slack limits: its header and each of its 60 items', () => {
    expect(AGENDA_60.items).toHaveLength(60);
    expect(AGENDA_60.items.every((i) => Array.from(i.company.name).length === 200)).toBe(true);
    const header = toJson(agendaHeaderMessage(AGENDA_60, REVIEW_WORST, COMMITTEE_CLOCK));
    expect(showsText(header, '*Actions à faire le point — 57 ')).toBe(true);
    const rendered = [header, ...AGENDA_60_ITEMS.map((item) => agendaItemMessage(item))];
    expect(rendered).toHaveLength(61);
    for (const message of rendered) assertWithinSlackLimits('message', toJson(message));
    expect(AGENDA_60_ITEMS.map((item) => toJson(agendaItemMessage(item)).blocks[0]?.text?.text.split('.')[0])).toEqual(
      AGENDA_60_ITEMS.map((item) => `*${item.rank}`),
    );
  });

  it('never show what a company did not agree to share, whatever the visit carries', () => {
    const json = JSON.stringify(
      [PRIVATE_VISIT_ITEM, ONLY_PRIVATE_ITEM, WORST_AGENDA_ITEM, ...AGENDA_60_ITEMS].map((item) =>
        agendaItemMessage(item),
      ),
    );
    expect(json).not.toContain(CONFIDENTIAL);
    expect(json).toContain('contenu non partagé');
  });

  it('cannot mention the channel or forge a link from what people typed', () => {
    const rendered = [
      agendaHeaderMessage(AGENDA_60, REVIEW_WORST, COMMITTEE_CLOCK),
      agendaItemMessage(WORST_AGENDA_ITEM),
      agendaItemMessage(AGENDA_60_ITEMS[7]!),
      informReminderMessage(TO_INFORM_WORST, INFORM_CLOCK),
      companiesToInformMessage(TO_INFORM_WORST, INFORM_CLOCK),
      homeView(HOME_COMMITTEE_WORST),
    ];
    for (const payload of rendered) {
      const json = JSON.stringify(payload);
      for (const raw of RAW_MARKUP) expect(json).not.toContain(raw);
      expect(json).toContain('&lt;!channel&gt;');
    }
  });
});
