import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { employeeBands, findHeadcountBand, shortBandLabel } from '../../reference/headcount-bands.js';
import { ValidationFailed } from '../../services/errors.js';
import { sectionLabel } from '../../services/sirene/coverage.js';
import {
  addProposedTargets,
  proposeTargets,
  type TargetChoice,
  type TargetCriteria,
  type TargetProposal,
} from '../../services/sirene/targets.js';
import { renderTargetsSheet } from '../../services/sirene/targets-sheet.js';
import { TARGET_BLOCKS as B } from '../../slack/ids.js';
import { errorText, PROGRAMME_TEXTS } from '../../texts/fr.js';
import { localDate } from '../../time.js';
import { type CriteriaLabels, targetNoticeModal, targetProposalModal } from '../../views/modals/target-proposal.js';
import { submissionListener } from '../guard.js';
import { sendFileToPerson } from '../send-file.js';
import { asList, asString, errorsResponse, readMetadata, readViewState } from '../view-state.js';

const T = PROGRAMME_TEXTS.propose;
const ROUTES = ['other', 'tradeRegister'] as const;

const criteriaSchema = z.object({
  sections: z
    .array(z.string().regex(/^[A-U]$/))
    .min(1)
    .max(21),
  withServices: z.boolean(),
  minBand: z.string().refine((code) => employeeBands().some((b) => b.code === code)),
  communes: z.array(z.string().regex(/^(\d{5}|2[AB]\d{3})$/)).max(100),
  notVisitedMonths: z.number().int().min(1).max(120).nullable(),
  year: z.number().int().min(2000).max(2100),
});

/** The criteria as the proposal and its spreadsheet read them back. */
function criteriaLabels(c: TargetCriteria, communeNames: Map<string, string>): CriteriaLabels {
  const sections =
    c.sections.map(sectionLabel).join(', ') + (c.withServices ? `, ${T.servicesLabel.toLowerCase()}` : '');
  const band = findHeadcountBand(c.minBand);
  return {
    sections,
    band: band ? shortBandLabel(band) : c.minBand,
    communes: c.communes.length ? c.communes.map((code) => communeNames.get(code) ?? code).join(', ') : T.allCommunes,
  };
}

/** Names of the communes in the proposal (for the criteria line). */
const communeNamesOf = (p: TargetProposal) =>
  new Map(p.groups.flatMap((g) => g.targets.map((t) => [t.communeCode, t.communeName ?? t.communeCode] as const)));

/**
 * « Proposer » on the criteria: the modal says the search is under way at once (the ack), then
 * shows the proposal; the full list goes as a spreadsheet to the coordinator alone (it names
 * companies), recorded to be deleted from Slack after its retention period.
 */
export const targetCriteriaSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'managePrograms', B.sections, async ({ actor, ack, view, body, client }) => {
    const state = readViewState(view.state.values);
    const { year: openedYear } = readMetadata(view, z.object({ year: z.number().int() }));
    const notVisited = asString(state[B.notVisited]);
    const criteria = criteriaSchema.parse({
      sections: asList(state[B.sections]),
      withServices: asList(state[B.services]).includes('yes'),
      minBand: asString(state[B.minBand]),
      communes: asList(state[B.communes]),
      notVisitedMonths: notVisited === 'never' ? null : Number(notVisited),
      year: Number(asString(state[B.year]) ?? openedYear),
    });
    await ack({ response_action: 'update', view: targetNoticeModal(T.criteriaTitle, T.working) });
    const today = localDate(ctx.timeZone, ctx.now());
    const proposal = await proposeTargets(ctx.db, criteria, ctx.programmes.targets, today);
    const labels = criteriaLabels(criteria, communeNamesOf(proposal));
    let sheetSent = false;
    if (proposal.total > 0) {
      const file = await renderTargetsSheet(proposal, [
        `${T.sections} : ${labels.sections}`,
        T.bandLine(labels.band),
        `${T.communes} : ${labels.communes}`,
        T.sinceLine(criteria.notVisitedMonths),
      ]);
      sheetSent = await sendFileToPerson(
        ctx,
        actor.slackUserId,
        T.note(proposal.total, criteria.year, ctx.privacy.exportFileDays),
        { file, filename: T.fileName(criteria.year), title: T.fileTitle(criteria.year) },
        {
          kind: 'cibles_proposees',
          companyIds: proposal.groups.flatMap((g) => g.targets.flatMap((t) => (t.companyId ? [t.companyId] : []))),
        },
      );
    }
    await client.views.update({ view_id: body.view.id, view: targetProposalModal(proposal, labels, sheetSent) });
  });

/**
 * « Ajouter aux programmes » on the proposal: the list is worked out again from the criteria (the
 * modal holds no SIRET), and each checked structure's establishments join its programme.
 */
export const targetProposalSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'managePrograms', null, async ({ actor, ack, view, body, client }) => {
    const criteria = readMetadata(view, criteriaSchema);
    const state = readViewState(view.state.values);
    const choices: TargetChoice[] = [];
    const errors: Record<string, string> = {};
    for (const route of ROUTES) {
      if (!asList(state[`${B.addPrefix}${route}`]).includes(route)) continue;
      const monthlyBlock = `${B.monthlyPrefix}${route}`;
      const asked = monthlyBlock in state;
      const monthly = z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .safeParse(asString(state[monthlyBlock]) ?? '');
      if (asked && (!monthly.success || !asString(state[monthlyBlock])?.trim())) {
        errors[monthlyBlock] = T.monthlyMissing;
        continue;
      }
      choices.push({ route, monthlyTarget: asked && monthly.success ? monthly.data : null });
    }
    if (Object.keys(errors).length) return void (await ack(errorsResponse(errors)));
    await ack({ response_action: 'update', view: targetNoticeModal(T.proposalTitle, T.adding) });
    const today = localDate(ctx.timeZone, ctx.now());
    let text: string;
    try {
      const proposal = await proposeTargets(ctx.db, criteria, ctx.programmes.targets, today);
      const done = await addProposedTargets(ctx.db, actor, proposal, choices, ctx.now());
      text = T.added(done.map((d) => T.addedLine(d.structure, criteria.year, d.added, d.total)));
    } catch (error) {
      // A structure's programme was deleted or created meanwhile: say so rather than fail silently.
      if (!(error instanceof ValidationFailed)) throw error;
      text = errorText('monthly_target');
    }
    await client.views.update({ view_id: body.view.id, view: targetNoticeModal(T.proposalTitle, text) });
  });
