/**
 * Technical committees: /comite, planning a session, the session the rhythm proposes, the J-2
 * reminder, the closing, the companies to inform.
 */
import { expect } from 'vitest';
import type { CommitteeStatus } from '../../../src/generated/prisma/enums.js';
import type { CommitteeDetails, CommitteeSummary } from '../../../src/services/committees/committees.js';
import type { CompaniesToInform } from '../../../src/services/committees/informing.js';
import { COMMITTEE_BLOCKS, COMMITTEE_BUTTONS, VIEWS } from '../../../src/slack/ids.js';
import { frenchDate, frenchDateTime } from '../../../src/time.js';
import { escapeText } from '../../../src/views/blocks.js';
import type { Clock } from '../../../src/views/messages/alert.js';
import {
  committeeProposedMessage,
  committeeReminderMessage,
  committeeSummaryMessage,
  committeesMessage,
  companiesToInformMessage,
  informCompanyMessage,
  informReminderMessage,
} from '../../../src/views/messages/committee.js';
import { committeePlanModal, informedModal } from '../../../src/views/modals/committee.js';
import { COMMITTEE_TEXTS } from '../../../src/texts/committee.js';
import {
  AGENDA_60,
  AGENDA_EMPTY,
  AGENDA_THREE,
  COMMITTEES_INFORM_RHYTHM,
  COMMITTEES_WORST_OPTIONS,
  COMMITTEE_AT_TEXT,
  COMMITTEE_CLOCK,
  COMMITTEE_OPENING,
  COMMITTEE_OPENING_CHANNEL,
  COMMITTEE_OPENING_MOVE,
  COMMITTEE_OPENING_WORST,
  COMMITTEE_STATUSES,
  type CommitteesOptions,
  INFORMED_ITEM,
  INFORM_CLOCK,
  INFORM_DAYS,
  IN_MEETING_ITEM,
  TEN_SESSIONS,
  TO_INFORM_NONE,
  TO_INFORM_TWO,
  TO_INFORM_WORST,
  TO_INFORM_WORST_CAPTEUR,
  type ToInformItem,
  agendaLink,
  committeeChannel,
  proposed,
  summaryOf,
  threeSessions,
} from '../fixtures/committee.js';
import { LONG_TYPED_STRUCTURE, escapedCut, slackId, uuid } from '../fixtures/common.js';
import {
  type Case,
  type JPayload,
  buttons,
  contextTexts,
  entry,
  expectNoRawMarkup,
  expectWellFormedModal,
  inputById,
  inputs,
  showsText,
} from '../fixtures/payload.js';
import { plural } from '../../../src/texts/plural.js';

/** What /comite says of each status. */
const COMMITTEE_STATUS_LABELS: Record<CommitteeStatus, string> = {
  planned: 'Planifié',
  agenda_published: 'Ordre du jour publié',
  held: 'Tenu',
  closed: 'Clôturé',
};

/** What the coordination can do with a session, by its status (nothing once closed). */
const SESSION_BUTTONS: Record<CommitteeStatus, string[]> = {
  planned: [
    COMMITTEE_BUTTONS.publish,
    COMMITTEE_BUTTONS.editAgenda,
    COMMITTEE_BUTTONS.reschedule,
    COMMITTEE_BUTTONS.cancel,
  ],
  agenda_published: [COMMITTEE_BUTTONS.close],
  held: [COMMITTEE_BUTTONS.close],
  closed: [],
};
const SESSION_BUTTON_TEXTS: Record<string, string> = {
  [COMMITTEE_BUTTONS.publish]: 'Publier l’ordre du jour',
  [COMMITTEE_BUTTONS.editAgenda]: 'Modifier l’ordre du jour',
  [COMMITTEE_BUTTONS.reschedule]: 'Déplacer',
  [COMMITTEE_BUTTONS.cancel]: 'Annuler la séance',
  [COMMITTEE_BUTTONS.close]: 'Clôturer le comité',
};

/**
 * /comite: each session with its channel, status and agenda size, followed for the coordination
 * by its next steps (own actions block); then the companies to inform and the rhythm, for the
 * coordination only.
 */
function expectCommittees(p: JPayload, list: CommitteeSummary[], options: CommitteesOptions, clock: Clock) {
  const { canRun, toInform, rhythm } = options;
  expect(p.text).toBe('Comités techniques');
  expect(p.blocks[0]?.text?.text).toBe('*Comités techniques*');
  expect(showsText(p, 'Aucune séance planifiée.')).toBe(list.length === 0);
  // The layout: each session's section, right after it its buttons, then the coordination's lines.
  expect(p.blocks.map((b) => [b.type, b.block_id])).toEqual([
    ['section', undefined],
    ...(list.length === 0 ? [['context', undefined]] : []),
    ...list.flatMap((c) => [
      ['section', undefined],
      ...(canRun && SESSION_BUTTONS[c.status].length ? [['actions', `committee_${c.id}`]] : []),
    ]),
    ...(canRun && toInform ? [['context', undefined]] : []),
    ...(canRun && rhythm ? [['context', undefined]] : []),
    ...(canRun ? [['actions', 'committee_actions']] : []),
  ]);
  const sessions = p.blocks.filter((b) => b.type === 'section' && (b.text?.text ?? '').includes('<#'));
  expect(sessions).toHaveLength(list.length);
  sessions.forEach((b, i) => {
    const c = list[i]!;
    const text = b.text?.text ?? '';
    expect(text.startsWith(`*${frenchDateTime(c.scheduledAt, clock.timeZone)}* — `)).toBe(true);
    // The channel as a link Slack renders: <#C…>.
    expect(text).toMatch(/ — <#C[0-9A-Z]+> — /);
    expect(text).toContain(` — <#${c.channelId}> — `);
    expect(text).toContain(` — ${COMMITTEE_STATUS_LABELS[c.status]} — `);
    expect(text).toContain(`${c._count.items} entreprise${plural(c._count.items, '', 's')} à l'ordre du jour`);
    // Once published, the count links to the agenda's header in the channel.
    expect(
      text.endsWith(
        c.agendaPermalink
          ? `<${c.agendaPermalink}|${c._count.items} entreprise${plural(c._count.items, '', 's')} à l'ordre du jour>`
          : ` — ${c._count.items} entreprise${plural(c._count.items, '', 's')} à l'ordre du jour`,
      ),
    ).toBe(true);
    expect(b.accessory).toBeUndefined();
  });
  // Each session's buttons carry its id: publish, edit, move or cancel a planned one; close one whose agenda is out.
  expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual(
    canRun
      ? [...list.flatMap((c) => SESSION_BUTTONS[c.status].map((id) => [id, c.id])), [COMMITTEE_BUTTONS.plan, undefined]]
      : [],
  );
  for (const b of buttons(p)) {
    if (b.action_id === COMMITTEE_BUTTONS.plan) {
      expect(b.text?.text).toBe('Planifier une séance');
      continue;
    }
    expect(b.text?.text).toBe(SESSION_BUTTON_TEXTS[b.action_id ?? '']);
    expect(b.style).toBe(b.action_id === COMMITTEE_BUTTONS.publish ? 'primary' : undefined);
    // Cancelling and closing cannot be undone: a dialog asks first.
    if (b.action_id === COMMITTEE_BUTTONS.cancel) {
      expect(b.confirm?.title.text).toBe('Annuler la séance ?');
      expect(b.confirm?.text.text).toContain('séance suivante');
      expect(b.confirm?.confirm.text).toBe('Annuler la séance');
      expect(b.confirm?.deny.text).toBe('Retour');
    } else if (b.action_id === COMMITTEE_BUTTONS.close) {
      expect(b.confirm?.title.text).toBe('Clôturer le comité ?');
      expect(b.confirm?.text.text).toContain('relevé de décisions');
      expect(b.confirm?.confirm.text).toBe('Clôturer');
      expect(b.confirm?.deny.text).toBe('Retour');
    } else expect(b.confirm, b.action_id).toBeUndefined();
  }
  const blockIds = p.blocks.filter((b) => b.type === 'actions').map((b) => b.block_id);
  expect(new Set(blockIds).size).toBe(blockIds.length);
  expect(showsText(p, '`/comite a-informer`')).toBe(canRun && Boolean(toInform));
  if (canRun && toInform)
    expect(
      showsText(
        p,
        `:envelope: ${toInform} entreprise${plural(toInform, '', 's')} pas encore informée${plural(toInform, '', 's')} des décisions du comité : \`/comite a-informer\`.`,
      ),
    ).toBe(true);
  expect(showsText(p, 'Séances proposées automatiquement')).toBe(canRun && Boolean(rhythm));
  if (canRun && rhythm) expect(showsText(p, `Séances proposées automatiquement le ${rhythm}.`)).toBe(true);
}

/** To the coordinators: the session the rhythm proposed, where, how many companies, and where to change it. */
function expectCommitteeProposed(p: JPayload, committee: CommitteeDetails, clock: Clock, agendaDaysBefore: number) {
  const when = frenchDateTime(committee.scheduledAt, clock.timeZone);
  expect(p.text).toBe(`Comité technique proposé le ${when}`);
  expect(p.blocks.map((b) => b.type)).toEqual(['section', 'context']);
  const said = p.blocks[0]?.text?.text ?? '';
  expect(said).toContain(`proposé le *${when}* dans <#${committee.channelId}>`);
  expect(said).toContain(
    `${committee.items.length} entreprise${plural(committee.items.length, '', 's')} à l'ordre du jour`,
  );
  const note = contextTexts(p.blocks[1]!).join('');
  expect(note).toContain(`publié ${agendaDaysBefore} jour${plural(agendaDaysBefore, '', 's')} avant`);
  expect(note).toContain('`/comite`');
  expect(buttons(p)).toEqual([]);
}

/** One company to inform: its escaped name and commune, its session, since when it is closed (and who brought it). */
function toInformLine(item: ToInformItem, withCapteur: boolean) {
  const by = item.broughtBy;
  const who =
    withCapteur && by ? ` — <@${by.slackUserId}>${by.structure ? ` (${escapeText(by.structure.name)})` : ''}` : '';
  return `*${escapedCut(item.company.name, 150)}* (${escapeText(item.company.commune)}) — comité du ${frenchDate(item.committee.scheduledAt)}, clôturé il y a ${INFORM_DAYS} jour${plural(INFORM_DAYS, '', 's')}${who}`;
}

/** The capteur's reminder: how many, the 20 oldest each with « Entreprise informée », how many more. */
function expectInformReminder(p: JPayload, list: CompaniesToInform) {
  const shown = list.items.slice(0, 20);
  const more = list.total - shown.length;
  expect(p.text).toBe(
    `${list.total} entreprise${plural(list.total, '', 's')} à informer des décisions du comité technique`,
  );
  expect(
    p.blocks[0]?.text?.text.startsWith(
      `:envelope: *${list.total} entreprise${plural(list.total, '', 's')} que vous avez présentée${plural(list.total, '', 's')}`,
    ),
  ).toBe(true);
  expect(p.blocks).toHaveLength(1 + shown.length + (more > 0 ? 1 : 0));
  p.blocks.slice(1, 1 + shown.length).forEach((b, i) => {
    expect(b.text?.text).toBe(toInformLine(shown[i]!, false));
    expect(b.accessory?.text?.text).toBe('Entreprise informée');
    expect(b.accessory?.style).toBe('primary');
  });
  expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual(shown.map((i) => [COMMITTEE_BUTTONS.informed, i.id]));
  expect(showsText(p, '… et ')).toBe(more > 0);
  if (more > 0)
    expect(contextTexts(p.blocks[p.blocks.length - 1]!)).toEqual([`… et ${more} autre${plural(more, '', 's')}.`]);
  expectNoRawMarkup(p);
}

/** /comite a-informer: how many, the 40 oldest with who brought them and the reminders sent. */
function expectCompaniesToInform(p: JPayload, list: CompaniesToInform) {
  const shown = list.items.slice(0, 40);
  expect(p.text).toBe('Entreprises à informer des décisions du comité');
  expect(p.blocks[0]?.text?.text).toBe(`*Entreprises pas encore informées des décisions du comité (${list.total})*`);
  expect(showsText(p, 'Toutes les entreprises examinées ont été informées.')).toBe(list.total === 0);
  const lines = p.blocks.filter((b) => b.accessory?.action_id === COMMITTEE_BUTTONS.informed);
  expect(lines.map((b) => b.text?.text)).toEqual(
    shown.map(
      (i) =>
        `${toInformLine(i, true)}${i.informReminders ? ` — ${i.informReminders} rappel${plural(i.informReminders, '', 's')}` : ''}`,
    ),
  );
  expect(buttons(p).map((b) => [b.action_id, b.value, b.style])).toEqual(
    shown.map((i) => [COMMITTEE_BUTTONS.informed, i.id, undefined]),
  );
  expect(showsText(p, 'plus anciennes sur')).toBe(list.total > 40);
  if (list.total > 40)
    expect(contextTexts(p.blocks[p.blocks.length - 1]!)).toEqual([`… les 40 plus anciennes sur ${list.total}.`]);
  expectNoRawMarkup(p);
}

/**
 * Planning a session: when (a datetimepicker, in seconds) and where (a conversations_select);
 * moving one, the same form carrying the session's id.
 */
const OFF_DAY_HOLIDAY = COMMITTEE_TEXTS.planModal.offDay('2026-11-11', 3, 'Armistice 1918', false);
const OFF_DAY_SUNDAY_MOVING = COMMITTEE_TEXTS.planModal.offDay('2026-12-13', 0, null, true);

function expectCommitteePlanModal(p: JPayload, opening: Parameters<typeof committeePlanModal>[0]) {
  expect(p.callback_id).toBe(VIEWS.committeePlan);
  expectWellFormedModal(p);
  expect(p.title?.text).toBe(opening.committeeId ? 'Déplacer la séance' : 'Planifier un comité');
  expect(p.submit?.text).toBe(opening.committeeId ? 'Déplacer' : 'Planifier');
  const key = opening.committeeId ? { committeeId: opening.committeeId } : undefined;
  expect(p.private_metadata === undefined ? undefined : JSON.parse(p.private_metadata)).toEqual(
    opening.offDay ? { ...key, askedOffDay: opening.offDay.date } : key,
  );
  // Exactly the ids the submission handler reads, block_id === action_id; the day-off box only when asked.
  expect(inputs(p).map((b) => b.block_id)).toEqual(
    opening.offDay
      ? [COMMITTEE_BLOCKS.scheduledAt, COMMITTEE_BLOCKS.confirmOffDay, COMMITTEE_BLOCKS.channel]
      : [COMMITTEE_BLOCKS.scheduledAt, COMMITTEE_BLOCKS.channel],
  );
  for (const b of inputs(p)) expect(b.element?.action_id, b.block_id).toBe(b.block_id);
  expect(inputs(p).every((b) => !b.optional || b.block_id === COMMITTEE_BLOCKS.confirmOffDay)).toBe(true);
  if (opening.offDay) {
    const box = inputById(p, COMMITTEE_BLOCKS.confirmOffDay);
    expect(box.label?.text).toBe(opening.offDay.question);
    expect(box.optional).toBe(true);
    expect(box.element?.type).toBe('checkboxes');
    expect(box.element?.options?.map((o) => [o.text.text, o.value])).toEqual([
      ['Confirmer cette date', opening.offDay.date],
    ]);
  }
  const when = inputById(p, COMMITTEE_BLOCKS.scheduledAt).element!;
  expect(when.type).toBe('datetimepicker');
  expect(Number.isInteger(when.initial_date_time)).toBe(true);
  expect(when.initial_date_time).toBe(Math.floor(opening.initialAt.getTime() / 1000));
  const channel = inputById(p, COMMITTEE_BLOCKS.channel).element!;
  expect(channel.type).toBe('conversations_select');
  expect(channel.filter?.include).toEqual(['public', 'private']);
  expect(channel.initial_conversation).toBe(opening.channelId);
}

export const COMMITTEE_CASES: Case[] = [
  // --- Messages: /comite, for the coordination and for the other members ---
  ...[true, false].flatMap((canRun) => {
    const who = canRun ? 'who runs the committees' : 'who cannot run them';
    return [
      entry(committeesMessage, `none planned, ${who}`, 'message', [[], COMMITTEE_CLOCK, { canRun }], (p) =>
        expectCommittees(p, [], { canRun }, COMMITTEE_CLOCK),
      ),
      ...COMMITTEE_STATUSES.map((status) =>
        entry(
          committeesMessage,
          `three sessions ${status}, ${who}`,
          'message',
          [threeSessions(status), COMMITTEE_CLOCK, { canRun }],
          (p) => expectCommittees(p, threeSessions(status), { canRun }, COMMITTEE_CLOCK),
        ),
      ),
      entry(
        committeesMessage,
        `three planned, 3 companies to inform, proposed by the rhythm, ${who}`,
        'message',
        [threeSessions('planned'), COMMITTEE_CLOCK, COMMITTEES_INFORM_RHYTHM(canRun)],
        (p) => {
          expectCommittees(p, threeSessions('planned'), COMMITTEES_INFORM_RHYTHM(canRun), COMMITTEE_CLOCK);
          expect(showsText(p, ':envelope: 3 entreprises pas encore informées')).toBe(canRun);
          expect(showsText(p, 'Séances proposées automatiquement le 2e mardi du mois à 14 h 00.')).toBe(canRun);
        },
      ),
      entry(
        committeesMessage,
        `none planned, nobody left to inform, no rhythm, ${who}`,
        'message',
        [[], COMMITTEE_CLOCK, { canRun, toInform: 0, rhythm: undefined }],
        (p) => {
          expectCommittees(p, [], { canRun, toInform: 0 }, COMMITTEE_CLOCK);
          expect(p.blocks.filter((b) => b.type === 'context')).toHaveLength(1);
        },
      ),
      entry(
        committeesMessage,
        `worst case: 10 sessions in every status, 60+ companies each, a million to inform, a rhythm, ${who}`,
        'message',
        [TEN_SESSIONS, COMMITTEE_CLOCK, COMMITTEES_WORST_OPTIONS(canRun)],
        (p) => expectCommittees(p, TEN_SESSIONS, COMMITTEES_WORST_OPTIONS(canRun), COMMITTEE_CLOCK),
      ),
    ];
  }),

  // --- Messages: the session the rhythm proposed, to each coordinator ---
  entry(
    committeeProposedMessage,
    'three companies so far, agenda published 7 days before',
    'message',
    [proposed(AGENDA_THREE), COMMITTEE_CLOCK, 7],
    (p) => {
      expectCommitteeProposed(p, proposed(AGENDA_THREE), COMMITTEE_CLOCK, 7);
      expect(p.text).toBe(`Comité technique proposé le ${COMMITTEE_AT_TEXT}`);
    },
  ),
  entry(committeeProposedMessage, 'no company yet', 'message', [proposed(AGENDA_EMPTY), COMMITTEE_CLOCK, 1], (p) => {
    expectCommitteeProposed(p, proposed(AGENDA_EMPTY), COMMITTEE_CLOCK, 1);
    expect(showsText(p, "0 entreprise à l'ordre du jour pour l'instant")).toBe(true);
  }),
  entry(
    committeeProposedMessage,
    'worst case: 60 companies with 200-char names, summer time, published 365 days before',
    'message',
    [
      { ...proposed(AGENDA_60), scheduledAt: new Date('2026-07-02T22:30:00Z'), channelId: `C${'Z9'.repeat(20)}` },
      COMMITTEE_CLOCK,
      365,
    ],
    (p) => {
      expectCommitteeProposed(
        p,
        { ...proposed(AGENDA_60), scheduledAt: new Date('2026-07-02T22:30:00Z'), channelId: `C${'Z9'.repeat(20)}` },
        COMMITTEE_CLOCK,
        365,
      );
      expect(showsText(p, '*03/07/2026 à 00:30*')).toBe(true);
      expectNoRawMarkup(p);
    },
  ),

  // --- J-2: the reminder to each committee member ---
  entry(
    committeeReminderMessage,
    'three companies, two actions to update',
    'message',
    [
      AGENDA_THREE,
      [
        {
          title: 'Monter une POE',
          status: 'en_cours',
          dueDate: new Date('2026-04-30T00:00:00Z'),
          company: { name: 'Forges de Vierzon' },
        },
        {
          title: 'Diagnostic RH',
          status: 'a_faire',
          dueDate: new Date('2026-03-20T00:00:00Z'),
          company: { name: 'Porcelaines de Foëcy' },
        },
      ],
      COMMITTEE_CLOCK,
    ],
    (p) => {
      expect(
        showsText(
          p,
          `${AGENDA_THREE.items.length} entreprise${plural(AGENDA_THREE.items.length, '', 's')} à l'ordre du jour`,
        ),
      ).toBe(true);
      expect(showsText(p, 'Monter une POE')).toBe(true);
      // The agenda's header, one click away.
      expect(showsText(p, `<${agendaLink(1)}|Ouvrir l'ordre du jour>`)).toBe(true);
    },
  ),
  entry(
    committeeReminderMessage,
    'agenda link not known (Slack refused it): the channel only',
    'message',
    [{ ...AGENDA_THREE, agendaPermalink: null }, [], COMMITTEE_CLOCK],
    (p) => {
      expect(showsText(p, "Ouvrir l'ordre du jour")).toBe(false);
      expect(showsText(p, `à lire dans <#${committeeChannel(1)}>`)).toBe(true);
    },
  ),
  entry(
    committeeReminderMessage,
    'worst case: 60 companies, 30 long actions with mentions',
    'message',
    [
      AGENDA_60,
      Array.from({ length: 30 }, (_, i) => ({
        title: `${'T'.repeat(140)} <!channel> ${i}`,
        status: 'bloquee' as const,
        dueDate: new Date('2026-03-01T00:00:00Z'),
        company: { name: `${'N'.repeat(190)} <!here>` },
      })),
      COMMITTEE_CLOCK,
    ],
    (p) => {
      expect(JSON.stringify(p)).not.toContain('<!channel>');
      expect(JSON.stringify(p)).not.toContain('<!here>');
    },
  ),
  entry(committeeReminderMessage, 'no action to update', 'message', [AGENDA_EMPTY, [], COMMITTEE_CLOCK], (p) =>
    expect(showsText(p, "Votre structure n'a pas d'action en cours")).toBe(true),
  ),

  // --- The closing: the summary, and the decisions to pass on to each company ---
  entry(committeeSummaryMessage, 'three companies', 'message', [summaryOf(3, false), COMMITTEE_CLOCK], (p) => {
    expect(showsText(p, 'Accompagner le recrutement de soudeurs.')).toBe(true);
    expect(showsText(p, 'Pas de suite.')).toBe(true);
  }),
  entry(
    committeeSummaryMessage,
    'worst case: 60 companies, long decisions, ten actions each',
    'message',
    [summaryOf(60, true), COMMITTEE_CLOCK],
    (p) => {
      expect(JSON.stringify(p)).not.toContain('<!channel>');
      expect(JSON.stringify(p)).not.toContain('<!here>');
    },
  ),
  entry(
    informCompanyMessage,
    'worst case: a long decision with mentions, ten actions: the text to send and « Entreprise informée »',
    'message',
    [IN_MEETING_ITEM],
    (p) => {
      expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual([[COMMITTEE_BUTTONS.informed, IN_MEETING_ITEM.id]]);
      expect(showsText(p, 'Madame, Monsieur,')).toBe(true);
      expect(showsText(p, 'Monter une POE de soudeurs')).toBe(true);
      expect(JSON.stringify(p)).not.toContain('<!channel>');
    },
  ),
  entry(informCompanyMessage, 'already informed: no more button', 'message', [INFORMED_ITEM], (p) => {
    expect(buttons(p)).toEqual([]);
    expect(showsText(p, 'Entreprise informée par téléphone le 20/03/2026.')).toBe(true);
  }),

  // --- Companies still to inform: the capteur's reminder, and /comite a-informer ---
  entry(
    informReminderMessage,
    'two companies, one without structure',
    'message',
    [TO_INFORM_TWO, INFORM_CLOCK],
    (p) => {
      expectInformReminder(p, TO_INFORM_TWO);
      expect(p.blocks[1]?.text?.text).toBe(
        `*Transports Berrichons &amp; Fils* (Issoudun) — comité du 12/03/2026, clôturé il y a 12 jours`,
      );
    },
  ),
  entry(
    informReminderMessage,
    'worst case: 20 of 75, 200-char names and communes with mentions',
    'message',
    [TO_INFORM_WORST_CAPTEUR, INFORM_CLOCK],
    (p) => {
      expectInformReminder(p, TO_INFORM_WORST_CAPTEUR);
      expect(showsText(p, '… et 55 autres.')).toBe(true);
      expect(showsText(p, '&lt;!channel&gt; &amp; Chaudronnerie')).toBe(true);
    },
  ),
  entry(
    informReminderMessage,
    'more listed than a reminder shows: the 20 oldest',
    'message',
    [TO_INFORM_WORST, INFORM_CLOCK],
    (p) => {
      expectInformReminder(p, TO_INFORM_WORST);
      expect(buttons(p)).toHaveLength(20);
    },
  ),
  entry(companiesToInformMessage, 'everyone informed', 'message', [TO_INFORM_NONE, INFORM_CLOCK], (p) => {
    expectCompaniesToInform(p, TO_INFORM_NONE);
    expect(buttons(p)).toEqual([]);
  }),
  entry(
    companiesToInformMessage,
    'two companies, reminded once, one capteur without structure',
    'message',
    [TO_INFORM_TWO, INFORM_CLOCK],
    (p) => {
      expectCompaniesToInform(p, TO_INFORM_TWO);
      expect(showsText(p, `— <@${slackId(311)}> (CCI du Cher) — 1 rappel`)).toBe(true);
      expect(p.blocks[2]?.text?.text.endsWith(`clôturé il y a 12 jours — <@${slackId(312)}>`)).toBe(true);
    },
  ),
  entry(
    companiesToInformMessage,
    'worst case: 40 of 75, 200-char names with mentions, long structures, one capteur gone',
    'message',
    [TO_INFORM_WORST, INFORM_CLOCK],
    (p) => {
      expectCompaniesToInform(p, TO_INFORM_WORST);
      expect(buttons(p)).toHaveLength(40);
      expect(showsText(p, '… les 40 plus anciennes sur 75.')).toBe(true);
      // Nobody to name for the one whose capteur left.
      expect(p.blocks[3]?.text?.text).not.toContain('<@');
      expect(showsText(p, escapeText(LONG_TYPED_STRUCTURE))).toBe(true);
    },
  ),

  entry(
    informedModal,
    'how and when',
    'modal',
    [{ id: uuid(43_001), company: { name: 'Forges de Vierzon' } }, '2026-03-20'],
    (p) => {
      expect(p.callback_id).toBe(VIEWS.companyInformed);
      expect(JSON.parse(p.private_metadata!)).toEqual({ agendaItemId: uuid(43_001) });
    },
  ),
  entry(
    informedModal,
    'worst case: a 200-character name with a mention',
    'modal',
    [{ id: uuid(43_002), company: { name: `${'N'.repeat(190)} <!channel>` } }, '2026-03-20'],
    (p) => {
      expect(JSON.stringify(p)).not.toContain('<!channel>');
    },
  ),

  // --- Modal: planning a session ---
  entry(committeePlanModal, 'no channel yet', 'modal', [COMMITTEE_OPENING], (p) =>
    expectCommitteePlanModal(p, COMMITTEE_OPENING),
  ),
  entry(committeePlanModal, 'the last session’s channel pre-selected', 'modal', [COMMITTEE_OPENING_CHANNEL], (p) =>
    expectCommitteePlanModal(p, COMMITTEE_OPENING_CHANNEL),
  ),
  entry(
    committeePlanModal,
    'worst case: instant with milliseconds in summer time, long channel id',
    'modal',
    [COMMITTEE_OPENING_WORST],
    (p) => expectCommitteePlanModal(p, COMMITTEE_OPENING_WORST),
  ),
  entry(
    committeePlanModal,
    'moving a planned session: its time and channel, its id',
    'modal',
    [COMMITTEE_OPENING_MOVE],
    (p) => expectCommitteePlanModal(p, COMMITTEE_OPENING_MOVE),
  ),
  ...[
    { ...COMMITTEE_OPENING_CHANNEL, offDay: { date: '2026-11-11', question: OFF_DAY_HOLIDAY } },
    { ...COMMITTEE_OPENING_MOVE, offDay: { date: '2026-12-13', question: OFF_DAY_SUNDAY_MOVING } },
  ].map((opening) =>
    entry(committeePlanModal, `a day off asked about: ${opening.offDay.question}`, 'modal', [opening], (p) =>
      expectCommitteePlanModal(p, opening),
    ),
  ),
];
