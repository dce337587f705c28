import type { KnownBlock } from '@slack/types';
import type { ProgrammeProgress } from '../../services/programmes/progress.js';
import { formatSiret } from '../../reference/siret.js';
import { ACTIONS, PROGRAMME_BUTTONS } from '../../slack/ids.js';
import { COMPANY_TEXTS } from '../../texts/company.js';
import { PROGRAMME_TEXTS as T } from '../../texts/programme.js';
import { frenchMonth } from '../../time.js';
import { escapeAndCut, actions, button, context, escapeText as esc, section } from '../blocks.js';

/** « 3 / 8 » with a bar of ten squares: people see at a glance where they stand. */
export function progressBar(done: number, target: number): string {
  if (target <= 0) return `${done}`;
  const filled = Math.min(10, Math.round((done / target) * 10));
  return `${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)} ${done} / ${target}`;
}

/** One structure's progress: this month, since January, its targets. */
export function progressLines(p: ProgrammeProgress, today: string): string {
  return [
    T.progress.month(
      frenchMonth(today),
      progressBar(p.month.visits, p.month.target),
      p.month.target,
      p.behindPace ? { expectedByToday: p.month.expectedByToday } : null,
    ),
    T.progress.year(p.yearToDate.visits, p.yearToDate.target),
    T.progress.targets(p.targets.visited, p.targets.total),
  ].join('\n');
}

const targetLabel = (t: ProgrammeProgress['targets']['notVisited'][number]) =>
  t.name
    ? `${escapeAndCut(t.name, 150)}${t.commune ? ` (${esc(t.commune)})` : ''}`
    : COMPANY_TEXTS.unknownSiret(formatSiret(t.siret ?? ''));

/** The targets not yet visited, each with « Nouvelle visite » when the company is known. */
export function targetsNotVisitedBlocks(p: ProgrammeProgress, limit = 10): KnownBlock[] {
  const shown = p.targets.notVisited.slice(0, limit);
  const rest = p.targets.total - p.targets.visited - shown.length;
  return [
    ...shown.map((t) =>
      t.companyId
        ? section(targetLabel(t), button(T.newVisit, ACTIONS.openVisitReport, t.companyId))
        : section(targetLabel(t)),
    ),
    ...(rest > 0 ? [context(T.targetsRest(rest))] : []),
  ];
}

/** The monthly nudge to a structure's capteurs behind their pace. */
export function programmeNudgeMessage(p: ProgrammeProgress, today: string) {
  return {
    text: T.nudge.text(esc(p.structure.name), frenchMonth(today)),
    blocks: [
      section(T.nudge.heading(escapeAndCut(p.structure.name, 120))),
      section(progressLines(p, today)),
      ...(p.targets.notVisited.length ? [section(T.targetsNotVisited), ...targetsNotVisitedBlocks(p, 8)] : []),
      context(T.nudge.footer),
    ],
  };
}

export interface ProgrammesOverview {
  year: number;
  today: string;
  progress: ProgrammeProgress[];
  /** Active structures without a programme this year. */
  without: { id: string; name: string }[];
  /** The years the coordination can set (this one, and the next from October). */
  years: number[];
}

/** `/plateforme programmes`, for the coordination: each structure's progress and its form. */
export function programmesMessage(o: ProgrammesOverview) {
  // One action_id per button of a block (Slack's rule): this year's, then next year's.
  const editButtons = (structureId: string) =>
    o.years.map((year, i) =>
      button(
        T.overview.edit(year),
        i === 0 ? PROGRAMME_BUTTONS.edit : PROGRAMME_BUTTONS.editNext,
        `${structureId}:${year}`,
      ),
    );
  const blocks: KnownBlock[] = [
    section(T.overview.heading(o.year), button(T.propose.button, PROGRAMME_BUTTONS.proposeTargets)),
  ];
  for (const p of o.progress.slice(0, 20)) {
    blocks.push(
      section(T.overview.structure(escapeAndCut(p.structure.name, 120), p.monthlyTarget, progressLines(p, o.today))),
      actions(`programme_${p.structure.id}`, editButtons(p.structure.id)),
    );
  }
  for (const s of o.without.slice(0, Math.max(0, 20 - o.progress.length))) {
    blocks.push(
      section(T.overview.without(escapeAndCut(s.name, 120), o.year)),
      actions(`programme_${s.id}`, editButtons(s.id)),
    );
  }
  const hidden = o.progress.length + o.without.length - 20;
  if (hidden > 0) blocks.push(context(T.overview.hidden(hidden)));
  if (o.progress.length + o.without.length === 0) blocks.push(context(T.overview.noStructure));
  return { text: T.overview.title(o.year), blocks };
}
