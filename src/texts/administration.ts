/** Administration: the partner structures, the members and their roles. */
import type { Role, StructureKind } from '../generated/prisma/enums.js';
import { countOf } from './plural.js';

export const ROLE_LABELS: Record<Role, string> = {
  capteur: 'Capteur',
  coordinateur: 'Coordinateur',
  comite: 'Comité technique',
  pilotage: 'Comité de pilotage',
  france_travail: 'France Travail',
  admin: 'Administrateur',
};

export const STRUCTURE_KIND_LABELS: Record<StructureKind, string> = {
  cci: 'CCI',
  cma: 'CMA',
  france_travail: 'France Travail',
  mission_locale: 'Mission locale',
  opco: 'OPCO',
  agence_developpement: 'Agence de développement',
  collectivite: 'Collectivité',
  autre: 'Autre',
};

export const ADMINISTRATION_TEXTS = {
  active: 'Actif',
  structureModal: {
    title: (editing: boolean) => (editing ? 'Modifier la structure' : 'Nouvelle structure'),
    name: 'Nom de la structure',
    namePlaceholder: 'ex. CCI Val de Loire',
    kind: 'Type',
    saved: {
      title: 'Structure enregistrée',
      text: (name: string) => `:white_check_mark: *${name}* est enregistrée.`,
    },
  },
  memberModal: {
    title: 'Membre',
    noStructure: 'Aucune (coordination, pilotage…)',
    user: 'Personne',
    userHint: 'Si la personne est déjà inscrite, ses réglages actuels s’affichent.',
    structure: 'Structure',
    roles: 'Rôles',
    activeHint: 'Décochez pour retirer tout accès sans effacer l’historique.',
    saved: {
      title: 'Membre enregistré',
      text: (slackUserId: string) => `:white_check_mark: <@${slackUserId}> est enregistré.`,
    },
  },
  /** /plateforme for an administrator. */
  overview: {
    title: 'Administration de la plateforme',
    structureLine: (name: string, kind: string, members: number, active: boolean) =>
      `• *${name}* — ${kind} — ${countOf(members, 'membre', 'membres')}${active ? '' : ' _(inactive)_'}`,
    memberLine: (slackUserId: string, roles: string, structure: string | null, active: boolean) =>
      `• <@${slackUserId}> — ${roles || 'aucun rôle'}${structure ? ` — ${structure}` : ''}${active ? '' : ' _(inactif)_'}`,
    structures: (count: number) => `*Structures partenaires (${count})*${count ? '' : '\n_Aucune pour le moment._'}`,
    members: (count: number, lines: string) => `*Membres (${count})*\n${lines}`,
    noMember: '_Aucun pour le moment._',
    edit: 'Modifier',
    newStructure: 'Nouvelle structure',
    registerMember: 'Inscrire ou modifier un membre',
    traced: 'Chaque modification est tracée (qui, quand, quoi).',
  },
  /** The title of a short answer in a modal: says what happened, « Accès refusé » only for a role or a record that is not theirs. */
  refusalTitles: {
    permission: 'Accès refusé',
    impossible: 'Action impossible',
    notice: 'Information',
  },
} as const;
