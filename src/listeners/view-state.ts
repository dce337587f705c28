import { z } from 'zod';
import type { FieldError } from '../services/errors.js';
import { errorText } from '../texts/fr.js';

/**
 * Reads a submitted view's state into plain values keyed by block_id: text as typed, the value
 * of a chosen option, the values of chosen options, a date, a user. Each input block holds one
 * element, so the block_id names the value.
 */
const elementState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z
    .object({ value: z.string(), text: z.object({ type: z.literal('plain_text'), text: z.string() }).optional() })
    .nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_conversation: z.string().nullish(),
  /** datetimepicker: seconds since the epoch. */
  selected_date_time: z.number().nullish(),
});

export const viewStateSchema = z.record(z.string(), z.record(z.string(), elementState));

export type ViewValue = string | string[] | undefined;

/** A modal's private_metadata, as the listener that opened it wrote it; a forged one throws. */
export function readMetadata<T>(view: { private_metadata?: string }, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(view.private_metadata || '{}'));
}

export function readViewState(values: unknown): Record<string, ViewValue> {
  const state = viewStateSchema.parse(values);
  const result: Record<string, ViewValue> = {};
  for (const [blockId, elements] of Object.entries(state)) {
    const element = Object.values(elements)[0];
    if (!element) continue;
    if (element.selected_options) result[blockId] = element.selected_options.map((o) => o.value);
    else if (element.selected_option) result[blockId] = element.selected_option.value;
    else if (typeof element.selected_date_time === 'number') result[blockId] = String(element.selected_date_time);
    else
      result[blockId] =
        element.value ?? element.selected_date ?? element.selected_user ?? element.selected_conversation ?? undefined;
  }
  return result;
}

export const asString = (v: ViewValue): string | undefined => (typeof v === 'string' ? v : undefined);
export const asList = (v: ViewValue): string[] => (Array.isArray(v) ? v : []);

/** A form's text and single-choice fields, read from the modal's state by the block ids it was built with. */
export function readFields<F extends string>(
  state: Record<string, ViewValue>,
  blocks: Record<F, string>,
): Record<F, string | undefined> {
  return Object.fromEntries(
    Object.entries<string>(blocks).map(([field, blockId]) => [field, asString(state[blockId])]),
  ) as Record<F, string | undefined>;
}

/** Field errors as Slack's `errors` response: each French message next to its field's block. */
export function fieldErrorsResponse<F extends string>(
  errors: FieldError<F>[],
  blocks: Record<F, string>,
  fallbackBlockId: string,
) {
  return errorsResponse(
    Object.fromEntries(errors.map((e) => [blocks[e.field] ?? fallbackBlockId, errorText(e.code, e.params)])),
  );
}

/** Slack's `response_action: "errors"` body: French messages keyed by block_id. */
export function errorsResponse(errors: Record<string, string>) {
  return { response_action: 'errors' as const, errors };
}
