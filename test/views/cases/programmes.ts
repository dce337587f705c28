/** Visit programmes: the nudge of a structure behind its pace, /plateforme programmes, the programme form. */
import { expect } from 'vitest';
import { formatSiret } from '../../../src/reference/siret.js';
import type { ProgrammeProgress, TargetNotVisited } from '../../../src/services/programmes/progress.js';
import { ACTIONS, PROGRAMME_BLOCKS, PROGRAMME_BUTTONS, VIEWS } from '../../../src/slack/ids.js';
import { frenchMonth } from '../../../src/time.js';
import { escapeText } from '../../../src/views/blocks.js';
import {
  type ProgrammesOverview,
  programmeNudgeMessage,
  programmesMessage,
  progressBar,
} from '../../../src/views/messages/programme.js';
import { programmeModal } from '../../../src/views/modals/programme.js';
import { cut, escapedCut, uuid } from '../fixtures/common.js';
import {
  type Case,
  type JPayload,
  buttons,
  contextTexts,
  entry,
  expectTypedMarkupEscaped,
  expectWellFormedModal,
  inputById,
  inputs,
  showsText,
} from '../fixtures/payload.js';
import {
  OCTOBER_OVERVIEW,
  PENDING_SIRET_TEXT,
  PROGRAMME_NEW,
  PROGRAMME_THREE,
  PROGRAMME_TODAY,
  PROGRAMME_WORST,
  PROGRAMME_WORST_TODAY,
  PROGRESS_BEHIND,
  PROGRESS_WORST,
  REALISTIC_OVERVIEW,
  WORST_OVERVIEW,
} from '../fixtures/programmes.js';
import { plural } from '../../../src/texts/plural.js';

/** A target as the lists show it: escaped name cut to 150 and commune, or its pending SIRET. */
const targetLine = (t: TargetNotVisited) =>
  t.name
    ? `${escapedCut(t.name, 150)}${t.commune ? ` (${escapeText(t.commune)})` : ''}`
    : `SIRET ${formatSiret(t.siret!)} — entreprise pas encore connue de la plateforme`;

/** The month against its pace, the year, the targets: as the nudge, the overview and the capteur's Home say them. */
export const progressText = (x: ProgrammeProgress, today: string) => [
  `*${frenchMonth(today)}* : ${progressBar(x.month.visits, x.month.target)} visite${plural(x.month.target, '', 's')}${x.behindPace ? ` — :warning: en retard sur le rythme (${x.month.expectedByToday} attendue${plural(x.month.expectedByToday, '', 's')} à ce jour)` : ''}`,
  `*Depuis janvier* : ${x.yearToDate.visits} / ${x.yearToDate.target} visite${plural(x.yearToDate.target, '', 's')}`,
  `*Entreprises cibles* : ${x.targets.total ? `${x.targets.visited} / ${x.targets.total} visitée${plural(x.targets.visited, '', 's')}` : 'aucune fixée'}`,
];

/** The first `limit` targets not visited, each with « Nouvelle visite » when the company is known, then how many more. */
export function expectTargetsNotVisited(p: JPayload, x: ProgrammeProgress, limit: number) {
  const shown = x.targets.notVisited.slice(0, limit);
  const targetButtons = buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport && b.value !== undefined);
  expect(targetButtons.map((b) => [b.text?.text, b.value])).toEqual(
    shown.filter((t) => t.companyId).map((t) => ['Nouvelle visite', t.companyId]),
  );
  const at = p.blocks.findIndex(
    (b) => b.type === 'section' && b.text?.text === '*Entreprises cibles pas encore visitées*',
  );
  expect(at >= 0).toBe(shown.length > 0);
  if (shown.length === 0) return;
  const listed = p.blocks.slice(at + 1, at + 1 + shown.length);
  expect(listed.map((b) => [b.type, b.text?.text, b.accessory?.value])).toEqual(
    shown.map((t) => ['section', targetLine(t), t.companyId ?? undefined]),
  );
  const rest = x.targets.total - x.targets.visited - shown.length;
  const after = p.blocks[at + 1 + shown.length];
  expect(
    after?.type === 'context' &&
      contextTexts(after).includes(
        `… et ${rest} autre${plural(rest, '', 's')} entreprise${plural(rest, '', 's')} cible${plural(rest, '', 's')} à visiter.`,
      ),
  ).toBe(rest > 0);
}

function expectNudge(p: JPayload, x: ProgrammeProgress, today: string) {
  expect(p.text?.endsWith(` : en retard sur le rythme de ${frenchMonth(today)}`)).toBe(true);
  expect(p.blocks[0]?.text?.text).toBe(
    `:hourglass_flowing_sand: *Programme de visites de ${escapedCut(x.structure.name, 120)}* — le mois avance et le rythme n’y est pas encore.`,
  );
  expect(p.blocks[1]?.text?.text.split('\n')).toEqual(progressText(x, today));
  expectTargetsNotVisited(p, x, 8);
  expect(contextTexts(p.blocks[p.blocks.length - 1]!)).toEqual([
    'Déposez vos comptes rendus avec `/visite` : ils comptent dès leur enregistrement.',
  ]);
  expect(buttons(p).every((b) => b.action_id === ACTIONS.openVisitReport)).toBe(true);
}

/** /plateforme programmes: the 20 first structures, with a programme first, each with a button per year that can be set. */
function expectProgrammes(p: JPayload, o: ProgrammesOverview) {
  expect(p.text).toBe(`Programmes de visites ${o.year}`);
  expect(p.blocks[0]?.text?.text).toBe(`*Programmes de visites ${o.year}*`);
  const withProgramme = o.progress.slice(0, 20);
  const without = o.without.slice(0, Math.max(0, 20 - o.progress.length));
  const listed = [...withProgramme.map((x) => x.structure), ...without];
  // Each structure: its section, then its buttons (one per year, value « structureId:year »).
  listed.forEach((s, i) => {
    const section = p.blocks[1 + 2 * i];
    const row = p.blocks[2 + 2 * i];
    expect(section?.type).toBe('section');
    expect(row?.type).toBe('actions');
    expect(row?.block_id).toBe(`programme_${s.id}`);
    expect((row?.elements ?? []).map((b) => [b.action_id, b.text?.text, b.value])).toEqual(
      o.years.map((y, i) => [
        i === 0 ? PROGRAMME_BUTTONS.edit : PROGRAMME_BUTTONS.editNext,
        `Programme ${y}`,
        `${s.id}:${y}`,
      ]),
    );
  });
  // Each structure's form(s), and « Proposer des cibles » beside the heading.
  expect(buttons(p)).toHaveLength(listed.length * o.years.length + 1);
  expect(p.blocks[0]?.accessory).toMatchObject({
    action_id: PROGRAMME_BUTTONS.proposeTargets,
    text: { text: 'Proposer des cibles' },
  });
  expect(
    p.blocks
      .filter((b) => b.type === 'section')
      .slice(1)
      .map((b) => b.text?.text),
  ).toEqual([
    ...withProgramme.map((x) =>
      [
        `*${escapedCut(x.structure.name, 120)}* — ${x.monthlyTarget} visite${plural(x.monthlyTarget, '', 's')} par mois`,
        ...progressText(x, o.today),
      ].join('\n'),
    ),
    ...without.map((s) => `*${escapedCut(s.name, 120)}* — pas de programme en ${o.year}`),
  ]);
  const hidden = o.progress.length + o.without.length - listed.length;
  expect(
    showsText(
      p,
      `… et ${hidden} autre${plural(hidden, '', 's')} structure${plural(hidden, '', 's')} : \`/plateforme programmes <nom>\` pour en voir une.`,
    ),
  ).toBe(hidden > 0);
  expect(showsText(p, '`/plateforme structure`')).toBe(listed.length === 0);
  expect(p.blocks).toHaveLength(1 + 2 * listed.length + (hidden > 0 || listed.length === 0 ? 1 : 0));
}

/** The form: visits a month, the first 100 targets all chosen (the others kept), companies to add. */
function expectProgrammeModal(p: JPayload, opening: Parameters<typeof programmeModal>[0]) {
  const { structure, year, programme } = opening;
  const targets = programme?.targets ?? [];
  const shown = targets.slice(0, 100);
  expect(p.callback_id).toBe(VIEWS.programme);
  expect(p.title?.text).toBe(`Programme ${year}`);
  expect(p.submit?.text).toBe('Enregistrer');
  expectWellFormedModal(p);
  const last = shown.at(-1);
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({
    structureId: structure.id,
    year,
    shownUpTo: last ? { addedAt: last.addedAt.toISOString(), id: last.id } : null,
  });
  expect(contextTexts(p.blocks[0]!)).toEqual([`*${escapedCut(structure.name, 200)}* — programme de visites ${year}`]);
  expect(inputs(p).map((b) => b.block_id)).toEqual([
    PROGRAMME_BLOCKS.monthlyTarget,
    ...(shown.length ? [PROGRAMME_BLOCKS.keep] : []),
    PROGRAMME_BLOCKS.add,
    PROGRAMME_BLOCKS.sirets,
  ]);
  const monthly = inputById(p, PROGRAMME_BLOCKS.monthlyTarget);
  expect(monthly.optional).toBeUndefined();
  expect(monthly.element?.type).toBe('number_input');
  expect(monthly.element?.initial_value).toBe(programme ? String(programme.monthlyTarget) : undefined);
  if (shown.length) {
    const keep = inputById(p, PROGRAMME_BLOCKS.keep);
    expect(keep.optional).toBe(true);
    expect(keep.label?.text).toBe(`Entreprises cibles (${targets.length})`);
    expect(keep.element?.type).toBe('multi_static_select');
    expect(keep.element?.options?.map((o) => [o.text.text, o.value])).toEqual(
      shown.map((t) => [
        cut(
          t.company ? `${t.company.name} (${t.company.commune})` : `SIRET ${formatSiret(t.siret!)} (pas encore connue)`,
          75,
        ),
        t.id,
      ]),
    );
    expect(keep.element?.initial_options?.map((o) => o.value)).toEqual(shown.map((t) => t.id));
  }
  const hidden = targets.length - shown.length;
  expect(showsText(p, 'autres entreprises cibles restent ciblées')).toBe(hidden > 0);
  if (hidden > 0)
    expect(
      showsText(p, `Les ${hidden} autres entreprises cibles restent ciblées (100 au plus dans cette liste).`),
    ).toBe(true);
  expect(inputById(p, PROGRAMME_BLOCKS.add).element?.type).toBe('multi_external_select');
  expect(inputById(p, PROGRAMME_BLOCKS.sirets).element?.max_length).toBe(3000);
}

export const PROGRAMME_CASES: Case[] = [
  entry(
    programmeNudgeMessage,
    'behind pace, 3 targets not visited, one a pending SIRET',
    'message',
    [PROGRESS_BEHIND, PROGRAMME_TODAY],
    (p) => {
      expectNudge(p, PROGRESS_BEHIND, PROGRAMME_TODAY);
      expect(p.text).toBe('Programme de visites de CCI du Cher : en retard sur le rythme de mars 2026');
      expect(p.blocks[1]?.text?.text).toBe(
        '*mars 2026* : ▰▰▰▱▱▱▱▱▱▱ 2 / 8 visites — :warning: en retard sur le rythme (4 attendues à ce jour)\n*Depuis janvier* : 14 / 24 visites\n*Entreprises cibles* : 3 / 6 visitées',
      );
      expect(showsText(p, 'Transports Berrichons &amp; Fils (Issoudun)')).toBe(true);
      expect(showsText(p, `${PENDING_SIRET_TEXT} — entreprise pas encore connue de la plateforme`)).toBe(true);
      expect(buttons(p)).toHaveLength(2);
      expect(showsText(p, '… et ')).toBe(false);
    },
  ),
  entry(
    programmeNudgeMessage,
    'worst case: 120-char structure name, 500 a month, 8 of 75 targets shown with 200-char names and markup',
    'message',
    [PROGRESS_WORST, PROGRAMME_WORST_TODAY],
    (p) => {
      expectNudge(p, PROGRESS_WORST, PROGRAMME_WORST_TODAY);
      expect(
        showsText(p, '▱▱▱▱▱▱▱▱▱▱ 0 / 500 visites — :warning: en retard sur le rythme (483 attendues à ce jour)'),
      ).toBe(true);
      expect(showsText(p, '… et 62 autres entreprises cibles à visiter.')).toBe(true);
      expect(buttons(p)).toHaveLength(6);
      expectTypedMarkupEscaped(p);
    },
  ),
  entry(
    programmesMessage,
    'no active structure',
    'message',
    [{ year: 2026, today: PROGRAMME_TODAY, progress: [], without: [], years: [2026] }],
    (p) => {
      expectProgrammes(p, { year: 2026, today: PROGRAMME_TODAY, progress: [], without: [], years: [2026] });
      expect(contextTexts(p.blocks[1]!)).toEqual(['Aucune structure active : créez-les avec `/plateforme structure`.']);
    },
  ),
  entry(
    programmesMessage,
    'three structures with a programme, two without, in March',
    'message',
    [REALISTIC_OVERVIEW],
    (p) => {
      expectProgrammes(p, REALISTIC_OVERVIEW);
      expect(p.blocks[1]?.text?.text.split('\n')[0]).toBe('*CCI du Cher* — 8 visites par mois');
      expect(
        showsText(p, '*Initiative Cher &amp; Berry* — 4 visites par mois\n*mars 2026* : ▰▰▰▰▰▰▰▰▰▰ 6 / 4 visites\n'),
      ).toBe(true);
      expect(showsText(p, '*Cap emploi du Cher* — pas de programme en 2026')).toBe(true);
      expect(buttons(p).map((b) => b.value)).toEqual([
        undefined,
        ...[uuid(801), uuid(802), uuid(803), uuid(804), uuid(805)].map((id) => `${id}:2026`),
      ]);
    },
  ),
  entry(programmesMessage, 'in October: this year and next for each structure', 'message', [OCTOBER_OVERVIEW], (p) => {
    expectProgrammes(p, OCTOBER_OVERVIEW);
    expect(p.blocks[2]?.elements?.map((b) => b.value)).toEqual([`${uuid(801)}:2026`, `${uuid(801)}:2027`]);
    expect(showsText(p, '*octobre 2026* : ')).toBe(true);
  }),
  entry(
    programmesMessage,
    'worst case: 30 programmes and 10 structures without, 120-char names with markup, 20 shown',
    'message',
    [WORST_OVERVIEW],
    (p) => {
      expectProgrammes(p, WORST_OVERVIEW);
      expect(p.blocks.length).toBeLessThanOrEqual(50);
      expect(showsText(p, '… et 20 autres structures')).toBe(true);
      expect(showsText(p, 'pas de programme')).toBe(false);
      expectTypedMarkupEscaped(p);
    },
  ),
  entry(programmeModal, 'new programme for next year', 'modal', [PROGRAMME_NEW], (p) => {
    expectProgrammeModal(p, PROGRAMME_NEW);
    expect(JSON.parse(p.private_metadata ?? '')).toEqual({ structureId: uuid(801), year: 2027, shownUpTo: null });
    expect(inputById(p, PROGRAMME_BLOCKS.monthlyTarget).element?.initial_value).toBeUndefined();
  }),
  entry(programmeModal, 'existing programme, three targets, one a pending SIRET', 'modal', [PROGRAMME_THREE], (p) => {
    expectProgrammeModal(p, PROGRAMME_THREE);
    expect(inputById(p, PROGRAMME_BLOCKS.monthlyTarget).element?.initial_value).toBe('8');
    expect(inputById(p, PROGRAMME_BLOCKS.keep).element?.options?.map((o) => o.text.text)).toEqual([
      'Mécanique du Val (Vierzon)',
      'Transports Berrichons & Fils (Issoudun)',
      `${PENDING_SIRET_TEXT} (pas encore connue)`,
    ]);
  }),
  entry(
    programmeModal,
    'worst case: 130 targets with 200-char names, 100 listed, 120-char structure name with markup',
    'modal',
    [PROGRAMME_WORST],
    (p) => {
      expectProgrammeModal(p, PROGRAMME_WORST);
      expect(inputById(p, PROGRAMME_BLOCKS.keep).element?.options).toHaveLength(100);
      // The 100th target listed: the 30 after it stay whatever the answer.
      expect(JSON.parse(p.private_metadata ?? '').shownUpTo.id).toBe(PROGRAMME_WORST.programme!.targets[99]!.id);
      expect(showsText(p, 'Les 30 autres entreprises cibles restent ciblées')).toBe(true);
      expect(inputById(p, PROGRAMME_BLOCKS.monthlyTarget).element?.initial_value).toBe('500');
      expectTypedMarkupEscaped(p);
    },
  ),
];
