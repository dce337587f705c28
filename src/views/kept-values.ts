import type { KnownBlock } from '@slack/types';

/** One input's state as Slack sends it in `view.state.values` (the fields a form uses). */
export interface KeptValue {
  value?: string | null | undefined;
  selected_date?: string | null | undefined;
  selected_option?: { value: string; text?: { type: 'plain_text'; text: string } | undefined } | null | undefined;
  selected_options?: { value: string }[] | null | undefined;
}

/** What the person had entered in an open modal, by block_id (each input block holds one element). */
export type KeptValues = Record<string, KeptValue | undefined>;

type Opt = { value: string; text: { type: 'plain_text'; text: string } };
type Element = {
  type: string;
  options?: Opt[];
  option_groups?: { options: Opt[] }[];
  [key: string]: unknown;
};

const choicesOf = (element: Element): Opt[] => [
  ...(element.options ?? []),
  ...(element.option_groups ?? []).flatMap((g) => g.options),
];

/**
 * Re-renders a modal with what the person had entered: each input's `initial_*` set from its
 * state, so that a `views.update` (a company picked, a group shown) loses nothing typed. Options
 * are taken from the element's own list (Slack refuses an initial option it does not list);
 * an external select keeps the option as chosen.
 */
export function keepValues(blocks: KnownBlock[], kept: KeptValues | undefined): KnownBlock[] {
  if (!kept) return blocks;
  return blocks.map((block) => {
    if (block.type !== 'input' || !block.block_id) return block;
    const state = kept[block.block_id];
    if (!state) return block;
    const element = { ...(block.element as unknown as Element) };
    const choices = choicesOf(element);
    switch (element.type) {
      case 'plain_text_input':
        if (state.value) element.initial_value = state.value;
        else delete element.initial_value;
        break;
      case 'datepicker':
        if (state.selected_date) element.initial_date = state.selected_date;
        break;
      case 'external_select':
        if (state.selected_option?.text) {
          element.initial_option = { value: state.selected_option.value, text: state.selected_option.text };
        } else delete element.initial_option;
        break;
      case 'static_select':
      case 'radio_buttons': {
        const chosen = choices.find((o) => o.value === state.selected_option?.value);
        if (chosen) element.initial_option = chosen;
        else delete element.initial_option;
        break;
      }
      case 'multi_static_select':
      case 'checkboxes': {
        const values = new Set((state.selected_options ?? []).map((o) => o.value));
        const chosen = choices.filter((o) => values.has(o.value));
        if (chosen.length) element.initial_options = chosen;
        else delete element.initial_options;
        break;
      }
    }
    return { ...block, element } as KnownBlock;
  });
}
