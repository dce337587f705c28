import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { getProgramme } from '../../services/programmes/programmes.js';
import { getStructureName } from '../../services/structures.js';
import { errorText, PROGRAMME_TEXTS } from '../../texts/fr.js';
import { programmeModal } from '../../views/modals/programme.js';
import { programmeYears } from '../../domain/programmes.js';
import { employeeBands, shortBandLabel } from '../../reference/headcount-bands.js';
import { nafSections } from '../../reference/naf.js';
import { DEFAULT_TARGET_CRITERIA, targetCriteriaChoices } from '../../services/sirene/targets.js';
import { localDate } from '../../time.js';
import { targetCriteriaModal } from '../../views/modals/target-proposal.js';
import { buttonListener, noValue } from '../guard.js';

const structureYear = z
  .string()
  .regex(/^[0-9a-f-]{36}:\d{4}$/)
  .transform((value) => {
    const [structureId, year] = value.split(':') as [string, string];
    return { structureId, year: Number(year) };
  });

/** « Programme 2026 » on a structure in /plateforme programmes: its form, with what is set. */
export const openProgrammeForm = (ctx: AppContext) =>
  buttonListener(ctx, 'managePrograms', structureYear, async ({ value: { structureId, year }, tell, openModal }) => {
    const [structure, programme] = await Promise.all([
      getStructureName(ctx.db, structureId),
      getProgramme(ctx.db, structureId, year),
    ]);
    if (!structure) return void (await tell(errorText('structure_unknown')));
    await openModal(programmeModal({ structure, year, programme }));
  });

/** « Proposer des cibles » under /plateforme programmes: the criteria, or why there is nothing to propose from yet. */
export const openTargetCriteria = (ctx: AppContext) =>
  buttonListener(ctx, 'managePrograms', noValue, async ({ tell, openModal }) => {
    const choices = await targetCriteriaChoices(ctx.db);
    if (choices.referenceEmpty) return void (await tell(PROGRAMME_TEXTS.propose.noReference, 'notice'));
    await openModal(
      targetCriteriaModal({
        years: programmeYears(localDate(ctx.timeZone, ctx.now())),
        sections: nafSections().map((s) => ({ code: s.code, label: s.label })),
        serviceCodes: ctx.programmes.targets.serviceNafCodes,
        bands: employeeBands().map((b) => ({ code: b.code, label: shortBandLabel(b) })),
        communes: choices.communes,
        defaults: DEFAULT_TARGET_CRITERIA,
      }),
    );
  });
