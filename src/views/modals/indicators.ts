import type { View } from '@slack/types';
import { INDICATORS } from '../../services/indicators/catalogue.js';
import type { IndicatorSetRow } from '../../services/indicators/steering.js';
import { INDICATOR_BLOCKS as B, VIEWS } from '../../slack/ids.js';
import { context, input, option, plain, textInput } from '../blocks.js';

const UNIT_HINT = {
  count: 'un nombre',
  percent: 'en %',
  days: 'en jours',
  hours: 'en heures',
  breakdown: 'visites citant un enjeu de priorité haute',
} as const;

/**
 * The steering committee's choice for a year: which indicators, and a target for each (optional).
 * Once the year has started, saving makes a new dated version.
 */
export function indicatorsModal(year: number, current: IndicatorSetRow | undefined, started: boolean): View {
  const choices = INDICATORS.map((i) => option(i.label, i.key));
  const chosen = new Set(current?.choices.map((c) => c.key) ?? []);
  const targets = new Map(current?.choices.map((c) => [c.key, c.target]) ?? []);
  return {
    type: 'modal',
    callback_id: VIEWS.indicators,
    private_metadata: JSON.stringify({ year }),
    title: plain(`Indicateurs ${year}`),
    submit: plain('Enregistrer'),
    close: plain('Annuler'),
    blocks: [
      context(
        started
          ? `L’année ${year} a commencé : les indicateurs sont fixés. Enregistrer crée une nouvelle version datée d’aujourd’hui ; les précédentes restent dans l’historique.`
          : `Les indicateurs choisis par le comité de pilotage pour ${year}, et leurs cibles. Ils seront fixés le 1er janvier.`,
      ),
      input(B.keys, 'Indicateurs suivis', {
        type: 'multi_static_select',
        placeholder: plain('Choisir'),
        options: choices,
        ...(chosen.size ? { initial_options: choices.filter((c) => chosen.has(c.value ?? '')) } : {}),
      }),
      ...INDICATORS.map((i) => {
        const target = targets.get(i.key);
        const element =
          target === undefined || target === null
            ? textInput({ placeholder: UNIT_HINT[i.unit] })
            : textInput({ placeholder: UNIT_HINT[i.unit], initial: String(target).replace('.', ',') });
        return input(`${B.targetPrefix}${i.key}`, `Cible — ${i.label}`, element, { optional: true });
      }),
    ],
  };
}
