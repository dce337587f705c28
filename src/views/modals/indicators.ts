import type { View } from '@slack/types';
import { INDICATOR_LIST } from '../../domain/indicators.js';
import type { IndicatorSetRow } from '../../services/indicators/steering.js';
import { INDICATOR_BLOCKS as B, VIEWS } from '../../slack/ids.js';
import { COMMON } from '../../texts/common.js';
import { INDICATOR_TEXTS } from '../../texts/indicators.js';
import { context, input, option, plain, textInput } from '../blocks.js';

const T = INDICATOR_TEXTS.modal;

/**
 * The steering committee's choice for a year: which indicators, and a target for each (optional).
 * Once the year has started, saving makes a new dated version.
 */
export function indicatorsModal(year: number, current: IndicatorSetRow | undefined, started: boolean): View {
  const choices = INDICATOR_LIST.map((i) => option(i.label, i.key));
  const chosen = new Set(current?.choices.map((c) => c.key) ?? []);
  const targets = new Map(current?.choices.map((c) => [c.key, c.target]) ?? []);
  return {
    type: 'modal',
    callback_id: VIEWS.indicators,
    private_metadata: JSON.stringify({ year }),
    title: plain(T.title(year)),
    submit: plain(COMMON.save),
    close: plain(COMMON.cancel),
    blocks: [
      context(started ? T.started(year) : T.notStarted(year)),
      input(B.keys, T.keys, {
        type: 'multi_static_select',
        placeholder: plain(COMMON.choose),
        options: choices,
        ...(chosen.size ? { initial_options: choices.filter((c) => chosen.has(c.value ?? '')) } : {}),
      }),
      ...INDICATOR_LIST.map((i) => {
        const target = targets.get(i.key);
        const element =
          target === undefined || target === null
            ? textInput({ placeholder: T.unitHint[i.unit] })
            : textInput({ placeholder: T.unitHint[i.unit], initial: String(target).replace('.', ',') });
        return input(`${B.targetPrefix}${i.key}`, T.target(i.label), element, { optional: true });
      }),
    ],
  };
}
