import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { getProgramme } from '../../services/programmes/programmes.js';
import { getStructureName } from '../../services/structures.js';
import { errorText } from '../../texts/fr.js';
import { programmeModal } from '../../views/modals/programme.js';
import { buttonListener } from '../guard.js';

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
