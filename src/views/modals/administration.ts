import type { KnownBlock, View } from '@slack/types';
import type { Role, StructureKind } from '../../generated/prisma/enums.js';
import { ACTIONS, MEMBER_BLOCKS, STRUCTURE_BLOCKS, VIEWS } from '../../slack/ids.js';
import { ROLE_LABELS, STRUCTURE_KIND_LABELS } from '../../texts/fr.js';
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
export const ACTIVE_OPTION = option('Actif', 'active');

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
    title: plain(existing ? 'Modifier la structure' : 'Nouvelle structure'),
    submit: plain('Enregistrer'),
    close: plain('Annuler'),
    blocks: [
      input(
        STRUCTURE_BLOCKS.name,
        'Nom de la structure',
        textInput({ maxLength: 120, initial: existing?.name, placeholder: 'ex. CCI Val de Loire' }),
      ),
      input(STRUCTURE_BLOCKS.kind, 'Type', staticSelect(options(STRUCTURE_KIND_LABELS), 'Choisir', existing?.kind)),
      input(
        STRUCTURE_BLOCKS.active,
        'Statut',
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
    option('Aucune (coordination, pilotage…)', 'none'),
    ...structures.slice(0, 99).map((s) => option(s.name, s.id)),
  ];
  return {
    type: 'modal',
    callback_id: VIEWS.memberForm,
    title: plain('Membre'),
    submit: plain('Enregistrer'),
    close: plain('Annuler'),
    blocks: [
      input(
        MEMBER_BLOCKS.user,
        'Personne',
        {
          type: 'users_select',
          placeholder: plain('Choisir dans Slack'),
          ...(current ? { initial_user: current.slackUserId } : {}),
        },
        { dispatchAction: true, hint: 'Si la personne est déjà inscrite, ses réglages actuels s’affichent.' },
      ),
      input(
        MEMBER_BLOCKS.structure,
        'Structure',
        staticSelect(structureOptions, 'Choisir', current ? (current.structureId ?? 'none') : undefined),
      ),
      input(
        MEMBER_BLOCKS.roles,
        'Rôles',
        checkboxes(
          roleOptions,
          roleOptions.filter((o) => current?.roles.includes(o.value as Role)),
        ),
      ),
      input(
        MEMBER_BLOCKS.active,
        'Statut',
        checkboxes([ACTIVE_OPTION], !current || current.active ? [ACTIVE_OPTION] : []),
        {
          optional: true,
          hint: 'Décochez pour retirer tout accès sans effacer l’historique.',
        },
      ),
    ],
  };
}

export function savedModal(title: string, text: string): View {
  return { type: 'modal', title: plain(title), close: plain('Fermer'), blocks: [section(text)] };
}

/** /plateforme for an administrator: the partners, the people, and what to do next. */
export function administrationMessage(structures: StructureRow[], members: MemberRow[]) {
  const structureLines = structures.map(
    (s) =>
      `• *${escapeText(s.name)}* — ${STRUCTURE_KIND_LABELS[s.kind]} — ${s._count.members} membre(s)${s.active ? '' : ' _(inactive)_'}`,
  );
  const memberLines = members.map(
    (m) =>
      `• <@${m.slackUserId}> — ${m.roles.map((r) => ROLE_LABELS[r.role]).join(', ') || 'aucun rôle'}${m.structure ? ` — ${escapeText(m.structure.name)}` : ''}${m.active ? '' : ' _(inactif)_'}`,
  );
  const blocks: KnownBlock[] = [
    header('Administration de la plateforme'),
    section(`*Structures partenaires (${structures.length})*${structures.length ? '' : '\n_Aucune pour le moment._'}`),
    // One section per structure with its own « Modifier » button while it fits in a message.
    ...(structures.length <= MAX_STRUCTURE_ROWS
      ? structures.map((s, i) => section(structureLines[i]!, button('Modifier', ACTIONS.openStructureForm, s.id)))
      : [section(truncate(structureLines.join('\n'), 2900))]),
    section(`*Membres (${members.length})*\n${truncate(memberLines.join('\n') || '_Aucun pour le moment._', 2900)}`),
    divider(),
    actions('administration_actions', [
      button('Nouvelle structure', ACTIONS.openStructureForm, undefined, 'primary'),
      button('Inscrire ou modifier un membre', ACTIONS.openMemberForm),
    ]),
    context('Chaque modification est tracée (qui, quand, quoi).'),
  ];
  return { text: 'Administration de la plateforme', blocks };
}

/** A short refusal, as a modal (for buttons, which have no place to answer in). */
export function refusalModal(text: string): View {
  return { type: 'modal', title: plain('Accès refusé'), close: plain('Fermer'), blocks: [section(text)] };
}
