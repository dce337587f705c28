import type { KnownBlock, View } from '@slack/types';
import type { TargetCriteria, TargetProposal } from '../../services/sirene/targets.js';
import { TARGET_BLOCKS as B, VIEWS } from '../../slack/ids.js';
import { STRUCTURE_KIND_LABELS } from '../../texts/administration.js';
import { COMMON } from '../../texts/common.js';
import { PROGRAMME_TEXTS } from '../../texts/programme.js';
import { checkboxes, context, escapeAndCut, input, option, plain, section, staticSelect } from '../blocks.js';

const T = PROGRAMME_TEXTS.propose;

/** Slack's most options in a select. */
const MAX_OPTIONS = 100;
/** « Pas visités depuis »: months offered, then « never visited » (value `never`). */
export const NOT_VISITED_CHOICES = [6, 12, 24, 36] as const;

export interface TargetCriteriaOpening {
  /** The years a programme can be set for (this one, and the next from October). */
  years: number[];
  sections: { code: string; label: string }[];
  serviceCodes: readonly string[];
  /** INSEE bands from 01 (NN and 00 are never a minimum). */
  bands: { code: string; label: string }[];
  /** The reference's communes, those with the most establishments first. */
  communes: { code: string; name: string; count: number }[];
  defaults: { sections: readonly string[]; withServices: boolean; minBand: string; notVisitedMonths: number | null };
}

/** The criteria of « Proposer des cibles ». */
export function targetCriteriaModal(o: TargetCriteriaOpening): View {
  const sectionChoices = o.sections.map((s) => option(`${s.code} — ${s.label}`, s.code));
  const bandChoices = o.bands.map((b) => option(b.label, b.code));
  const communeChoices = o.communes.slice(0, MAX_OPTIONS).map((c) => option(`${c.name} (${c.count})`, c.code));
  const monthChoices = [...NOT_VISITED_CHOICES.map((n) => option(T.months(n), String(n))), option(T.never, 'never')];
  const yearChoices = o.years.map((y) => option(String(y), String(y)));
  const servicesOption = option(T.servicesOption, 'yes');
  const blocks: KnownBlock[] = [context(T.criteriaIntro)];
  if (o.years.length > 1)
    blocks.push(input(B.year, T.year, staticSelect(yearChoices, COMMON.choose, String(o.years[0]))));
  blocks.push(
    input(B.sections, T.sections, {
      type: 'multi_static_select',
      placeholder: plain(COMMON.choose),
      options: sectionChoices,
      initial_options: sectionChoices.filter((c) => o.defaults.sections.includes(c.value ?? '')),
    }),
  );
  if (o.serviceCodes.length)
    blocks.push(
      input(
        B.services,
        T.servicesLabel,
        checkboxes([servicesOption], o.defaults.withServices ? [servicesOption] : []),
        {
          optional: true,
          hint: T.servicesHint(o.serviceCodes.join(', ')),
        },
      ),
    );
  blocks.push(input(B.minBand, T.minBand, staticSelect(bandChoices, COMMON.choose, o.defaults.minBand)));
  if (communeChoices.length)
    blocks.push(
      input(
        B.communes,
        T.communes,
        { type: 'multi_static_select', placeholder: plain(T.allCommunes), options: communeChoices },
        { optional: true, hint: T.communesHint(communeChoices.length, o.communes.length) },
      ),
    );
  blocks.push(
    input(
      B.notVisited,
      T.notVisited,
      staticSelect(monthChoices, COMMON.choose, String(o.defaults.notVisitedMonths ?? 'never')),
    ),
  );
  return {
    type: 'modal',
    callback_id: VIEWS.targetCriteria,
    private_metadata: JSON.stringify({ year: o.years[0] }),
    title: plain(T.criteriaTitle),
    submit: plain(T.search),
    close: plain(COMMON.cancel),
    blocks,
  };
}

/** A modal saying what is under way, or what was done (no submit). */
export function targetNoticeModal(title: string, text: string): View {
  return { type: 'modal', title: plain(title), close: plain(COMMON.close), blocks: [section(text)] };
}

/** How the criteria read back, on the proposal. */
export interface CriteriaLabels {
  sections: string;
  band: string;
  communes: string;
}

/**
 * The proposal: how many, for which structure, a few names each; a checkbox per structure to add
 * its establishments to its programme (with a monthly target when it has none yet). The criteria
 * ride in private_metadata: the submission works the list out again (no SIRET leaves the server).
 */
export function targetProposalModal(p: TargetProposal, labels: CriteriaLabels, sheetSent: boolean): View {
  const year = p.criteria.year;
  const blocks: KnownBlock[] = [
    section(T.summary(p.total, year)),
    context(
      T.criteriaLine(
        escapeAndCut(labels.sections, 600),
        T.bandLine(labels.band),
        escapeAndCut(labels.communes, 300),
        T.sinceLine(p.criteria.notVisitedMonths),
      ),
    ),
  ];
  const left = T.left(p.left);
  if (left) blocks.push(context(left));
  let addable = 0;
  for (const g of p.groups) {
    if (g.targets.length === 0) continue;
    const kind = STRUCTURE_KIND_LABELS[g.kind];
    blocks.push(
      section(
        T.group(
          g.structure ? escapeAndCut(g.structure.name, 120) : T.noStructure(kind),
          g.targets.length,
          T.route[g.route](g.targets.length),
        ),
      ),
    );
    const names = g.targets
      .slice(0, 5)
      .map((t) => `${escapeAndCut(t.name, 80)}${t.communeName ? ` (${escapeAndCut(t.communeName, 40)})` : ''}`);
    blocks.push(context(T.examples(names, g.targets.length - names.length)));
    if (!g.structure) {
      blocks.push(context(T.noStructureHint(kind)));
      continue;
    }
    addable++;
    const choice = option(T.addOption, g.route);
    blocks.push(
      input(`${B.addPrefix}${g.route}`, T.add(g.structure.name, year), checkboxes([choice], [choice]), {
        optional: true,
      }),
    );
    if (g.structure.monthlyTarget === null)
      blocks.push(
        input(
          `${B.monthlyPrefix}${g.route}`,
          T.monthly,
          {
            type: 'number_input',
            is_decimal_allowed: false,
            min_value: '1',
            max_value: '500',
            initial_value: String(Math.max(1, Math.ceil(g.targets.length / 10))),
          },
          { optional: true, hint: T.monthlyHint },
        ),
      );
  }
  if (p.total > 0) blocks.push(context(sheetSent ? T.sheetSent : T.sheetNotSent));
  return {
    type: 'modal',
    callback_id: VIEWS.targetProposal,
    private_metadata: JSON.stringify(p.criteria satisfies TargetCriteria),
    title: plain(T.proposalTitle),
    ...(addable > 0 ? { submit: plain(T.submit) } : {}),
    close: plain(COMMON.close),
    blocks,
  };
}
