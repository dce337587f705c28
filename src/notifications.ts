import { z } from 'zod';
import type { MessageRef, Notice, RenderedMessage } from './notifier.js';
import { POSTED_MESSAGE_REFRESH, type RefreshMode } from './services/privacy/posted-messages.js';
import { contentRemovedMessage } from './views/messages/privacy.js';
import { ACTION_NOTICES, getAction, structureOpenActions } from './services/actions/actions.js';
import { ACTION_DIGEST, actionsToMention, DIGEST_SETTINGS } from './services/actions/digest.js';
import { ALERT_NOTICES, getAlert } from './services/alerts/alerts.js';
import {
  actionsForReview,
  COMMITTEE_NOTICES,
  getAgendaItem,
  getCommittee,
  getCommitteeSummary,
} from './services/committees/committees.js';
import { companiesToInform } from './services/committees/informing.js';
import { hideUnnamed } from './services/committees/consent.js';
import { audit } from './services/audit.js';
import type { Db } from './services/db.js';
import { getVisitSummary, VISIT_CONFIRMATION } from './services/visits/file-visit.js';
import {
  alertBreachMessage,
  alertDiffusionMessage,
  alertNewsMessage,
  alertPageMessage,
  alertReminderMessage,
  franceTravailRequestMessage,
  type Clock,
} from './views/messages/alert.js';
import { actionDigestMessage, actionMessage, actionNewsMessage, type ActionClock } from './views/messages/action.js';
import {
  agendaHeaderMessage,
  agendaItemMessage,
  committeeProposedMessage,
  committeeReminderMessage,
  committeeSummaryMessage,
  informCompanyMessage,
  informReminderMessage,
} from './views/messages/committee.js';
import { visitConfirmationMessage, visitOverlapMessage } from './views/messages/visit.js';
import { programmeNudgeMessage } from './views/messages/programme.js';
import { indicatorsSnapshotMessage } from './views/messages/indicators.js';
import { getSnapshotWithPrevious, INDICATORS_NOTICE } from './services/indicators/steering.js';
import { getOverlap, VISIT_OVERLAP } from './services/visits/overlap.js';
import { PROGRAMME_NUDGE, programmeProgress } from './services/programmes/progress.js';

/** A rendered message with what it shows (services/privacy/posted-messages.ts): it is located once posted. */
function showing<M extends { text: string; blocks: unknown[] }>(
  message: M,
  companyIds: (string | null | undefined)[],
  showsContacts = false,
): RenderedMessage {
  return { ...message, companyIds: companyIds.filter((id): id is string => typeof id === 'string'), showsContacts };
}

/**
 * Where a message shown in place goes: onto its message once posted; a new one for its first
 * post; an update whose first post is still owed waits for it, so it never posts a duplicate.
 */
async function inPlace(
  db: Db,
  posted: { channel: string | null; ts: string | null } | null | undefined,
  update: boolean | undefined,
  firstPostKey: string,
) {
  if (posted?.channel && posted.ts) return { channel: posted.channel, ts: posted.ts };
  if (!update) return 'new' as const;
  const firstPost = await db.outboxMessage.findUnique({ where: { dedupeKey: firstPostKey }, select: { status: true } });
  return firstPost?.status === 'pending' ? ('wait' as const) : ('new' as const);
}

const alertData = z.object({
  alertId: z.string(),
  update: z.boolean().optional(),
  transitionId: z.string().optional(),
  hours: z.number().optional(),
});

/**
 * A message that shows an alert in place (a page, a France Travail request): posted once, then
 * updated. An update waits while the first post is still owed, so it never posts a duplicate.
 */
function shownInPlace(
  kind: string,
  render: (
    alert: NonNullable<Awaited<ReturnType<typeof getAlert>>>,
    clock: Clock,
  ) => { text: string; blocks: unknown[] },
  clock: () => Clock,
): Notice {
  return {
    async render(db, data) {
      const alert = await getAlert(db, alertData.parse(data).alertId);
      // It shows the company contact's name, phone and e-mail.
      return alert ? showing(render(alert, clock()), [alert.companyId], true) : null;
    },
    async locate(db, data, recipient) {
      const { alertId, update } = alertData.parse(data);
      const shown = await db.alertMessage.findUnique({
        where: { alertId_kind_recipient: { alertId, kind, recipient } },
      });
      return inPlace(db, shown, update, `${kind}:${alertId}:${recipient}`);
    },
    async posted(db: Db, data: unknown, recipient: string, where: MessageRef) {
      const { alertId } = alertData.parse(data);
      await db.alertMessage.upsert({
        where: { alertId_kind_recipient: { alertId, kind, recipient } },
        create: { alertId, kind, recipient, ...where },
        update: where,
      });
      // The message shows the company contact's name, phone and e-mail: who got them is audited.
      await audit(db, {
        actorSlackId: null,
        action: 'alert.contact_shown',
        entity: 'RecruitmentAlert',
        entityId: alertId,
        details: { recipient, kind },
      });
    },
  };
}

/** A message about an alert, posted once. */
function aboutAlert(
  render: (
    alert: NonNullable<Awaited<ReturnType<typeof getAlert>>>,
    data: z.infer<typeof alertData>,
    clock: Clock,
  ) => { text: string; blocks: unknown[] },
  clock: () => Clock,
  showsContacts = false,
): Notice {
  return {
    async render(db, data) {
      const parsed = alertData.parse(data);
      const alert = await getAlert(db, parsed.alertId);
      return alert ? showing(render(alert, parsed, clock()), [alert.companyId], showsContacts) : null;
    },
  };
}

const actionData = z.object({ actionId: z.string(), update: z.boolean().optional() });

/** An action's message in the committee channel: posted once, then updated in place. */
function actionInPlace(clock: () => ActionClock): Notice {
  return {
    async render(db, data) {
      const action = await getAction(db, actionData.parse(data).actionId);
      if (!action) return null;
      // In the committee channel: a company that did not consent is not named there.
      const [shown] = await hideUnnamed(db, [action]);
      return showing(actionMessage(shown!, clock()), [action.companyId]);
    },
    async locate(db, data) {
      const { actionId, update } = actionData.parse(data);
      const action = await db.action.findUnique({
        where: { id: actionId },
        select: { channelId: true, messageTs: true },
      });
      return inPlace(
        db,
        action && { channel: action.channelId, ts: action.messageTs },
        update,
        `${ACTION_NOTICES.message}:${actionId}`,
      );
    },
    async posted(db, data, _recipient, where) {
      await db.action.update({
        where: { id: actionData.parse(data).actionId },
        data: { channelId: where.channel, messageTs: where.ts },
      });
    },
  };
}

/** How each kind of owed message (services/outbox.ts) is rendered when it is sent. */
export function createNotices(clock: () => ActionClock): Record<string, Notice> {
  const notices: Record<string, Notice> = {
    [COMMITTEE_NOTICES.agenda]: {
      async render(db, data) {
        const committee = await getCommittee(db, z.object({ committeeId: z.string() }).parse(data).committeeId);
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
      async posted(db, data, _recipient, where) {
        if (!where.permalink) return;
        await db.committee.update({
          where: { id: z.object({ committeeId: z.string() }).parse(data).committeeId },
          data: { agendaPermalink: where.permalink },
        });
      },
    },
    [COMMITTEE_NOTICES.proposed]: {
      async render(db, data) {
        const { committeeId, agendaDaysBefore } = z
          .object({ committeeId: z.string(), agendaDaysBefore: z.number() })
          .parse(data);
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
    },
    [COMMITTEE_NOTICES.informReminder]: {
      async render(db, data) {
        const list = await companiesToInform(db, {
          broughtById: z.object({ memberId: z.string() }).parse(data).memberId,
          limit: 20,
        });
        // Informed since the reminder was owed: nothing to say.
        return list.total
          ? showing(
              informReminderMessage(list, clock()),
              list.items.map((i) => i.companyId),
            )
          : null;
      },
      onErasure: 'rerender',
    },
    [COMMITTEE_NOTICES.reminder]: {
      async render(db, data) {
        const { committeeId, slackUserId } = z.object({ committeeId: z.string(), slackUserId: z.string() }).parse(data);
        const committee = await getCommittee(db, committeeId);
        if (committee?.status !== 'agenda_published') return null;
        const open = await structureOpenActions(db, slackUserId);
        return showing(
          committeeReminderMessage(committee, open, clock()),
          open.map((a) => a.companyId),
        );
      },
      onErasure: 'rerender',
    },
    [COMMITTEE_NOTICES.summary]: {
      async render(db, data) {
        const committee = await getCommitteeSummary(db, z.object({ committeeId: z.string() }).parse(data).committeeId);
        if (!committee) return null;
        const shown = { ...committee, items: await hideUnnamed(db, committee.items) };
        return showing(
          committeeSummaryMessage(shown, clock()),
          committee.items.map((i) => i.companyId),
        );
      },
      onErasure: 'rerender',
    },
    [COMMITTEE_NOTICES.inform]: {
      async render(db, data) {
        const item = await getAgendaItem(db, z.object({ agendaItemId: z.string() }).parse(data).agendaItemId);
        return item ? showing(informCompanyMessage(item), [item.companyId]) : null;
      },
    },
    [COMMITTEE_NOTICES.item]: {
      async render(db, data) {
        const item = await getAgendaItem(db, z.object({ agendaItemId: z.string() }).parse(data).agendaItemId);
        if (!item) return null;
        const [shown] = await hideUnnamed(db, [item]);
        return showing(agendaItemMessage(shown!), [item.companyId]);
      },
      async locate(db, data) {
        const { agendaItemId, update } = z
          .object({ agendaItemId: z.string(), update: z.boolean().optional() })
          .parse(data);
        const item = await db.agendaItem.findUnique({
          where: { id: agendaItemId },
          select: { channelId: true, messageTs: true },
        });
        return inPlace(
          db,
          item && { channel: item.channelId, ts: item.messageTs },
          update,
          `${COMMITTEE_NOTICES.item}:${agendaItemId}`,
        );
      },
      // Kept to update the item in place with what the committee decides.
      async posted(db, data, _recipient, where) {
        await db.agendaItem.update({
          where: { id: z.object({ agendaItemId: z.string() }).parse(data).agendaItemId },
          data: { channelId: where.channel, messageTs: where.ts },
        });
      },
    },
    [ACTION_NOTICES.message]: actionInPlace(clock),
    [ACTION_DIGEST]: {
      async render(db, data) {
        const { slackUserId, day } = z.object({ slackUserId: z.string(), day: z.string() }).parse(data);
        const items = await actionsToMention(db, slackUserId, day, DIGEST_SETTINGS);
        // Done since the digest was owed: nothing left to say, nothing is sent.
        return items.length
          ? showing(
              actionDigestMessage(items, clock()),
              items.map((a) => a.companyId),
            )
          : null;
      },
      onErasure: 'rerender',
    },
    [ACTION_NOTICES.news]: {
      async render(db, data) {
        const action = await getAction(db, actionData.parse(data).actionId);
        return action ? showing(actionNewsMessage(action, clock()), [action.companyId]) : null;
      },
    },
    [INDICATORS_NOTICE]: {
      async render(db, data) {
        const { year, quarter } = z
          .object({
            year: z.number().int(),
            quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
          })
          .parse(data);
        const snapshot = await getSnapshotWithPrevious(db, year, quarter);
        return snapshot ? indicatorsSnapshotMessage(snapshot, clock().timeZone) : null;
      },
    },
    [VISIT_OVERLAP]: {
      async render(db, data) {
        const { visitId, otherVisitIds } = z
          .object({ visitId: z.string(), otherVisitIds: z.array(z.string()) })
          .parse(data);
        const overlap = await getOverlap(db, visitId, otherVisitIds);
        return overlap ? showing(visitOverlapMessage(overlap), [overlap.visit.company.id]) : null;
      },
    },
    [PROGRAMME_NUDGE]: {
      async render(db, data) {
        const { structureId } = z.object({ structureId: z.string() }).parse(data);
        const { today } = clock();
        const [progress] = await programmeProgress(db, today, { structureId });
        // Caught up since the nudge was owed: nothing to say.
        return progress?.behindPace
          ? showing(
              programmeNudgeMessage(progress, today),
              progress.targets.notVisited.map((t) => t.companyId),
            )
          : null;
      },
      onErasure: 'rerender',
    },
    [VISIT_CONFIRMATION]: {
      async render(db, data) {
        const { visitId } = z.object({ visitId: z.string() }).parse(data);
        const visit = await getVisitSummary(db, visitId);
        return visit ? showing(visitConfirmationMessage(visit), [visit.companyId]) : null;
      },
    },
    [ALERT_NOTICES.page]: shownInPlace(ALERT_NOTICES.page, alertPageMessage, clock),
    [ALERT_NOTICES.franceTravailRequest]: shownInPlace(
      ALERT_NOTICES.franceTravailRequest,
      franceTravailRequestMessage,
      clock,
    ),
    // Both may show France Travail's contact for the offer.
    [ALERT_NOTICES.news]: aboutAlert(
      (alert, data, c) => alertNewsMessage(alert, data.transitionId ?? '', c),
      clock,
      true,
    ),
    [ALERT_NOTICES.diffusion]: aboutAlert((alert) => alertDiffusionMessage(alert), clock, true),
    [ALERT_NOTICES.reminder]: aboutAlert((alert, _data, c) => alertReminderMessage(alert, c), clock),
    [ALERT_NOTICES.breach]: aboutAlert((alert, _data, c) => alertBreachMessage(alert, c), clock),
  };
  notices[POSTED_MESSAGE_REFRESH] = postedMessageRefresh(notices);
  return notices;
}

const refreshData = z.object({ postedMessageId: z.string(), mode: z.enum(['erase', 'refresh']) });

/**
 * A message already posted, updated in place once what it showed was removed: an erased
 * company's message replaced by « Données effacées… » (one about several companies rendered
 * again, now without it); after a retention period, rendered again from what remains.
 */
function postedMessageRefresh(notices: Record<string, Notice>): Notice {
  return {
    async render(db, data) {
      const { postedMessageId, mode } = refreshData.parse(data);
      const posted = await db.postedMessage.findUnique({ where: { id: postedMessageId } });
      if (!posted) return null;
      const removed = contentRemovedMessage(mode as RefreshMode);
      if (posted.redactedAt) return removed;
      const original = notices[posted.kind];
      if (original && (mode === 'refresh' || original.onErasure === 'rerender')) {
        const again = await original.render(db, posted.data, posted.channel);
        if (again) return again;
      }
      // Never shown again: updates of it still owed are dropped (src/notifier.ts).
      await db.postedMessage.update({ where: { id: posted.id }, data: { redactedAt: new Date() } });
      return removed;
    },
    async locate(db, data) {
      const posted = await db.postedMessage.findUnique({
        where: { id: refreshData.parse(data).postedMessageId },
        select: { channel: true, ts: true },
      });
      return posted ?? 'new';
    },
  };
}
