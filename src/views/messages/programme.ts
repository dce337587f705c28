import type { KnownBlock } from '@slack/types';
import type { ProgrammeProgress } from '../../services/programmes/progress.js';
import { formatSiret } from '../../reference/siret.js';
import { ACTIONS, PROGRAMME_BUTTONS } from '../../slack/ids.js';
import { frenchMonth } from '../../time.js';
import { actions, button, context, escapeText as esc, section, truncate } from '../blocks.js';

/** « 3 / 8 » with a bar of ten squares: people see at a glance where they stand. */
export function progressBar(done: number, target: number): string {
  if (target <= 0) return `${done}`;
  const filled = Math.min(10, Math.round((done / target) * 10));
  return `${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)} ${done} / ${target}`;
}

/** One structure's progress: this month, since January, its targets. */
export function progressLines(p: ProgrammeProgress, today: string): string {
  return [
    `*${frenchMonth(today)}* : ${progressBar(p.month.visits, p.month.target)} visite(s)${p.behindPace ? ` — :warning: en retard sur le rythme (${p.month.expectedByToday} attendue(s) à ce jour)` : ''}`,
    `*Depuis janvier* : ${p.yearToDate.visits} / ${p.yearToDate.target} visite(s)`,
    `*Entreprises cibles* : ${p.targets.total ? `${p.targets.visited} / ${p.targets.total} visitée(s)` : 'aucune fixée'}`,
  ].join('\n');
}

const targetLabel = (t: ProgrammeProgress['targets']['notVisited'][number]) =>
  t.name
    ? `${esc(truncate(t.name, 150))}${t.commune ? ` (${esc(t.commune)})` : ''}`
    : `SIRET ${formatSiret(t.siret ?? '')} — entreprise pas encore connue de la plateforme`;

/** The targets not yet visited, each with « Nouvelle visite » when the company is known. */
export function targetsNotVisitedBlocks(p: ProgrammeProgress, limit = 10): KnownBlock[] {
  const shown = p.targets.notVisited.slice(0, limit);
  const rest = p.targets.total - p.targets.visited - shown.length;
  return [
    ...shown.map((t) =>
      t.companyId
        ? section(targetLabel(t), button('Nouvelle visite', ACTIONS.openVisitReport, t.companyId))
        : section(targetLabel(t)),
    ),
    ...(rest > 0 ? [context(`… et ${rest} autre(s) entreprise(s) cible(s) à visiter.`)] : []),
  ];
}

/** The monthly nudge to a structure's capteurs behind their pace. */
export function programmeNudgeMessage(p: ProgrammeProgress, today: string) {
  return {
    text: `Programme de visites de ${esc(p.structure.name)} : en retard sur le rythme de ${frenchMonth(today)}`,
    blocks: [
      section(
        `:hourglass_flowing_sand: *Programme de visites de ${esc(truncate(p.structure.name, 120))}* — le mois avance et le rythme n’y est pas encore.`,
      ),
      section(progressLines(p, today)),
      ...(p.targets.notVisited.length
        ? [section('*Entreprises cibles pas encore visitées*'), ...targetsNotVisitedBlocks(p, 8)]
        : []),
      context('Déposez vos comptes rendus avec `/visite` : ils comptent dès leur enregistrement.'),
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
        `Programme ${year}`,
        i === 0 ? PROGRAMME_BUTTONS.edit : PROGRAMME_BUTTONS.editNext,
        `${structureId}:${year}`,
      ),
    );
  const blocks: KnownBlock[] = [section(`*Programmes de visites ${o.year}*`)];
  for (const p of o.progress.slice(0, 20)) {
    blocks.push(
      section(
        `*${esc(truncate(p.structure.name, 120))}* — ${p.monthlyTarget} visite(s) par mois\n${progressLines(p, o.today)}`,
      ),
      actions(`programme_${p.structure.id}`, editButtons(p.structure.id)),
    );
  }
  for (const s of o.without.slice(0, Math.max(0, 20 - o.progress.length))) {
    blocks.push(
      section(`*${esc(truncate(s.name, 120))}* — pas de programme en ${o.year}`),
      actions(`programme_${s.id}`, editButtons(s.id)),
    );
  }
  const hidden = o.progress.length + o.without.length - 20;
  if (hidden > 0)
    blocks.push(context(`… et ${hidden} autre(s) structure(s) : \`/plateforme programmes <nom>\` pour en voir une.`));
  if (o.progress.length + o.without.length === 0)
    blocks.push(context('Aucune structure active : créez-les avec `/plateforme structure`.'));
  return { text: `Programmes de visites ${o.year}`, blocks };
}
