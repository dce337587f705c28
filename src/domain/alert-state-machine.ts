import type { AlertState } from '../generated/prisma/enums.js';
import type { Permission } from '../services/permissions.js';

/**
 * The life of an urgent recruitment alert. Each action moves it from one of `from` to `to`, and
 * only for members with `permission`; anything else is refused and changes nothing.
 */
export const ALERT_ACTIONS = {
  prendre_en_charge: { from: ['signalee'], to: 'prise_en_charge', permission: 'handleAlerts' },
  // Transmitting an alert nobody took yet takes it too.
  transmettre: { from: ['signalee', 'prise_en_charge'], to: 'transmise', permission: 'handleAlerts' },
  enregistrer_offre: { from: ['transmise'], to: 'offre_enregistree', permission: 'recordOffers' },
  diffuser: { from: ['offre_enregistree'], to: 'diffusee', permission: 'handleAlerts' },
  clore: {
    from: ['signalee', 'prise_en_charge', 'transmise', 'offre_enregistree', 'diffusee'],
    to: 'cloturee',
    permission: 'handleAlerts',
  },
} as const satisfies Record<string, { from: readonly AlertState[]; to: AlertState; permission: Permission }>;

export type AlertAction = keyof typeof ALERT_ACTIONS;

export const OPEN_STATES: readonly AlertState[] = [
  'signalee',
  'prise_en_charge',
  'transmise',
  'offre_enregistree',
  'diffusee',
];
/** States in which the 48 h clock runs: France Travail has not been reached yet. */
export const AWAITING_TRANSMISSION: readonly AlertState[] = ['signalee', 'prise_en_charge'];

export function canMove(state: AlertState, action: AlertAction): boolean {
  return (ALERT_ACTIONS[action].from as readonly AlertState[]).includes(state);
}

/** What can be done next from a state, in the order the buttons show them. */
export function nextActions(state: AlertState): AlertAction[] {
  return (Object.keys(ALERT_ACTIONS) as AlertAction[]).filter((action) => canMove(state, action));
}
