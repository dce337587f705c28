import type { KnownBlock, View } from '@slack/types';
import type { Role, StructureKind } from '../../generated/prisma/enums.js';
import { ACTIONS, MEMBER_BLOCKS, STRUCTURE_BLOCKS, VIEWS } from '../../slack/ids.js';
import { ADMINISTRATION_TEXTS as T, ROLE_LABELS, STRUCTURE_KIND_LABELS } from '../../texts/administration.js';
import { COMMON } from '../../texts/common.js';
import type { RefusalKind } from '../../texts/errors.js';
import {
  actions,
  button,
  checkboxes,
  context,
  divider,
  escapeText,
  header,
  input,
  option,
  options,
  plain,
  section,
  staticSelect,
  textInput,
  truncate,
} from '../blocks.js';

const MAX_STRUCTURE_ROWS = 30;
export const ACTIVE_OPTION = option(T.active, 'active');

export interface StructureRow {
  id: string;
  name: string;
  kind: StructureKind;
  active: boolean;
  _count: { members: number };
}

export interface MemberRow {
  slackUserId: string;
  active: boolean;
  structure: { name: string } | null;
  roles: { role: Role }[];
}

export function structureModal(existing?: StructureRow): View {
  return {
    type: 'modal',
    callback_id: VIEWS.structureForm,
    private_metadata: JSON.stringify({ id: existing?.id ?? null }),
    title: plain(T.structureModal.title(Boolean(existing))),
    submit: plain(COMMON.save),
    close: plain(COMMON.cancel),
    blocks: [
      input(
        STRUCTURE_BLOCKS.name,
        T.structureModal.name,
        textInput({ maxLength: 120, initial: existing?.name, placeholder: T.structureModal.namePlaceholder }),
      ),
      input(
        STRUCTURE_BLOCKS.kind,
        T.structureModal.kind,
        staticSelect(options(STRUCTURE_KIND_LABELS), COMMON.choose, existing?.kind),
      ),
      input(
        STRUCTURE_BLOCKS.active,
        COMMON.status,
        checkboxes([ACTIVE_OPTION], existing && !existing.active ? [] : [ACTIVE_OPTION]),
        { optional: true },
      ),
    ],
  };
}

export interface MemberModalInput {
  structures: { id: string; name: string }[];
  /** The member being edited, when the admin picked an already registered user. */
  current?: { slackUserId: string; structureId: string | null; roles: Role[]; active: boolean } | undefined;
}

export function memberModal({ structures, current }: MemberModalInput): View {
  const roleOptions = options(ROLE_LABELS);
  const structureOptions = [
    option(T.memberModal.noStructure, 'none'),
    ...structures.slice(0, 99).map((s) => option(s.name, s.id)),
  ];
  return {
    type: 'modal',
    callback_id: VIEWS.memberForm,
    title: plain(T.memberModal.title),
    submit: plain(COMMON.save),
    close: plain(COMMON.cancel),
    blocks: [
      input(
        MEMBER_BLOCKS.user,
        T.memberModal.user,
        {
          type: 'users_select',
          placeholder: plain(COMMON.chooseInSlack),
          ...(current ? { initial_user: current.slackUserId } : {}),
        },
        { dispatchAction: true, hint: T.memberModal.userHint },
      ),
      input(
        MEMBER_BLOCKS.structure,
        T.memberModal.structure,
        staticSelect(structureOptions, COMMON.choose, current ? (current.structureId ?? 'none') : undefined),
      ),
      input(
        MEMBER_BLOCKS.roles,
        T.memberModal.roles,
        checkboxes(
          roleOptions,
          roleOptions.filter((o) => current?.roles.includes(o.value as Role)),
        ),
      ),
      input(
        MEMBER_BLOCKS.active,
        COMMON.status,
        checkboxes([ACTIVE_OPTION], !current || current.active ? [ACTIVE_OPTION] : []),
        { optional: true, hint: T.memberModal.activeHint },
      ),
    ],
  };
}

export function savedModal(title: string, text: string): View {
  return { type: 'modal', title: plain(title), close: plain(COMMON.close), blocks: [section(text)] };
}

const O = T.overview;

/** /plateforme for an administrator: the partners, the people, and what to do next. */
export function administrationMessage(structures: StructureRow[], members: MemberRow[]) {
  const structureLines = structures.map((s) =>
    O.structureLine(escapeText(s.name), STRUCTURE_KIND_LABELS[s.kind], s._count.members, s.active),
  );
  const memberLines = members.map((m) =>
    O.memberLine(
      m.slackUserId,
      m.roles.map((r) => ROLE_LABELS[r.role]).join(', '),
      m.structure ? escapeText(m.structure.name) : null,
      m.active,
    ),
  );
  const blocks: KnownBlock[] = [
    header(O.title),
    section(O.structures(structures.length)),
    // One section per structure with its own « Modifier » button while it fits in a message.
    ...(structures.length <= MAX_STRUCTURE_ROWS
      ? structures.map((s, i) => section(structureLines[i]!, button(O.edit, ACTIONS.openStructureForm, s.id)))
      : [section(truncate(structureLines.join('\n'), 2900))]),
    section(O.members(members.length, truncate(memberLines.join('\n') || O.noMember, 2900))),
    divider(),
    actions('administration_actions', [
      button(O.newStructure, ACTIONS.openStructureForm, undefined, 'primary'),
      button(O.registerMember, ACTIONS.openMemberForm),
    ]),
    context(O.traced),
  ];
  return { text: O.title, blocks };
}

/**
 * A short refusal, as a modal (for buttons, which have no place to answer in). Its title says
 * what happened: « Accès refusé » for a permission, « Action impossible » for a state conflict.
 */
export function refusalModal(text: string, kind: RefusalKind = 'permission'): View {
  return { type: 'modal', title: plain(T.refusalTitles[kind]), close: plain(COMMON.close), blocks: [section(text)] };
}
