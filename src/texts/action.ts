/** Partners' actions: their statuses, forms and messages. */
import type { ActionStatus, ActionTarget } from '../generated/prisma/enums.js';
import { countOf } from './plural.js';

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  a_faire: 'À faire',
  en_cours: 'En cours',
  realisee: 'Réalisée',
  bloquee: 'Bloquée',
  abandonnee: 'Abandonnée',
};

export const ACTION_TARGET_LABELS: Record<ActionTarget, string> = {
  entreprise: "L'entreprise",
  salaries: 'Ses salariés',
};

export const ACTION_TEXTS = {
  /** « Échéance 15/03/2026 » — « en retard » once past, for an open action. */
  due: (date: string, overdue: boolean) => `Échéance ${date}${overdue ? ' — *en retard*' : ''}`,
  buttons: {
    start: 'En cours',
    status: 'Changer le statut',
    note: 'Note d’avancement',
    due: 'Reporter',
  },
  summary: {
    title: (icon: string, title: string, status: string) => `${icon} *${title}* — ${status}`,
    /** The target label is lowered: « pour l'entreprise ». */
    company: (company: string, commune: string, target: string, stake: string | null) =>
      `*${company}* (${commune}) · pour ${target.toLowerCase()}${stake ? ` · ${stake}` : ''}`,
    owner: (structure: string, slackUserId: string | null, due: string) =>
      `Suivie par ${structure}${slackUserId ? ` — <@${slackUserId}>` : ''} · ${due}`,
  },
  message: {
    text: (title: string, company: string, status: string) => `Action : ${title} (${company}) — ${status}`,
    lastUpdate: (at: string, slackUserId: string, note: string | null) =>
      `Dernière mise à jour le ${at} par <@${slackUserId}>${note ? ` : ${note}` : ''}`,
  },
  news: {
    text: (title: string, company: string) => `Action : ${title} (${company})`,
    what: (slackUserId: string, created: boolean) =>
      `<@${slackUserId}> ${created ? 'vous a confié une action' : 'a mis à jour une de vos actions'} :`,
  },
  mine: {
    group: (title: string, count: number) => `*${title} (${count})*`,
    mine: 'Vos actions en cours',
    structure: 'Les autres actions de votre structure',
    text: (count: number) => countOf(count, 'action en cours', 'actions en cours'),
    mostUrgent: (shown: number) => `Les ${shown} plus urgentes de chaque liste.`,
    none: 'Aucune action en cours pour vous ni pour votre structure.',
  },
  digest: {
    line: (title: string, company: string, due: string, status: string) =>
      `• *${title}* — ${company} — échéance ${due} (${status.toLowerCase()})`,
    part: (title: string, count: number, lines: string) => `*${title} (${count})*\n${lines}`,
    text: (late: number, soon: number) => `Vos actions : ${late} en retard, ${soon} à échéance proche`,
    late: 'En retard',
    soon: 'À échéance proche',
  },
  /** Under a list of actions to update. */
  updateThem: 'Mettez-les à jour avec `/actions`.',
  /** « Créer une action »: the form. */
  createModal: {
    title: 'Créer une action',
    submit: 'Créer',
    company: (name: string) => `Entreprise : *${name}*`,
    noStructure:
      'Aucune structure partenaire active ne peut suivre une action : la coordination doit d’abord en enregistrer une avec /plateforme.',
    action: 'Action',
    actionPlaceholder: 'ex. Monter une POE de soudeurs avec l’OPCO',
    target: 'Pour',
    stake: 'Enjeu',
    ownerStructure: 'Structure qui la suit',
    ownerMember: 'Personne qui la suit',
    ownerMemberHint: 'Un membre de la structure choisie.',
    dueDate: 'Échéance',
    description: 'Description',
    saved: {
      title: 'Action créée',
      text: ':white_check_mark: Action créée. Elle est suivie dans le canal du comité et dans `/actions`.',
    },
  },
  /** The forms that change an action. */
  changeModal: {
    context: (title: string, company: string, status: string) => `*${title}* — ${company} — ${status}`,
    statusTitle: 'Statut de l’action',
    closed: 'Cette action est close : son statut ne change plus.',
    newStatus: 'Nouveau statut',
    statusNote: 'Résultat, blocage ou raison',
    statusNoteHint: 'Obligatoire pour « Réalisée », « Bloquée » et « Abandonnée ».',
    noteTitle: 'Note d’avancement',
    note: 'Où en est l’action ?',
    dueTitle: 'Reporter l’échéance',
    currentDue: (date: string) => `Échéance actuelle : ${date}`,
    newDue: 'Nouvelle échéance',
    reason: 'Pourquoi',
    saved: {
      title: 'Action mise à jour',
      text: ':white_check_mark: C’est noté : le message de l’action est mis à jour.',
    },
  },
} as const;
