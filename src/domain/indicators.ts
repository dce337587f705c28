/** The steering committee's indicators as they are shown: names, units, which way is good news. */
import { INDICATOR_NAMES } from '../texts/indicators.js';

export type IndicatorUnit = 'count' | 'percent' | 'days' | 'hours' | 'breakdown';

export type IndicatorKey = keyof typeof INDICATOR_NAMES;

/** What a view needs of an indicator; services/indicators/catalogue.ts adds how it is computed. */
export interface IndicatorDescription {
  key: IndicatorKey;
  label: string;
  /** In the committee's words: what is counted, over which period. */
  definition: string;
  unit: IndicatorUnit;
  /** Whether a rise is good news (the trend is read with it). */
  higherIsBetter: boolean;
}

const described = (key: IndicatorKey, unit: IndicatorUnit, higherIsBetter: boolean): IndicatorDescription => ({
  key,
  ...INDICATOR_NAMES[key],
  unit,
  higherIsBetter,
});

/** Every indicator, by key, in the catalogue's order. */
export const INDICATOR_DESCRIPTIONS = {
  visites: described('visites', 'count', true),
  entreprises_visitees: described('entreprises_visitees', 'count', true),
  realisation_programmes: described('realisation_programmes', 'percent', true),
  couverture_cibles: described('couverture_cibles', 'percent', true),
  repartition_enjeux: described('repartition_enjeux', 'breakdown', true),
  actions_creees: described('actions_creees', 'count', true),
  actions_realisees: described('actions_realisees', 'count', true),
  actions_en_retard: described('actions_en_retard', 'count', false),
  delai_median_actions: described('delai_median_actions', 'days', false),
  alertes_signalees: described('alertes_signalees', 'count', true),
  alertes_48h: described('alertes_48h', 'percent', true),
  delai_median_transmission: described('delai_median_transmission', 'hours', false),
  offres_diffusees: described('offres_diffusees', 'count', true),
  entreprises_informees: described('entreprises_informees', 'percent', true),
  alertes_depuis_visite: described('alertes_depuis_visite', 'percent', true),
  couverture_tissu_industriel: described('couverture_tissu_industriel', 'percent', true),
} as const satisfies Record<IndicatorKey, IndicatorDescription>;

/** The indicators in the order the committee chooses among them. */
export const INDICATOR_LIST: readonly IndicatorDescription[] = Object.values(INDICATOR_DESCRIPTIONS);

/** An indicator by key; undefined for a key no longer in the catalogue (an old snapshot's). */
export function describeIndicator(key: string): IndicatorDescription | undefined {
  return INDICATOR_LIST.find((i) => i.key === key);
}
