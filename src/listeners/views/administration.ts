import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { UserError } from '../../services/errors.js';
import { memberRole, saveMember } from '../../services/members.js';
import { saveStructure, structureKind } from '../../services/structures.js';
import { MEMBER_BLOCKS, STRUCTURE_BLOCKS } from '../../slack/ids.js';
import { ADMINISTRATION_TEXTS, errorText } from '../../texts/fr.js';
import { escapeText } from '../../views/blocks.js';
import { savedModal } from '../../views/modals/administration.js';
import { submissionListener } from '../guard.js';
import { asList, asString, errorsResponse, readViewState } from '../view-state.js';

const structureForm = z.object({
  id: z.string().nullable(),
  name: z.string().default(''),
  kind: structureKind,
  active: z.boolean(),
});

export const structureFormSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'administer', STRUCTURE_BLOCKS.name, async ({ actor, ack, view }) => {
    const state = readViewState(view.state.values);
    const parsed = structureForm.safeParse({
      id: z.object({ id: z.string().nullable() }).parse(JSON.parse(view.private_metadata || '{"id":null}')).id,
      name: asString(state[STRUCTURE_BLOCKS.name]),
      kind: asString(state[STRUCTURE_BLOCKS.kind]),
      active: asList(state[STRUCTURE_BLOCKS.active]).length > 0,
    });
    if (!parsed.success)
      return void (await ack(errorsResponse({ [STRUCTURE_BLOCKS.kind]: errorText('invalid_choice') })));
    try {
      const structure = await saveStructure(ctx.db, actor, { ...parsed.data, id: parsed.data.id ?? undefined });
      await ack({
        response_action: 'update',
        view: savedModal(
          ADMINISTRATION_TEXTS.structureModal.saved.title,
          ADMINISTRATION_TEXTS.structureModal.saved.text(escapeText(structure.name)),
        ),
      });
    } catch (error) {
      if (error instanceof UserError)
        return void (await ack(errorsResponse({ [STRUCTURE_BLOCKS.name]: errorText(error.code) })));
      throw error;
    }
  });

const memberForm = z.object({
  slackUserId: z.string({ error: 'required' }).min(1, 'required'),
  structure: z.string({ error: 'required' }).min(1, 'required'),
  roles: z.array(memberRole),
  active: z.boolean(),
});

const MEMBER_FIELD_BLOCKS: Record<string, string> = {
  slackUserId: MEMBER_BLOCKS.user,
  structure: MEMBER_BLOCKS.structure,
  roles: MEMBER_BLOCKS.roles,
};

export const memberFormSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'administer', MEMBER_BLOCKS.user, async ({ actor, ack, view }) => {
    const state = readViewState(view.state.values);
    const parsed = memberForm.safeParse({
      slackUserId: asString(state[MEMBER_BLOCKS.user]),
      structure: asString(state[MEMBER_BLOCKS.structure]),
      roles: asList(state[MEMBER_BLOCKS.roles]),
      active: asList(state[MEMBER_BLOCKS.active]).length > 0,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return void (await ack(
        errorsResponse({
          [MEMBER_FIELD_BLOCKS[String(issue.path[0])] ?? MEMBER_BLOCKS.user]: errorText(issue.message),
        }),
      ));
    }
    const { slackUserId, structure, roles, active } = parsed.data;
    try {
      await saveMember(ctx.db, actor, {
        slackUserId,
        structureId: structure === 'none' ? null : structure,
        roles,
        active,
      });
      ctx.actors.forget(slackUserId);
      await ack({
        response_action: 'update',
        view: savedModal(
          ADMINISTRATION_TEXTS.memberModal.saved.title,
          ADMINISTRATION_TEXTS.memberModal.saved.text(slackUserId),
        ),
      });
    } catch (error) {
      if (error instanceof UserError) {
        return void (await ack(
          errorsResponse({ [MEMBER_FIELD_BLOCKS[error.field ?? ''] ?? MEMBER_BLOCKS.roles]: errorText(error.code) }),
        ));
      }
      throw error;
    }
  });
