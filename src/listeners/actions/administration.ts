import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, UsersSelectAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { getMemberSettings } from '../../services/members.js';
import { getStructure, listStructures } from '../../services/structures.js';
import { memberModal, structureModal } from '../../views/modals/administration.js';
import { ackFirst, authorise, buttonListener, noValue } from '../guard.js';

/** « Nouvelle structure » (no value) and each structure's « Modifier » (its id as value). */
export const openStructureForm = (ctx: AppContext) =>
  buttonListener(
    ctx,
    'administer',
    z.string().optional(),
    async ({ value: structureId, openModal }) => {
      const existing = structureId ? await getStructure(ctx.db, structureId) : null;
      await openModal(structureModal(existing ?? undefined));
    },
    { refuseIn: 'modal' },
  );

export const openMemberForm = (ctx: AppContext) =>
  buttonListener(
    ctx,
    'administer',
    noValue,
    async ({ openModal }) => {
      await openModal(memberModal({ structures: await listStructures(ctx.db, { activeOnly: true }) }));
    },
    { refuseIn: 'modal' },
  );

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
