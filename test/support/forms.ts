import { viewSubmission, type SlackUser } from '../../src/simulator/slack-requests.js';

type Block = {
  type: string;
  block_id?: string;
  element?: {
    type: string;
    action_id: string;
    options?: { value: string; text: unknown }[];
    initial_value?: string;
    initial_date?: string;
    initial_option?: { value: string };
    initial_options?: { value: string }[];
  };
};
type Answer = string | string[] | null | undefined;

/**
 * Fills a modal the app opened, as a person would, and builds the view_submission Slack would
 * send: every input block is present in the state, empty ones included, with the value shape of
 * its element type. Answers are keyed by block_id. With `keepInitial`, an input not answered holds
 * what the form showed in it (its initial value), as in Slack; without, it is sent empty.
 */
export function fillModal(
  view: { blocks: Block[] },
  answers: Record<string, Answer>,
  { keepInitial = false }: { keepInitial?: boolean } = {},
) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const { type, action_id } = block.element;
    const e = block.element;
    const initial =
      e.initial_value ?? e.initial_date ?? e.initial_option?.value ?? e.initial_options?.map((o) => o.value);
    const answer = block.block_id in answers || !keepInitial ? answers[block.block_id] : initial;
    const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
    let state: Record<string, unknown>;
    switch (type) {
      case 'plain_text_input':
        state = { value: answer ?? null };
        break;
      case 'datepicker':
        state = { selected_date: answer ?? null };
        break;
      case 'users_select':
        state = { selected_user: answer ?? null };
        break;
      case 'conversations_select':
        state = { selected_conversation: answer ?? null };
        break;
      case 'datetimepicker':
        // Seconds since the epoch, from an ISO instant.
        state = {
          selected_date_time: typeof answer === 'string' ? Math.floor(new Date(answer).getTime() / 1000) : null,
        };
        break;
      case 'multi_static_select':
      case 'multi_external_select':
      case 'checkboxes':
        state = { selected_options: ([] as string[]).concat(answer ?? []).map(option) };
        break;
      default: // static_select, external_select, radio_buttons
        state = { selected_option: typeof answer === 'string' ? option(answer) : null };
    }
    values[block.block_id] = { [action_id]: { type, ...state } };
  }
  return values;
}

export function submitModal(
  user: SlackUser,
  view: { id?: string; callback_id: string; private_metadata?: string; blocks: Block[] },
  answers: Record<string, Answer>,
  options: { keepInitial?: boolean } = {},
) {
  return viewSubmission({
    user,
    view: {
      id: view.id ?? 'V-test',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? '',
      state: { values: fillModal(view, answers, options) as never },
    },
  });
}
