import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { listMembers } from '../../services/members.js';
import { can } from '../../services/permissions.js';
import { listStructures } from '../../services/structures.js';
import { HELP, REFUSALS } from '../../texts/fr.js';
import { administrationMessage, memberModal, structureModal } from '../../views/modals/administration.js';
import { ackFirst, ephemeral, openModalForCommand } from '../guard.js';
import { commandPayload } from './visite.js';

/**
 * `/plateforme`: help for everyone; for administrators, the structures and members with buttons
 * to change them. `/plateforme structure` and `/plateforme membre` open the forms directly.
 */
export function plateformeCommand(ctx: AppContext) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const { user_id, text, trigger_id } = commandPayload.parse(command);
    const verb = text.trim().toLowerCase();
    const actor = await ctx.actors.find(user_id);
    if (!actor) return void (await respond(ephemeral(`${REFUSALS.unknownMember}\n\n${HELP.plateforme}`)));
    if (verb === 'aide' || verb === 'help' || !can(actor, 'administer')) {
      const refusal = verb && verb !== 'aide' && verb !== 'help' ? `${REFUSALS.administer}\n\n` : '';
      return void (await respond(ephemeral(`${refusal}${HELP.plateforme}`)));
    }
    const opener = { client, respond, logger: ctx.logger };
    if (verb === 'structure') return openModalForCommand(opener, trigger_id, structureModal());
    if (verb === 'membre') {
      return openModalForCommand(opener, trigger_id, memberModal({ structures: await listStructures(ctx.db, { activeOnly: true }) }));
    }
    const [structures, members] = await Promise.all([listStructures(ctx.db), listMembers(ctx.db)]);
    await respond({ response_type: 'ephemeral', ...administrationMessage(structures, members) });
  };
}
