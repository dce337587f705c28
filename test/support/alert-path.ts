import type { AlertState } from '../../src/generated/prisma/enums.js';

/** The life of an alert, in order: each state is reached through the ones before it. */
export const ALERT_PATH: AlertState[] = [
  'signalee',
  'prise_en_charge',
  'transmise',
  'offre_enregistree',
  'diffusee',
  'cloturee',
];
