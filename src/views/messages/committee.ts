import type { KnownBlock } from '@slack/types';
import { findHeadcountBand, shortBandLabel } from '../../reference/headcount-bands.js';
import { findNafSubclass } from '../../reference/naf.js';
import type {
  ActionsForReview,
  AgendaItemDetails,
  CommitteeDetails,
  CommitteeSummary,
  CommitteeSummaryDetails,
} from '../../services/committees/committees.js';
import type { CompaniesToInform } from '../../services/committees/informing.js';
import { COMMITTEE_BUTTONS } from '../../slack/ids.js';
import { ACTION_STATUS_LABELS, ACTION_TEXTS } from '../../texts/action.js';
import { COMMITTEE_STATUS_LABELS, COMMITTEE_TEXTS as T } from '../../texts/committee.js';
import { COMMON } from '../../texts/common.js';
import { RED_FLAG_LABELS } from '../../texts/visit.js';
import { frenchDate, frenchDateTime } from '../../time.js';
import {
  escapeAndCut,
  actions,
  button,
  context,
  escapeText as esc,
  fields,
  header,
  section,
  truncate,
} from '../blocks.js';
import type { Clock } from './alert.js';
import { stakesLine } from './visit.js';

const CLOSE_CONFIRM = {
  title: { type: 'plain_text' as const, text: T.closeConfirm.title },
  text: { type: 'mrkdwn' as const, text: T.closeConfirm.text },
  confirm: { type: 'plain_text' as const, text: T.closeConfirm.confirm },
  deny: { type: 'plain_text' as const, text: COMMON.back },
};

const CANCEL_CONFIRM = {
  title: { type: 'plain_text' as const, text: T.cancelConfirm.title },
  text: { type: 'mrkdwn' as const, text: T.cancelConfirm.text },
  confirm: { type: 'plain_text' as const, text: T.cancelConfirm.confirm },
  deny: { type: 'plain_text' as const, text: COMMON.back },
  style: 'danger' as const,
};

/** What the coordination can do with a session at its stage. */
function sessionButtons(c: CommitteeSummary) {
  if (c.status === 'planned') {
    return [
      button(T.buttons.publish, COMMITTEE_BUTTONS.publish, c.id, 'primary'),
      button(T.buttons.editAgenda, COMMITTEE_BUTTONS.editAgenda, c.id),
      button(T.buttons.reschedule, COMMITTEE_BUTTONS.reschedule, c.id),
      { ...button(T.buttons.cancel, COMMITTEE_BUTTONS.cancel, c.id), confirm: CANCEL_CONFIRM },
    ];
  }
  if (c.status === 'agenda_published' || c.status === 'held')
    return [{ ...button(T.buttons.close, COMMITTEE_BUTTONS.close, c.id), confirm: CLOSE_CONFIRM }];
  return [];
}

/**
 * `/comite`: the coming sessions; for the coordination, each session's next steps and the
 * companies still to inform of past decisions.
 */
export function committeesMessage(
  list: CommitteeSummary[],
  clock: Clock,
  options: { canRun: boolean; toInform?: number; rhythm?: string | undefined },
) {
  const blocks: KnownBlock[] = [section(T.list.heading)];
  if (list.length === 0) blocks.push(context(T.list.none));
  for (const c of list) {
    const agenda = c.agendaPermalink
      ? `<${c.agendaPermalink}|${T.list.agenda(c._count.items)}>`
      : T.list.agenda(c._count.items);
    blocks.push(
      section(
        T.list.session(
          frenchDateTime(c.scheduledAt, clock.timeZone),
          c.channelId,
          COMMITTEE_STATUS_LABELS[c.status],
          agenda,
        ),
      ),
    );
    const next = options.canRun ? sessionButtons(c) : [];
    if (next.length) blocks.push(actions(`committee_${c.id}`, next));
  }
  if (options.canRun) {
    if (options.toInform) blocks.push(context(T.list.toInform(options.toInform)));
    if (options.rhythm) blocks.push(context(T.list.rhythm(options.rhythm)));
    blocks.push(actions('committee_actions', [button(T.buttons.plan, COMMITTEE_BUTTONS.plan, undefined, 'primary')]));
  }
  return { text: T.list.title, blocks };
}

/** To each coordinator: the rhythm proposed the next session; move it, edit it or cancel it in /comite. */
export function committeeProposedMessage(committee: CommitteeDetails, clock: Clock, agendaDaysBefore: number) {
  return {
    text: T.proposed.text(frenchDateTime(committee.scheduledAt, clock.timeZone)),
    blocks: [
      section(
        T.proposed.body(
          frenchDateTime(committee.scheduledAt, clock.timeZone),
          committee.channelId,
          committee.items.length,
        ),
      ),
      context(T.proposed.footer(agendaDaysBefore)),
    ],
  };
}

type ToInform = CompaniesToInform['items'][number];

function toInformLine(item: ToInform, clock: Clock, withCapteur: boolean) {
  const days = item.committee.closedAt
    ? Math.floor((clock.now.getTime() - item.committee.closedAt.getTime()) / 86_400_000)
    : 0;
  const who =
    withCapteur && item.broughtBy
      ? T.broughtBy(item.broughtBy.slackUserId, item.broughtBy.structure ? esc(item.broughtBy.structure.name) : null)
      : null;
  return T.toInformLine(
    escapeAndCut(item.company.name, 150),
    esc(item.company.commune),
    frenchDate(item.committee.scheduledAt),
    days,
    who,
  );
}

/** To a capteur: the companies they brought that are still to be told of the decisions. */
export function informReminderMessage(list: CompaniesToInform, clock: Clock) {
  return {
    text: T.informReminder.text(list.total),
    blocks: [
      section(T.informReminder.body(list.total)),
      ...list.items
        .slice(0, 20)
        .map((item) =>
          section(
            toInformLine(item, clock, false),
            button(T.buttons.informed, COMMITTEE_BUTTONS.informed, item.id, 'primary'),
          ),
        ),
      ...(list.total > 20 ? [context(COMMON.andOthers(list.total - 20))] : []),
    ],
  };
}

/** `/comite a-informer`, for the coordination: every company not yet informed, with who should. */
export function companiesToInformMessage(list: CompaniesToInform, clock: Clock) {
  return {
    text: T.toInform.text,
    blocks: [
      section(T.toInform.heading(list.total)),
      ...(list.total === 0 ? [context(T.toInform.allInformed)] : []),
      ...list.items
        .slice(0, 40)
        .map((item) =>
          section(
            `${toInformLine(item, clock, true)}${item.informReminders ? T.toInform.reminders(item.informReminders) : ''}`,
            button(T.buttons.informed, COMMITTEE_BUTTONS.informed, item.id),
          ),
        ),
      ...(list.total > 40 ? [context(T.toInform.oldestOnly(40, list.total))] : []),
    ],
  };
}

/**
 * The agenda's header, posted in the committee channel before the items: the companies, then
 * the open actions to review (due by the session, or blocked).
 */
/** A session as the channel shows it: a company without consent by its label (services/committees/consent.ts). */
type CommitteeShown = Omit<CommitteeDetails, 'items'> & {
  items: (CommitteeDetails['items'][number] & { companyHidden?: boolean })[];
};

export function agendaHeaderMessage(committee: CommitteeShown, review: ActionsForReview, clock: Clock) {
  // A company shown without its name: its label already says its commune.
  const list = committee.items
    .map(
      (i) => `${i.rank}. ${escapeAndCut(i.company.name, 120)}${i.companyHidden ? '' : ` (${esc(i.company.commune)})`}`,
    )
    .join('\n');
  const reviewLines = review.actions.map((a) =>
    T.agendaHeader.reviewLine(
      escapeAndCut(a.title, 120),
      escapeAndCut(a.company.name, 80),
      esc(a.ownerStructure.name),
      ACTION_STATUS_LABELS[a.status],
      frenchDate(a.dueDate),
    ),
  );
  const at = frenchDateTime(committee.scheduledAt, clock.timeZone);
  return {
    text: T.agendaHeader.text(at),
    blocks: [
      header(T.agendaHeader.title(at)),
      section(truncate(T.agendaHeader.companies(committee.items.length, list), 3000)),
      ...(review.actions.length
        ? [
            section(truncate(T.agendaHeader.review(review.total, reviewLines.join('\n')), 3000)),
            ...(review.total > review.actions.length
              ? [context(T.agendaHeader.moreActions(review.total - review.actions.length))]
              : []),
          ]
        : []),
      context(T.agendaHeader.footer),
    ],
  };
}

/**
 * One company on the agenda: identity, who brought it, and for each visit its stakes, needs,
 * first diagnostic and red flags — the content of a visit the company did not agree to share
 * stays out of the channel.
 */
const I = T.agendaItem;

export function agendaItemMessage(item: AgendaItemDetails & { companyHidden?: boolean }) {
  const c = item.company;
  const naf = findNafSubclass(c.nafCode);
  const band = findHeadcountBand(c.headcountBand);
  const visits = item.visits.map((v) => v.visit).sort((a, b) => b.visitDate.getTime() - a.visitDate.getTime());
  const flags = [
    ...new Set(visits.filter((v) => v.consentToShare).flatMap((v) => v.redFlags.map((f) => RED_FLAG_LABELS[f.flag]))),
  ];
  const visitBlocks = visits
    .slice(0, 5)
    .map((v) =>
      v.consentToShare
        ? section(
            truncate(
              [
                I.visit(frenchDate(v.visitDate), v.capteur.slackUserId, v.structure ? esc(v.structure.name) : null),
                I.stakes(stakesLine(v.stakes)),
                I.needs(escapeAndCut(v.needs, 700)),
                I.diagnostic(escapeAndCut(v.diagnostic, 1200)),
              ].join('\n'),
              3000,
            ),
          )
        : context(I.visitNotShared(frenchDate(v.visitDate), v.structure ? esc(v.structure.name) : null)),
    );
  const outcome = [
    ...(item.decision ? [I.decision(escapeAndCut(item.decision, 1500))] : []),
    ...(item.noFollowUp ? [I.noFollowUp] : []),
    ...item.actions.map((a) =>
      I.action(
        escapeAndCut(a.title, 150),
        esc(a.ownerStructure.name),
        ACTION_STATUS_LABELS[a.status],
        frenchDate(a.dueDate),
      ),
    ),
    ...(item.informedAt ? [I.informed(frenchDate(item.informedAt))] : []),
  ];
  const inMeeting = item.committee.status === 'agenda_published' || item.committee.status === 'held';
  const nameButton = {
    ...button(T.buttons.nameCompany, COMMITTEE_BUTTONS.itemNameCompany, item.id),
    confirm: {
      title: { type: 'plain_text' as const, text: I.nameConfirm.title },
      text: { type: 'mrkdwn' as const, text: I.nameConfirm.text },
      confirm: { type: 'plain_text' as const, text: I.nameConfirm.confirm },
      deny: { type: 'plain_text' as const, text: COMMON.cancel },
    },
  };
  const hidden = item.companyHidden ? [context(I.hidden), actions('agenda_item_naming', [nameButton])] : [];
  return {
    text: I.text(item.rank, esc(c.name)),
    blocks: [
      section(`*${item.rank}. ${escapeAndCut(c.name, 200)}*${item.companyHidden ? '' : ` — ${esc(c.commune)}`}`),
      fields([
        I.activity(c.nafCode, naf?.label ?? null),
        I.headcount(band ? shortBandLabel(band) : c.headcountBand),
        I.broughtBy(
          item.broughtBy
            ? T.broughtBy(
                item.broughtBy.slackUserId,
                item.broughtBy.structure ? esc(item.broughtBy.structure.name) : null,
              )
            : null,
        ),
        I.redFlags(flags),
      ]),
      ...visitBlocks,
      ...hidden,
      ...(visits.length > 5 ? [context(I.olderVisits(visits.length - 5))] : []),
      ...(outcome.length ? [section(truncate(outcome.join('\n'), 3000))] : []),
      ...(inMeeting
        ? [
            actions('agenda_item_buttons', [
              button(T.buttons.createAction, COMMITTEE_BUTTONS.itemAction, item.id, 'primary'),
              button(T.buttons.decision, COMMITTEE_BUTTONS.itemDecision, item.id),
              button(T.buttons.noFollowUp, COMMITTEE_BUTTONS.itemNoFollowUp, item.id),
            ]),
          ]
        : []),
    ],
  };
}

/** Decisions, actions and items without follow-up: the summary posted when a session closes. */
export function committeeSummaryMessage(committee: CommitteeSummaryDetails, clock: Clock) {
  const lines = committee.items.map((item) => {
    const parts = [
      `*${item.rank}. ${escapeAndCut(item.company.name, 150)}*`,
      ...(item.decision ? [T.summary.decision(escapeAndCut(item.decision, 600))] : []),
      ...item.actions.map((a) =>
        T.summary.action(
          escapeAndCut(a.title, 150),
          esc(a.ownerStructure.name),
          a.ownerMember?.slackUserId ?? null,
          frenchDate(a.dueDate),
        ),
      ),
      ...(item.noFollowUp ? [T.summary.noFollowUp] : []),
      ...(!item.decision && !item.noFollowUp && item.actions.length === 0 ? [T.summary.notExamined] : []),
    ];
    return parts.join('\n');
  });
  // Items grouped into sections of at most 3000 characters, within the message's 50 blocks.
  const sections: string[] = [];
  for (const line of lines) {
    const last = sections.at(-1);
    if (last !== undefined && last.length + line.length + 2 <= 3000)
      sections[sections.length - 1] = `${last}\n\n${line}`;
    else sections.push(truncate(line, 3000));
  }
  return {
    text: T.summary.text(frenchDateTime(committee.scheduledAt, clock.timeZone)),
    blocks: [
      header(T.summary.title(frenchDate(committee.scheduledAt))),
      ...sections.slice(0, 45).map((text) => section(text)),
      context(T.summary.footer),
    ],
  };
}

/** The French text a capteur sends the company: what the committee decided for it. */
export function decisionsForCompany(item: AgendaItemDetails): string {
  return T.decisionsForCompany({
    company: item.company.name,
    committeeDate: frenchDate(item.committee.scheduledAt),
    decision: item.decision,
    actions: item.actions.map((a) => ({
      title: a.title,
      structure: a.ownerStructure.name,
      due: frenchDate(a.dueDate),
    })),
    noFollowUp: item.noFollowUp,
  });
}

const CODE_FENCE = '```';

/** To the capteur who brought the company: the decisions to pass on, and « Entreprise informée ». */
export function informCompanyMessage(item: AgendaItemDetails) {
  // A fence typed by someone would close the code block early.
  const body = esc(decisionsForCompany(item).split(CODE_FENCE).join("'''"));
  return {
    text: T.informCompany.text(esc(item.company.name)),
    blocks: [
      section(T.informCompany.intro(frenchDate(item.committee.scheduledAt), escapeAndCut(item.company.name, 200))),
      section(`${CODE_FENCE}${truncate(body, 2990)}${CODE_FENCE}`),
      ...(item.informedAt
        ? [
            context(
              T.informCompany.informed(
                T.informedHow[item.informedHow as keyof typeof T.informedHow] ?? null,
                frenchDate(item.informedAt),
              ),
            ),
          ]
        : [actions('inform_buttons', [button(T.buttons.informed, COMMITTEE_BUTTONS.informed, item.id, 'primary')])]),
    ],
  };
}

type ActionToUpdate = {
  title: string;
  status: keyof typeof ACTION_STATUS_LABELS;
  dueDate: Date;
  company: { name: string };
};

/** J-2, to a committee member: the session, its agenda in the channel, and their structure's actions to update. */
export function committeeReminderMessage(committee: CommitteeDetails, actionsToUpdate: ActionToUpdate[], clock: Clock) {
  const lines = actionsToUpdate
    .slice(0, 15)
    .map((a) =>
      T.reminder.actionLine(
        escapeAndCut(a.title, 150),
        escapeAndCut(a.company.name, 100),
        ACTION_STATUS_LABELS[a.status],
        frenchDate(a.dueDate),
      ),
    );
  const at = frenchDateTime(committee.scheduledAt, clock.timeZone);
  return {
    text: T.reminder.text(at),
    blocks: [
      section(T.reminder.body(at, committee.items.length, committee.channelId, committee.agendaPermalink ?? null)),
      section(
        truncate(
          lines.length ? T.reminder.actions(actionsToUpdate.length, lines.join('\n')) : T.reminder.noActions,
          3000,
        ),
      ),
      context(ACTION_TEXTS.updateThem),
    ],
  };
}
