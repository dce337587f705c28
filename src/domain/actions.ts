/** The life of an action, shared by the rules that change it and the views that offer the changes. */
import type { ActionStatus } from '../generated/prisma/enums.js';

/** Where an action can go from each status; `realisee` and `abandonnee` are final. */
export const NEXT_STATUSES: Record<ActionStatus, readonly ActionStatus[]> = {
  a_faire: ['en_cours', 'realisee', 'bloquee', 'abandonnee'],
  en_cours: ['realisee', 'bloquee', 'abandonnee'],
  bloquee: ['en_cours', 'realisee', 'abandonnee'],
  realisee: [],
  abandonnee: [],
};

export const OPEN_STATUSES: readonly ActionStatus[] = ['a_faire', 'en_cours', 'bloquee'];
