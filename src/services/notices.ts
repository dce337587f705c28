import { z } from 'zod';
import { type NoticeType, noticeType } from './outbox.js';

/**
 * The catalogue of owed messages (src/services/outbox.ts): each kind with the schema of its
 * payload, grouped by the domain that owes it. A service owes one with
 * `enqueue(tx, ALERT_NOTICES.reminder, { dedupeKey, recipient, data })`, and only that kind's
 * payload compiles; its renderer (src/notifications/, `defineNotice`) is given it checked and
 * typed. A stored payload that no longer fits its schema fails for good when it comes to be sent.
 *
 * The kinds' names are stored with every owed message and every posted one: never rename one.
 * Payloads hold ids, numbers and flags only, never personal data: the renderer reads the rest
 * from the database when the message goes (and finds nothing once it was erased).
 */

const id = z.string();
/** Whether this is an update of a message shown in place, owed after its first post. */
const update = z.boolean().optional();

/** The messages an alert owes (services/alerts). */
export const ALERT_NOTICES = {
  /**
   * The coordinator's page, shown in place: posted once, updated at each transition.
   * Rendered by src/notifications/alert.ts.
   */
  page: noticeType('alert_page', z.object({ alertId: id, update })),
  /**
   * The need sent to a France Travail adviser in Slack, shown in place like the page.
   * Rendered by src/notifications/alert.ts.
   */
  franceTravailRequest: noticeType('alert_ft_request', z.object({ alertId: id, update })),
  /**
   * A direct message about one transition (to the capteur, or the coordinators).
   * Rendered by src/notifications/alert.ts.
   */
  news: noticeType('alert_news', z.object({ alertId: id, transitionId: id })),
  /** The offer posted to the partners' channel. Rendered by src/notifications/alert.ts. */
  diffusion: noticeType('alert_diffusion', z.object({ alertId: id })),
  /**
   * Before the deadline, to the coordinators: the alert is not transmitted yet. `hours` is the
   * reminder it stands for (ALERT_REMINDER_HOURS: any positive number, 1.5 is one), kept for the
   * record; the message says the real time elapsed since the alert was raised, from the clock.
   * Rendered by src/notifications/alert.ts.
   */
  reminder: noticeType('alert_reminder', z.object({ alertId: id, hours: z.number().positive() })),
  /**
   * The deadline passed before transmission: to the administrators and coordinators.
   * Rendered by src/notifications/alert.ts.
   */
  breach: noticeType('alert_breach', z.object({ alertId: id })),
} as const;

/** The messages an action owes (services/actions). */
export const ACTION_NOTICES = {
  /**
   * The action's message in the committee channel, posted once and updated in place.
   * Rendered by src/notifications/action.ts.
   */
  message: noticeType('action_message', z.object({ actionId: id, update })),
  /**
   * A DM to the owner when someone else assigns or changes their action (`updateId`: the change).
   * Rendered by src/notifications/action.ts.
   */
  news: noticeType('action_news', z.object({ actionId: id, updateId: id })),
  /**
   * The morning digest of a person's actions overdue or due soon, on `day` (local, YYYY-MM-DD).
   * Rendered by src/notifications/action.ts.
   */
  digest: noticeType('action_digest', z.object({ slackUserId: id, day: z.iso.date() })),
} as const;

/** The messages a committee session owes (services/committees). */
export const COMMITTEE_NOTICES = {
  /** The agenda's header in the committee channel. Rendered by src/notifications/committee.ts. */
  agenda: noticeType('committee_agenda', z.object({ committeeId: id })),
  /**
   * One message per company on the agenda, updated in place with what is decided.
   * Rendered by src/notifications/committee.ts.
   */
  item: noticeType('agenda_item', z.object({ agendaItemId: id, update })),
  /**
   * The session's summary of decisions, posted when it is closed.
   * Rendered by src/notifications/committee.ts.
   */
  summary: noticeType('committee_summary', z.object({ committeeId: id })),
  /**
   * To the capteur who brought a company: the decisions to pass on, ready to send.
   * Rendered by src/notifications/committee.ts.
   */
  inform: noticeType('inform_company', z.object({ agendaItemId: id })),
  /**
   * Before the session (J-2), to each committee member: read the agenda, update your actions.
   * Rendered by src/notifications/committee.ts.
   */
  reminder: noticeType('committee_reminder', z.object({ committeeId: id, slackUserId: id })),
  /**
   * To a capteur (`memberId`): the companies they have not informed yet of the committee's
   * decisions. Rendered by src/notifications/committee.ts.
   */
  informReminder: noticeType('inform_reminder', z.object({ memberId: id })),
  /**
   * To each coordinator: a session proposed by the configured rhythm, whose agenda is published
   * `agendaDaysBefore` days before it. Rendered by src/notifications/committee.ts.
   */
  proposed: noticeType(
    'committee_proposed',
    z.object({ committeeId: id, agendaDaysBefore: z.number().int().nonnegative() }),
  ),
} as const;

/** The messages a visit owes (services/visits). */
export const VISIT_NOTICES = {
  /** To the capteur who filed a visit: what was recorded. Rendered by src/notifications/visit.ts. */
  confirmation: noticeType('visit_confirmation', z.object({ visitId: id })),
  /**
   * To a capteur: other structures visited the same company around their visit (`visitId`).
   * Rendered by src/notifications/visit.ts.
   */
  overlap: noticeType('visit_overlap', z.object({ visitId: id, otherVisitIds: z.array(id) })),
} as const;

/** The messages the visit programmes owe (services/programmes). */
export const PROGRAMME_NOTICES = {
  /**
   * To a structure's capteurs, mid-month: the programme is behind its pace.
   * Rendered by src/notifications/programme.ts.
   */
  nudge: noticeType('programme_nudge', z.object({ structureId: id })),
} as const;

/** The messages the steering indicators owe (services/indicators). */
export const INDICATORS_NOTICES = {
  /**
   * A quarter's frozen indicators, to the steering channel.
   * Rendered by src/notifications/indicators.ts.
   */
  snapshot: noticeType(
    'indicators_snapshot',
    z.object({ year: z.number().int(), quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]) }),
  ),
} as const;

/** The messages the protection of personal data owes (services/privacy). */
export const PRIVACY_NOTICES = {
  /**
   * A message already posted, updated in place once what it showed was erased (`erase`) or its
   * retention period ended (`refresh`): services/privacy/posted-messages.ts.
   * Rendered by src/notifications/privacy.ts.
   */
  postedMessageRefresh: noticeType(
    'posted_message_refresh',
    z.object({ postedMessageId: id, mode: z.enum(['erase', 'refresh']) }),
  ),
} as const;

/** Every kind of owed message, by domain: src/notifications/ has a renderer for each, under the same keys. */
export const NOTICES = {
  alert: ALERT_NOTICES,
  action: ACTION_NOTICES,
  committee: COMMITTEE_NOTICES,
  visit: VISIT_NOTICES,
  programme: PROGRAMME_NOTICES,
  indicators: INDICATORS_NOTICES,
  privacy: PRIVACY_NOTICES,
} as const;

/** A domain's notice types, by name. */
export type NoticeGroup = Readonly<Record<string, NoticeType>>;

/** Every notice type of the catalogue. */
export const ALL_NOTICE_TYPES: readonly NoticeType[] = Object.values(NOTICES).flatMap((group: NoticeGroup) =>
  Object.values(group),
);
