import type { KnownBlock, Option, PlainTextOption } from '@slack/types';

/** Small Block Kit constructors: the views read as a list of what the user sees. */

// Slack renders :emoji: codes in plain_text by default: no `emoji` flag needed (smaller payloads).
export const plain = (text: string) => ({ type: 'plain_text' as const, text });
export const md = (text: string) => ({ type: 'mrkdwn' as const, text });

/**
 * What a person typed, made safe for mrkdwn: Slack reads « <!channel> », « <@U…> » and
 * « <https://…|lien> » in text as mentions and links, so &, < and > are escaped as it asks.
 * (plain_text needs no escaping.)
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/** What a person reads as characters (an emoji with its skin tone, a letter and its accent): never split. */
function graphemesOf(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Characters as Slack counts them against its limits (code points). */
const slackLength = (text: string) => Array.from(text).length;

/**
 * Slack cuts nothing for us: texts over a limit make the whole call fail. Cut at a character
 * boundary, with « … »; a cut that would end inside an escape (« &am ») or a mention or link
 * (« <@U12 ») goes back before it, so Slack never shows half of one. Texts people typed are
 * cut with escapeAndCut, before escaping; this guards the texts composed around them.
 */
export function truncate(text: string, max: number): string {
  if (slackLength(text) <= max) return text;
  let kept = '';
  let length = 0;
  for (const g of graphemesOf(text)) {
    const n = slackLength(g);
    if (length + n > max - 1) break;
    kept += g;
    length += n;
  }
  const open = /&[#a-z0-9]*$|<[^<>]*$/i.exec(kept);
  return `${open ? kept.slice(0, open.index) : kept}…`;
}

/** How far back from the limit a cut looks for the end of a word. */
const WORD_CUT_REACH = 20;

/**
 * What a person typed, cut then escaped: at most `max` characters once escaped, « … » included,
 * cut between two characters of what they typed (never in the middle of « &amp; »), at the end
 * of a word when one ends close enough to the limit.
 */
export function escapeAndCut(text: string, max: number): string {
  const escaped = escapeText(text);
  if (slackLength(escaped) <= max) return escaped;
  const kept: string[] = [];
  let length = 0;
  for (const g of graphemesOf(text)) {
    const n = slackLength(escapeText(g));
    if (length + n > max - 1) break;
    kept.push(g);
    length += n;
  }
  const space = kept.findLastIndex((g, i) => i > 0 && i >= kept.length - WORD_CUT_REACH && /^\s+$/.test(g));
  const words = space > 0 ? kept.slice(0, space) : kept;
  return `${escapeText(words.join('').trimEnd())}…`;
}

/** An e-mail address as a link that opens a message to it; not an address: shown escaped, as typed. */
export function mailLink(email: string): string {
  const address = email.trim();
  return /^[^\s<>|@&]+@[^\s<>|@&]+\.[^\s<>|@&]+$/.test(address) ? `<mailto:${address}|${address}>` : escapeText(email);
}

/** A web address as a link, labelled `label` (mrkdwn, already escaped) or by the address itself. */
export function urlLink(url: string, label?: string): string {
  const address = url.trim();
  if (!/^https?:\/\/[^\s<>|]+$/i.test(address)) return escapeText(url);
  // Slack reads & in a link's address as is; only the label is escaped.
  return `<${address.replace(/&/g, '&amp;')}|${label ?? escapeText(address)}>`;
}

export const header = (text: string): KnownBlock => ({ type: 'header', text: plain(truncate(text, 150)) });
export const section = (text: string, accessory?: unknown): KnownBlock =>
  ({ type: 'section', text: md(truncate(text, 3000)), ...(accessory ? { accessory } : {}) }) as KnownBlock;
export const fields = (items: string[]): KnownBlock => ({
  type: 'section',
  fields: items.slice(0, 10).map((t) => md(truncate(t, 2000))),
});
export const context = (...texts: string[]): KnownBlock => ({
  type: 'context',
  elements: texts.slice(0, 10).map((t) => md(truncate(t, 3000))),
});
export const divider = (): KnownBlock => ({ type: 'divider' });

/**
 * Lines spread over as few sections as Slack's 3000 characters allow, never cutting a line
 * (a cut could split an escape or leave a `*` open); a line longer than a section is cut alone.
 */
export function sectionsOf(lines: string[], max = 3000): KnownBlock[] {
  const texts: string[] = [];
  for (const line of lines) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= max) texts[texts.length - 1] = `${last}\n${line}`;
    else texts.push(truncate(line, max));
  }
  return texts.map((text) => section(text));
}

export function button(text: string, actionId: string, value?: string, style?: 'primary' | 'danger') {
  return {
    type: 'button' as const,
    text: plain(truncate(text, 75)),
    action_id: actionId,
    ...(value !== undefined ? { value } : {}),
    ...(style ? { style } : {}),
  };
}

export const actions = (blockId: string, elements: ReturnType<typeof button>[]): KnownBlock => ({
  type: 'actions',
  block_id: blockId,
  elements: elements.slice(0, 25),
});

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(truncate(text, 75)), value };
}

export function options(labels: Record<string, string>): PlainTextOption[] {
  return Object.entries(labels).map(([value, text]) => option(text, value));
}

export interface InputOptions {
  optional?: boolean;
  hint?: string;
  dispatchAction?: boolean;
}

/** An input block whose element's action_id equals its block_id (errors are keyed by block_id). */
export function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  opts: InputOptions = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(truncate(label, 2000)),
    element: { ...element, action_id: blockId },
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.hint ? { hint: plain(truncate(opts.hint, 2000)) } : {}),
    ...(opts.dispatchAction ? { dispatch_action: true } : {}),
  } as KnownBlock;
}

export const textInput = (
  opts: { placeholder?: string; multiline?: boolean; maxLength?: number; initial?: string } = {},
) => ({
  type: 'plain_text_input',
  ...(opts.placeholder ? { placeholder: plain(opts.placeholder) } : {}),
  ...(opts.multiline ? { multiline: true } : {}),
  ...(opts.maxLength ? { max_length: opts.maxLength } : {}),
  ...(opts.initial ? { initial_value: opts.initial } : {}),
});

export const staticSelect = (choices: PlainTextOption[], placeholder: string, initial?: string) => ({
  type: 'static_select',
  placeholder: plain(placeholder),
  options: choices,
  ...(initial ? { initial_option: choices.find((c) => c.value === initial) } : {}),
});

export const multiSelect = (choices: PlainTextOption[], placeholder: string) => ({
  type: 'multi_static_select',
  placeholder: plain(placeholder),
  options: choices,
});

export const radios = (choices: PlainTextOption[], initial?: string) => ({
  type: 'radio_buttons',
  options: choices,
  ...(initial ? { initial_option: choices.find((c) => c.value === initial) } : {}),
});

export const checkboxes = (choices: Option[], initial: Option[] = []) => ({
  type: 'checkboxes',
  options: choices,
  ...(initial.length ? { initial_options: initial } : {}),
});

export const externalSelect = (placeholder: string, minQueryLength: number, initial?: PlainTextOption) => ({
  type: 'external_select',
  placeholder: plain(placeholder),
  min_query_length: minQueryLength,
  ...(initial ? { initial_option: initial } : {}),
});
