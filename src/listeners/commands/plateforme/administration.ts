import type { AppContext } from '../../../context.js';
import { listMembers } from '../../../services/members.js';
import { can } from '../../../services/permissions.js';
import { listStructures } from '../../../services/structures.js';
import { HELP, REFUSALS } from '../../../texts/fr.js';
import { administrationMessage, memberModal, structureModal } from '../../../views/modals/administration.js';
import type { CommandCall } from '../../guard.js';

/**
 * `/plateforme` (administrators): the structures and members with buttons to change them;
 * `/plateforme structure` and `/plateforme membre` open the forms directly. Anyone else reads the
 * help, after a refusal when they typed a verb.
 */
export async function administrationVerb(ctx: AppContext, { verb, reply, member, openModal }: CommandCall) {
  const actor = await member();
  if (!actor || !can(actor, 'administer'))
    return reply(verb ? `${REFUSALS.administer}\n\n${HELP.plateforme}` : HELP.plateforme);
  if (verb === 'structure') return openModal(structureModal());
  if (verb === 'membre')
    return openModal(memberModal({ structures: await listStructures(ctx.db, { activeOnly: true }) }));
  const [structures, members] = await Promise.all([listStructures(ctx.db), listMembers(ctx.db)]);
  await reply(administrationMessage(structures, members));
}
