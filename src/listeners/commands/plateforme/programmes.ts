import type { AppContext } from '../../../context.js';
import { programmeYears } from '../../../domain/programmes.js';
import { searchKey } from '../../../reference/text.js';
import { programmeProgress } from '../../../services/programmes/progress.js';
import { listStructures } from '../../../services/structures.js';
import { localDate } from '../../../time.js';
import { programmesMessage, type ProgrammesOverview } from '../../../views/messages/programme.js';
import type { CommandCall } from '../../guard.js';

/** `/plateforme programmes [filtre]` (coordination): every structure's programme of visits this year. */
export async function programmesVerb(ctx: AppContext, { rest, reply, authorise }: CommandCall) {
  if (!(await authorise('managePrograms'))) return;
  await reply(programmesMessage(await programmesOverview(ctx, rest.join(' '))));
}

/** Every active structure's programme this year (or those whose name holds `filter`), and the years that can be set. */
async function programmesOverview(ctx: AppContext, filter: string): Promise<ProgrammesOverview> {
  const today = localDate(ctx.timeZone, ctx.now());
  const year = Number(today.slice(0, 4));
  const key = searchKey(filter);
  const matches = (name: string) => !key || searchKey(name).includes(key);
  const [progress, structures] = await Promise.all([
    programmeProgress(ctx.db, today),
    listStructures(ctx.db, { activeOnly: true }),
  ]);
  const shown = progress.filter((p) => matches(p.structure.name));
  const withProgramme = new Set(progress.map((p) => p.structure.id));
  const without = structures
    .filter((s) => !withProgramme.has(s.id) && matches(s.name))
    .map((s) => ({ id: s.id, name: s.name }));
  return { year, today, progress: shown, without, years: programmeYears(today) };
}
