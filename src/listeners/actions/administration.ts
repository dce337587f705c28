import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  UsersSelectAction,
} from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { getMemberSettings } from '../../services/members.js';
import { listStructures } from '../../services/structures.js';
import { memberModal, refusalModal, structureModal } from '../../views/modals/administration.js';
import { ackFirst, authorise } from '../guard.js';

/** « Nouvelle structure » and each structure's « Modifier » (its id as value). */
export function openStructureForm(ctx: AppContext) {
  return async ({
    ack,
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const auth = await authorise(ctx.actors, body.user.id, 'administer');
    if (!auth.ok)
      return void (await client.views.open({ trigger_id: body.trigger_id, view: refusalModal(auth.refusal) }));
    const existing = action.value
      ? await ctx.db.structure.findUnique({
          where: { id: action.value },
          include: { _count: { select: { members: true } } },
        })
      : null;
    await client.views.open({ trigger_id: body.trigger_id, view: structureModal(existing ?? undefined) });
  };
}

export function openMemberForm(ctx: AppContext) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const auth = await authorise(ctx.actors, body.user.id, 'administer');
    if (!auth.ok)
      return void (await client.views.open({ trigger_id: body.trigger_id, view: refusalModal(auth.refusal) }));
    await client.views.open({
      trigger_id: body.trigger_id,
      view: memberModal({ structures: await listStructures(ctx.db, { activeOnly: true }) }),
    });
  };
}

/** Picking a person in the member form shows their current structure, roles and status. */
export function memberUserPicked(ctx: AppContext) {
  return async ({
    ack,
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<UsersSelectAction>> & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const auth = await authorise(ctx.actors, body.user.id, 'administer');
    if (!auth.ok || !body.view || !action.selected_user) return;
    const settings = await getMemberSettings(ctx.db, action.selected_user);
    const current = settings
      ? {
          slackUserId: action.selected_user,
          structureId: settings.structureId,
          roles: settings.roles.map((r) => r.role),
          active: settings.active,
        }
      : undefined;
    const view = memberModal({ structures: await listStructures(ctx.db, { activeOnly: true }), current });
    // The hash makes Slack refuse the update if the form changed meanwhile, rather than overwrite it.
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view });
  };
}
