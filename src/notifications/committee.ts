import { structureOpenActions } from '../services/actions/actions.js';
import {
  actionsForReview,
  agendaItemFirstPostKey,
  agendaItemMessageLocation,
  getAgendaItem,
  getCommittee,
  getCommitteeSummary,
  recordAgendaItemPosted,
  recordAgendaPermalink,
} from '../services/committees/committees.js';
import { hideUnnamed } from '../services/committees/consent.js';
import { companiesToInform } from '../services/committees/informing.js';
import { COMMITTEE_NOTICES } from '../services/notices.js';
import type { ActionClock } from '../views/messages/action.js';
import {
  agendaHeaderMessage,
  agendaItemMessage,
  committeeProposedMessage,
  committeeReminderMessage,
  committeeSummaryMessage,
  informCompanyMessage,
  informReminderMessage,
} from '../views/messages/committee.js';
import { defineNotice, inPlace, type NoticesFor, showing } from './define.js';

/** How each message a committee session owes is rendered (src/services/notices.ts, COMMITTEE_NOTICES). */
export function committeeNotices(clock: () => ActionClock): NoticesFor<typeof COMMITTEE_NOTICES> {
  return {
    agenda: defineNotice(COMMITTEE_NOTICES.agenda, {
      async render(db, { committeeId }) {
        const committee = await getCommittee(db, committeeId);
        if (!committee) return null;
        const review = await actionsForReview(db, committee.scheduledAt);
        const shown = { ...committee, items: await hideUnnamed(db, committee.items) };
        const reviewShown = { ...review, actions: await hideUnnamed(db, review.actions) };
        return showing(agendaHeaderMessage(shown, reviewShown, clock()), [
          ...committee.items.map((i) => i.companyId),
          ...review.actions.map((a) => a.companyId),
        ]);
      },
      onErasure: 'rerender',
      // Its link goes in the reminders, the App Home and /comite.
      wantsPermalink: true,
      async posted(db, { committeeId }, _recipient, where) {
        if (!where.permalink) return;
        await recordAgendaPermalink(db, committeeId, where.permalink);
      },
    }),
    proposed: defineNotice(COMMITTEE_NOTICES.proposed, {
      async render(db, { committeeId, agendaDaysBefore }) {
        const committee = await getCommittee(db, committeeId);
        // Cancelled or already published since: nothing left to propose.
        return committee?.status === 'planned'
          ? showing(
              committeeProposedMessage(committee, clock(), agendaDaysBefore),
              committee.items.map((i) => i.companyId),
            )
          : null;
      },
      onErasure: 'rerender',
    }),
    informReminder: defineNotice(COMMITTEE_NOTICES.informReminder, {
      async render(db, { memberId }) {
        const list = await companiesToInform(db, { broughtById: memberId, limit: 20 });
        // Informed since the reminder was owed: nothing to say.
        return list.total
          ? showing(
              informReminderMessage(list, clock()),
              list.items.map((i) => i.companyId),
            )
          : null;
      },
      onErasure: 'rerender',
    }),
    reminder: defineNotice(COMMITTEE_NOTICES.reminder, {
      async render(db, { committeeId, slackUserId }) {
        const committee = await getCommittee(db, committeeId);
        if (committee?.status !== 'agenda_published') return null;
        const open = await structureOpenActions(db, slackUserId);
        return showing(
          committeeReminderMessage(committee, open, clock()),
          open.map((a) => a.companyId),
        );
      },
      onErasure: 'rerender',
    }),
    summary: defineNotice(COMMITTEE_NOTICES.summary, {
      async render(db, { committeeId }) {
        const committee = await getCommitteeSummary(db, committeeId);
        if (!committee) return null;
        const shown = { ...committee, items: await hideUnnamed(db, committee.items) };
        return showing(
          committeeSummaryMessage(shown, clock()),
          committee.items.map((i) => i.companyId),
        );
      },
      onErasure: 'rerender',
    }),
    inform: defineNotice(COMMITTEE_NOTICES.inform, {
      async render(db, { agendaItemId }) {
        const item = await getAgendaItem(db, agendaItemId);
        return item ? showing(informCompanyMessage(item), [item.companyId]) : null;
      },
    }),
    // One message per company on the agenda, updated in place with what the committee decides.
    item: defineNotice(COMMITTEE_NOTICES.item, {
      async render(db, { agendaItemId }) {
        const item = await getAgendaItem(db, agendaItemId);
        if (!item) return null;
        const [shown] = await hideUnnamed(db, [item]);
        return showing(agendaItemMessage(shown!), [item.companyId]);
      },
      async locate(db, { agendaItemId, update }) {
        return inPlace(
          db,
          await agendaItemMessageLocation(db, agendaItemId),
          update,
          agendaItemFirstPostKey(agendaItemId),
        );
      },
      // Kept to update the item in place with what the committee decides.
      async posted(db, { agendaItemId }, _recipient, where) {
        await recordAgendaItemPosted(db, agendaItemId, where);
      },
    }),
  };
}
