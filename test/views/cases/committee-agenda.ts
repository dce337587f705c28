/**
 * A committee's agenda: its header, each company's message (in the meeting too), the decision form,
 * editing a draft agenda.
 */
import { expect } from 'vitest';
import { findHeadcountBand, shortBandLabel } from '../../../src/reference/headcount-bands.js';
import { findNafSubclass } from '../../../src/reference/naf.js';
import type { DraftAgenda } from '../../../src/services/committees/agenda.js';
import type {
  ActionsForReview,
  AgendaItemDetails,
  CommitteeDetails,
} from '../../../src/services/committees/committees.js';
import { AGENDA_EDIT_BLOCKS, COMMITTEE_BUTTONS, VIEWS } from '../../../src/slack/ids.js';
import { ACTION_STATUS_LABELS, RED_FLAG_LABELS } from '../../../src/texts/fr.js';
import { frenchDate, frenchDateTime } from '../../../src/time.js';
import { escapeText } from '../../../src/views/blocks.js';
import type { Clock } from '../../../src/views/messages/alert.js';
import { agendaHeaderMessage, agendaItemMessage } from '../../../src/views/messages/committee.js';
import { stakesLine } from '../../../src/views/messages/visit.js';
import { agendaEditModal, decisionModal } from '../../../src/views/modals/committee.js';
import {
  AGENDA_60,
  AGENDA_60_ITEMS,
  AGENDA_EMPTY,
  AGENDA_THREE,
  type AgendaVisit,
  CLOSED_ITEM,
  COMMITTEE_AT_TEXT,
  COMMITTEE_CLOCK,
  DRAFT_130,
  DRAFT_EMPTY,
  DRAFT_THREE,
  IN_MEETING_ITEM,
  ONLY_PRIVATE_ITEM,
  PRIVATE_VISIT_ITEM,
  REALISTIC_AGENDA_ITEM,
  REVIEW_NONE,
  REVIEW_THREE,
  REVIEW_WORST,
  WORST_AGENDA_ITEM,
} from '../fixtures/committee.js';
import {
  ALL_RED_FLAGS,
  CONFIDENTIAL,
  LONG_COMMUNE,
  TIME_ZONE,
  agendaCompanyName,
  cut,
  escapedCut,
  slackId,
  uuid,
} from '../fixtures/common.js';
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

/**
 * A list in a section, cut at whole characters within 3000: its heading, then every line, or the
 * lines that fit in order and the beginning of the next one, ending with « … ».
 */
function expectListSection(text: string, heading: string, full: string[]) {
  expect(Array.from(text).length).toBeLessThanOrEqual(3000);
  const [first, ...lines] = text.split('\n');
  expect(first).toBe(heading);
  if (Array.from([heading, ...full].join('\n')).length <= 3000) {
    expect(lines).toEqual(full);
    return;
  }
  const last = lines[lines.length - 1]!;
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.length).toBeLessThan(full.length);
  expect(lines.slice(0, -1)).toEqual(full.slice(0, lines.length - 1));
  expect(last.endsWith('…')).toBe(true);
  expect(full[lines.length - 1]!.startsWith(last.slice(0, -1))).toBe(true);
}

/**
 * The agenda's header: a plain_text header, the companies in rank order, then the open actions to
 * review (when there are some, with how many are not listed), and the note to read the agenda.
 */
function expectAgendaHeader(p: JPayload, committee: CommitteeDetails, review: ActionsForReview, clock: Clock) {
  // Local date and time: a session early in the morning in Paris is not dated the day before.
  expect(p.text).toMatch(/^Ordre du jour du comité technique du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/);
  const unlisted = review.total - review.actions.length;
  expect(p.blocks.map((b) => b.type)).toEqual([
    'header',
    'section',
    ...(review.total ? ['section', ...(unlisted > 0 ? ['context'] : [])] : []),
    'context',
  ]);
  const [head, agenda] = p.blocks;
  expect(head?.text?.type).toBe('plain_text');
  expect(head?.text?.text).toBe(`Comité technique du ${frenchDateTime(committee.scheduledAt, clock.timeZone)}`);
  expect(Array.from(head?.text?.text ?? '').length).toBeLessThanOrEqual(150);
  const companies = committee.items.map(
    (i) => `${i.rank}. ${escapedCut(i.company.name, 120)} (${escapeText(i.company.commune)})`,
  );
  expectListSection(
    agenda?.text?.text ?? '',
    `*Ordre du jour — ${committee.items.length} entreprise${plural(committee.items.length, '', 's')}*`,
    companies.length ? companies : ['_Aucune entreprise pour cette séance._'],
  );
  expect(showsText(p, '*Actions à faire le point')).toBe(review.total > 0);
  if (review.total) {
    const lines = review.actions.map(
      (a) =>
        `• ${escapedCut(a.title, 120)} — ${escapedCut(a.company.name, 80)} — ${escapeText(a.ownerStructure.name)} — ${ACTION_STATUS_LABELS[a.status]}, échéance ${frenchDate(a.dueDate)}`,
    );
    expectListSection(
      p.blocks[2]?.text?.text ?? '',
      `*Actions à faire le point — ${review.total} échue${plural(review.total, '', 's')} d'ici la séance ou bloquée${plural(review.total, '', 's')}*`,
      lines,
    );
  }
  expect(showsText(p, '… et ')).toBe(unlisted > 0);
  if (unlisted > 0)
    expect(contextTexts(p.blocks[3]!)).toEqual([
      `… et ${unlisted} autre${plural(unlisted, '', 's')} : chaque action a son message dans ce canal.`,
    ]);
  expect(contextTexts(p.blocks[p.blocks.length - 1]!).join('')).toContain('merci de les lire avant la séance');
  expect(buttons(p)).toEqual([]);
  expectNoRawMarkup(p);
}

/** Editing a draft agenda: its first 100 companies all selected, the others kept aside in the metadata. */
function expectAgendaEditModal(p: JPayload, draft: DraftAgenda, clock: { timeZone: string }) {
  const listed = draft.items.slice(0, 100);
  const beyond = draft.items.slice(100);
  expect(p.callback_id).toBe(VIEWS.agendaEdit);
  expectWellFormedModal(p);
  expect(p.submit?.text).toBe('Enregistrer');
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({
    committeeId: draft.id,
    shownUpToRank: draft.items.slice(0, 100).at(-1)?.rank ?? 0,
  });
  expect(contextTexts(p.blocks[0]!)).toEqual([
    `Comité du *${frenchDateTime(draft.scheduledAt, clock.timeZone)}* — ${draft.items.length} entreprise${plural(draft.items.length, '', 's')} à l'ordre du jour.`,
  ]);
  // No empty select: without any company, only the type-ahead to add some.
  expect(inputs(p).map((b) => b.block_id)).toEqual([
    ...(listed.length ? [AGENDA_EDIT_BLOCKS.keep] : []),
    AGENDA_EDIT_BLOCKS.add,
  ]);
  expect(inputs(p).every((b) => b.optional)).toBe(true);
  if (listed.length) {
    const keep = inputById(p, AGENDA_EDIT_BLOCKS.keep).element!;
    expect(keep.type).toBe('multi_static_select');
    const labels = listed.map((i) => cut(`${i.rank}. ${i.company.name} (${i.company.commune})`, 75));
    expect(keep.options?.map((o) => [o.value, o.text.text])).toEqual(listed.map((i, n) => [i.id, labels[n]]));
    expect(keep.initial_options?.map((o) => o.value)).toEqual(listed.map((i) => i.id));
  }
  expect(inputById(p, AGENDA_EDIT_BLOCKS.add).element?.type).toBe('multi_external_select');
  expect(showsText(p, 'dernières entreprises restent')).toBe(beyond.length > 0);
  if (beyond.length)
    expect(showsText(p, `Les ${beyond.length} dernières entreprises restent à l'ordre du jour`)).toBe(true);
}

const byDateDesc = (visits: AgendaVisit[]) => [...visits].sort((a, b) => b.visitDate.getTime() - a.visitDate.getTime());

/**
 * One company of the agenda: who it is, who brought it, the flags of its shared visits, then its
 * 5 latest visits — shared ones in full (escaped), private ones as a single « contenu non partagé » line.
 */
function expectAgendaItem(p: JPayload, item: AgendaItemDetails) {
  const c = item.company;
  const json = JSON.stringify(p);
  expect(p.text).toBe(`Ordre du jour ${item.rank} : ${escapeText(c.name)}`);
  expect(p.blocks[0]?.text?.text).toBe(`*${item.rank}. ${escapedCut(c.name, 200)}* — ${escapeText(c.commune)}`);
  const facts = p.blocks[1]?.fields?.map((f) => f.text) ?? [];
  const naf = findNafSubclass(c.nafCode);
  const band = findHeadcountBand(c.headcountBand);
  expect(facts[0]).toBe(`*Activité*\n${c.nafCode} — ${naf?.label ?? 'code inconnu'}`);
  expect(facts[1]).toBe(`*Effectif*\n${band ? shortBandLabel(band) : c.headcountBand}`);
  const by = item.broughtBy;
  expect(facts[2]).toBe(
    `*Apportée par*\n${by ? `<@${by.slackUserId}>${by.structure ? ` (${escapeText(by.structure.name)})` : ''}` : '—'}`,
  );
  // Red flags: those of the shared visits only; a private visit's never appear, anywhere.
  const visits = byDateDesc(item.visits.map((v) => v.visit));
  const flags = new Set(visits.filter((v) => v.consentToShare).flatMap((v) => v.redFlags.map((f) => f.flag)));
  expect(facts[3]).toEqual(
    flags.size ? expect.stringMatching(/^\*Signaux d'alerte\*\n:warning: /) : "*Signaux d'alerte*\nAucun",
  );
  for (const flag of ALL_RED_FLAGS) {
    expect(facts[3]!.includes(RED_FLAG_LABELS[flag]), flag).toBe(flags.has(flag));
    if (!flags.has(flag)) expect(json, flag).not.toContain(RED_FLAG_LABELS[flag]);
  }
  // The 5 latest visits, most recent first.
  const shown = visits.slice(0, 5);
  const older = visits.length - shown.length;
  expect(p.blocks).toHaveLength(2 + shown.length + (older > 0 ? 1 : 0));
  shown.forEach((v, i) => {
    const b = p.blocks[2 + i]!;
    const when = `*Visite du ${frenchDate(v.visitDate)}*`;
    if (v.consentToShare) {
      expect(b.type).toBe('section');
      const [who, stakes, needs, diagnostic, ...rest] = (b.text?.text ?? '').split('\n');
      expect(who).toBe(
        `${when} — <@${v.capteur.slackUserId}>${v.structure ? ` (${escapeText(v.structure.name)})` : ''}`,
      );
      expect(stakes).toBe(`*Enjeux* : ${stakesLine(v.stakes)}`);
      expect(needs?.startsWith(`*Besoins* : ${escapeText(v.needs.slice(0, 300))}`), needs).toBe(true);
      expect(
        diagnostic?.startsWith(`*Premier diagnostic* : ${escapeText(v.diagnostic.slice(0, 300))}`),
        diagnostic,
      ).toBe(true);
      expect(rest).toEqual([]);
    } else {
      expect(b.type).toBe('context');
      const line = contextTexts(b).join('');
      expect(line.startsWith(v.structure ? `${when} — ` : `${when} : `)).toBe(true);
      expect(line).toContain("contenu non partagé (l'entreprise n'a pas donné son accord)");
      expect(line).not.toContain('<@');
      // Neither its needs nor its diagnostic, in any form.
      for (const t of [v.needs, v.diagnostic]) {
        expect(json).not.toContain(t.slice(0, 60));
        expect(json).not.toContain(escapeText(t).slice(0, 60));
      }
    }
  });
  expect(json).not.toContain(CONFIDENTIAL);
  expect(showsText(p, '… et ')).toBe(older > 0);
  if (older > 0)
    expect(contextTexts(p.blocks[p.blocks.length - 1]!)).toEqual([
      `… et ${older} visite${plural(older, '', 's')} plus ancienne${plural(older, '', 's')} : voir la fiche entreprise.`,
    ]);
  expect(buttons(p)).toEqual([]);
  expectNoRawMarkup(p);
}

export const AGENDA_CASES: Case[] = [
  // --- Messages: the agenda posted in the committee channel ---
  entry(
    agendaHeaderMessage,
    'no company on the agenda, no action to review',
    'message',
    [AGENDA_EMPTY, REVIEW_NONE, COMMITTEE_CLOCK],
    (p) => expectAgendaHeader(p, AGENDA_EMPTY, REVIEW_NONE, COMMITTEE_CLOCK),
  ),
  entry(
    agendaHeaderMessage,
    'a company shown without its name: its label, its commune said once',
    'message',
    [
      {
        ...AGENDA_THREE,
        items: AGENDA_THREE.items.map((i, n) =>
          n === 1
            ? {
                ...i,
                company: { ...i.company, name: 'Entreprise non nommée — industrie, 10 à 19 salariés, Bourges' },
                companyHidden: true,
              }
            : i,
        ),
      },
      REVIEW_NONE,
      COMMITTEE_CLOCK,
    ],
    (p) => {
      expect(showsText(p, '2. Entreprise non nommée — industrie, 10 à 19 salariés, Bourges\n')).toBe(true);
      expect(showsText(p, 'Bourges (Bourges)')).toBe(false);
    },
  ),
  entry(
    agendaHeaderMessage,
    'three companies, no action to review',
    'message',
    [AGENDA_THREE, REVIEW_NONE, COMMITTEE_CLOCK],
    (p) => {
      expectAgendaHeader(p, AGENDA_THREE, REVIEW_NONE, COMMITTEE_CLOCK);
      expect(p.blocks[0]?.text?.text).toBe(`Comité technique du ${COMMITTEE_AT_TEXT}`);
      expect(p.text).toBe(`Ordre du jour du comité technique du ${COMMITTEE_AT_TEXT}`);
      expect(showsText(p, '3. Transports Berrichons &amp; Fils (Issoudun)')).toBe(true);
    },
  ),
  entry(
    agendaHeaderMessage,
    'three companies, three actions to review',
    'message',
    [AGENDA_THREE, REVIEW_THREE, COMMITTEE_CLOCK],
    (p) => {
      expectAgendaHeader(p, AGENDA_THREE, REVIEW_THREE, COMMITTEE_CLOCK);
      expect(p.blocks[2]?.text?.text).toBe(
        [
          "*Actions à faire le point — 3 échues d'ici la séance ou bloquées*",
          '• Monter une POE de soudeurs — Mécanique du Val — OPCO 2i — En cours, échéance 06/03/2026',
          '• Diagnostic RH — Transports Berrichons &amp; Fils — CCI du Cher — À faire, échéance 12/03/2026',
          '• Présenter l’entreprise au club RH — Boulangerie Martin — CMA Centre-Val de Loire — Bloquée, échéance 30/04/2026',
        ].join('\n'),
      );
    },
  ),
  entry(
    agendaHeaderMessage,
    'worst case: 60 companies with 200-char names, mentions and ampersands, no action to review',
    'message',
    [AGENDA_60, REVIEW_NONE, COMMITTEE_CLOCK],
    (p) => {
      expectAgendaHeader(p, AGENDA_60, REVIEW_NONE, COMMITTEE_CLOCK);
      // Too long to list whole: cut within the section's 3000 characters.
      expect(p.blocks[1]?.text?.text.endsWith('…')).toBe(true);
      expect(showsText(p, `1. ${escapedCut(agendaCompanyName(1), 120)} (${LONG_COMMUNE})`)).toBe(true);
    },
  ),
  entry(
    agendaHeaderMessage,
    'worst case: 60 companies, 20 of 57 actions to review with 200-char titles and names, mentions and links',
    'message',
    [AGENDA_60, REVIEW_WORST, COMMITTEE_CLOCK],
    (p) => {
      expectAgendaHeader(p, AGENDA_60, REVIEW_WORST, COMMITTEE_CLOCK);
      expect(showsText(p, "*Actions à faire le point — 57 échues d'ici la séance ou bloquées*")).toBe(true);
      // Both lists too long to show whole: each cut within its section.
      expect(p.blocks[1]?.text?.text.endsWith('…')).toBe(true);
      expect(p.blocks[2]?.text?.text.endsWith('…')).toBe(true);
      expect(showsText(p, '… et 37 autres : chaque action a son message dans ce canal.')).toBe(true);
      expect(p.blocks[2]?.text?.text).toContain('&lt;!channel&gt; &amp; *soudeurs TIG*');
    },
  ),

  // --- Messages: each company of the agenda ---

  entry(
    agendaItemMessage,
    'realistic: one shared visit with stakes, needs, diagnostic and a red flag',
    'message',
    [REALISTIC_AGENDA_ITEM],
    (p) => {
      expectAgendaItem(p, REALISTIC_AGENDA_ITEM);
      expect(showsText(p, `*Signaux d'alerte*\n:warning: ${RED_FLAG_LABELS.recrutement_urgent}`)).toBe(true);
      expect(showsText(p, `<@${slackId(301)}> (CCI du Cher)`)).toBe(true);
      expect(showsText(p, '*Besoins* : Recruter deux soudeurs qualifiés')).toBe(true);
    },
  ),
  entry(
    agendaItemMessage,
    'worst case: 8 visits with 3000-char texts, 200-char name with markup, unknown NAF, every stake and flag',
    'message',
    [WORST_AGENDA_ITEM],
    (p) => {
      expectAgendaItem(p, WORST_AGENDA_ITEM);
      expect(showsText(p, 'code inconnu')).toBe(true);
      expect(showsText(p, '… et 3 visites plus anciennes')).toBe(true);
      for (const flag of ALL_RED_FLAGS) expect(showsText(p, RED_FLAG_LABELS[flag])).toBe(true);
      expect(showsText(p, '&lt;!channel&gt; &amp; Chaudronnerie')).toBe(true);
    },
  ),
  entry(
    agendaItemMessage,
    'a visit the company did not agree to share, carrying every flag',
    'message',
    [PRIVATE_VISIT_ITEM],
    (p) => {
      expectAgendaItem(p, PRIVATE_VISIT_ITEM);
      expect(showsText(p, "*Signaux d'alerte*\nAucun")).toBe(true);
      expect(showsText(p, 'CMA Centre-Val de Loire : contenu non partagé')).toBe(true);
    },
  ),
  entry(
    agendaItemMessage,
    'worst case: 7 private visits only, nobody bringing the company',
    'message',
    [ONLY_PRIVATE_ITEM],
    (p) => {
      expectAgendaItem(p, ONLY_PRIVATE_ITEM);
      expect(p.blocks.filter((b) => b.type === 'section' && (b.text?.text ?? '').includes('*Besoins*'))).toEqual([]);
    },
  ),
  // In the meeting: the item's buttons, and what was decided (long decision, several actions).
  entry(
    agendaItemMessage,
    'in the meeting: decided, with actions, buttons to record more',
    'message',
    [IN_MEETING_ITEM],
    (p) => {
      expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual([
        [COMMITTEE_BUTTONS.itemAction, IN_MEETING_ITEM.id],
        [COMMITTEE_BUTTONS.itemDecision, IN_MEETING_ITEM.id],
        [COMMITTEE_BUTTONS.itemNoFollowUp, IN_MEETING_ITEM.id],
      ]);
      expect(showsText(p, '*Décision* : ')).toBe(true);
      expect(showsText(p, '*Action* : Monter une POE de soudeurs')).toBe(true);
      expect(JSON.stringify(p)).not.toContain('<!channel>');
    },
  ),
  entry(agendaItemMessage, 'closed session: no follow-up, no buttons', 'message', [CLOSED_ITEM], (p) => {
    expect(buttons(p)).toEqual([]);
    expect(showsText(p, '*Pas de suite*')).toBe(true);
  }),
  // The whole 60-company agenda: every item's message too.
  ...AGENDA_60_ITEMS.map((item) =>
    entry(
      agendaItemMessage,
      `worst case: 60-company agenda, item ${item.rank} with ${item.visits.length} visit(s)`,
      'message',
      [item],
      (p) => expectAgendaItem(p, item),
    ),
  ),

  // --- Modal: a decision for an agenda item ---
  entry(
    decisionModal,
    'first decision',
    'modal',
    [{ id: uuid(40_001), decision: null, company: { name: 'Forges de Vierzon' } }],
    (p) => {
      expect(p.callback_id).toBe(VIEWS.itemDecision);
      expect(JSON.parse(p.private_metadata!)).toEqual({ agendaItemId: uuid(40_001) });
    },
  ),
  entry(
    decisionModal,
    'worst case: editing a 2000-character decision, 200-character name',
    'modal',
    [{ id: uuid(40_002), decision: 'd'.repeat(2000), company: { name: `${'N'.repeat(190)} <!channel>` } }],
    (p) => {
      expect(JSON.stringify(p)).not.toContain('<!channel>');
    },
  ),

  // --- Modal: editing an agenda before publication ---
  entry(
    agendaEditModal,
    'empty agenda: only companies to add',
    'modal',
    [DRAFT_EMPTY, { timeZone: TIME_ZONE }],
    (p) => {
      expectAgendaEditModal(p, DRAFT_EMPTY, { timeZone: TIME_ZONE });
      expect(inputs(p)).toHaveLength(1);
    },
  ),
  entry(agendaEditModal, 'three companies, all kept at first', 'modal', [DRAFT_THREE, { timeZone: TIME_ZONE }], (p) => {
    expectAgendaEditModal(p, DRAFT_THREE, { timeZone: TIME_ZONE });
    expect(showsText(p, `Comité du *${COMMITTEE_AT_TEXT}* — 3 entreprises`)).toBe(true);
    expect(inputById(p, AGENDA_EDIT_BLOCKS.keep).element?.options?.[2]?.text.text).toBe(
      '3. Transports Berrichons & Fils (Issoudun)',
    );
  }),
  entry(
    agendaEditModal,
    'worst case: 130 companies with 200-char names, 100 listed, 30 kept aside',
    'modal',
    [DRAFT_130, { timeZone: TIME_ZONE }],
    (p) => {
      expectAgendaEditModal(p, DRAFT_130, { timeZone: TIME_ZONE });
      expect(inputById(p, AGENDA_EDIT_BLOCKS.keep).element?.options).toHaveLength(100);
      expect(JSON.parse(p.private_metadata ?? '').shownUpToRank).toBe(100);
      expect(showsText(p, "Les 30 dernières entreprises restent à l'ordre du jour")).toBe(true);
    },
  ),
];
