import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { listMembers } from '../../services/members.js';
import { can } from '../../services/permissions.js';
import { listStructures } from '../../services/structures.js';
import { HELP, REFUSALS } from '../../texts/fr.js';
import { searchKey } from '../../reference/text.js';
import { programmeProgress } from '../../services/programmes/progress.js';
import { localDate } from '../../time.js';
import { programmesMessage, type ProgrammesOverview } from '../../views/messages/programme.js';
import { administrationMessage, memberModal, structureModal } from '../../views/modals/administration.js';
import { ackFirst, ephemeral, openModalForCommand } from '../guard.js';
import { commandPayload } from './visite.js';

/**
 * `/plateforme`: help for everyone. For the coordination, `programmes [structure]`: the visit
 * programmes. For administrators, the structures and members with buttons to change them;
 * `/plateforme structure` and `/plateforme membre` open the forms directly.
 */
export function plateformeCommand(ctx: AppContext) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const { user_id, text, trigger_id } = commandPayload.parse(command);
    const [verb = '', ...rest] = text.trim().split(/\s+/);
    const word = verb.toLowerCase();
    const actor = await ctx.actors.find(user_id);
    if (!actor) return void (await respond(ephemeral(`${REFUSALS.unknownMember}\n\n${HELP.plateforme}`)));
    if (word === 'programmes' || word === 'programme') {
      if (!can(actor, 'managePrograms')) return void (await respond(ephemeral(REFUSALS.managePrograms)));
      return void (await respond({ response_type: 'ephemeral', ...programmesMessage(await programmesOverview(ctx, rest.join(' '))) }));
    }
    if (word === 'aide' || word === 'help' || !can(actor, 'administer')) {
      const refusal = word && word !== 'aide' && word !== 'help' ? `${REFUSALS.administer}\n\n` : '';
      return void (await respond(ephemeral(`${refusal}${HELP.plateforme}`)));
    }
    const opener = { client, respond, logger: ctx.logger };
    if (word === 'structure') return openModalForCommand(opener, trigger_id, structureModal());
    if (word === 'membre') {
      return openModalForCommand(opener, trigger_id, memberModal({ structures: await listStructures(ctx.db, { activeOnly: true }) }));
    }
    const [structures, members] = await Promise.all([listStructures(ctx.db), listMembers(ctx.db)]);
    await respond({ response_type: 'ephemeral', ...administrationMessage(structures, members) });
  };
}

/** Every active structure's programme this year (or those whose name holds `filter`), and the years that can be set. */
async function programmesOverview(ctx: AppContext, filter: string): Promise<ProgrammesOverview> {
  const today = localDate(ctx.timeZone, ctx.now());
  const year = Number(today.slice(0, 4));
  const key = searchKey(filter);
  const matches = (name: string) => !key || searchKey(name).includes(key);
  const [progress, structures] = await Promise.all([programmeProgress(ctx.db, today), listStructures(ctx.db, { activeOnly: true })]);
  const shown = progress.filter((p) => matches(p.structure.name));
  const withProgramme = new Set(progress.map((p) => p.structure.id));
  const without = structures.filter((s) => !withProgramme.has(s.id) && matches(s.name)).map((s) => ({ id: s.id, name: s.name }));
  // From October, next year's programme can be prepared.
  return { year, today, progress: shown, without, years: Number(today.slice(5, 7)) >= 10 ? [year, year + 1] : [year] };
}
