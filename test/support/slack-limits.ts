/**
 * Validator for Slack's documented Block Kit limits.
 *
 * Slack rejects a whole view or message with a terse `invalid_blocks` error when
 * a single field breaks a limit, and some limits only bite with real data (a
 * long company name, a 101st option). This module lets a test render every view
 * of the app and check it against the limits from the Block Kit reference and
 * `@slack/types`, with a JSON path pointing at the culprit.
 *
 * It deliberately takes `unknown`: rendered payloads are plain JSON and may not
 * match the `@slack/types` shapes, which is exactly what we want to detect.
 *
 * Scope: only the rules listed below are checked. It is not a full schema
 * validator (unknown element types, rich_text contents, file and video blocks
 * are not inspected in depth).
 */

export type Surface = 'modal' | 'home' | 'message';

/** Block types Slack accepts in modals, Home tabs and messages. */
const KNOWN_BLOCK_TYPES = new Set([
  'section',
  'divider',
  'image',
  'actions',
  'context',
  'input',
  'header',
  'rich_text',
  'file',
  'video',
]);

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

const LIMITS = {
  viewTitle: 24, // modal title, submit and close
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  actionId: 255,
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  // Option value: docs now say 150 but @slack/types still says 75; keep the stricter one.
  optionText: 75,
  optionValue: 75,
  optionDescription: 75,
  optionGroupLabel: 75,
  selectOptions: 100,
  selectOptionGroups: 100,
  choiceOptions: 10, // checkboxes and radio_buttons
  overflowMinOptions: 2,
  overflowMaxOptions: 5,
  plainTextInputLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  imageUrl: 3000,
  altText: 2000,
  imageTitle: 2000,
} as const;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Length as Slack counts it: in characters, not UTF-16 code units, so an emoji
 * outside the BMP counts once rather than twice.
 */
function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Collects violations while walking the payload. */
class Report {
  readonly violations: string[] = [];

  add(path: string, message: string): void {
    this.violations.push(`${path === '' ? '(root)' : path}: ${message}`);
  }

  /** Optional string field with a maximum length. */
  maxString(parent: Json, path: string, key: string, max: number, what: string): void {
    const value = parent[key];
    if (value === undefined) return;
    const p = join(path, key);
    if (typeof value !== 'string') {
      this.add(p, `${what} must be a string`);
    } else if (charCount(value) > max) {
      this.add(p, `${what} is longer than ${max} characters (${charCount(value)})`);
    }
  }

  /**
   * Array field with a maximum number of items; returns the array (or [] if absent/invalid).
   * `owner` names the object in messages: "static_select has more than 100 options (101)".
   */
  maxItems(parent: Json, path: string, key: string, max: number, owner: string): unknown[] {
    const value = parent[key];
    if (value === undefined) return [];
    const p = join(path, key);
    if (!Array.isArray(value)) {
      this.add(p, `${owner} ${key} must be an array`);
      return [];
    }
    if (value.length > max) this.add(p, `${owner} has more than ${max} ${key} (${value.length})`);
    return value;
  }
}

interface TextRule {
  /** Human name used in messages, e.g. "modal title". */
  what: string;
  max?: number;
  required?: boolean;
  /** Slack only accepts plain_text here (labels, titles, button texts, select options...). */
  plainOnly?: boolean;
}

/** Checks a text object `{type: 'plain_text'|'mrkdwn', text}` stored at `parent[key]`. */
function checkText(r: Report, parent: Json, path: string, key: string, rule: TextRule): void {
  const value = parent[key];
  const p = join(path, key);
  if (value === undefined) {
    if (rule.required) r.add(p, `${rule.what} is required`);
    return;
  }
  checkTextObject(r, value, p, rule);
}

function checkTextObject(r: Report, value: unknown, p: string, rule: TextRule): void {
  if (!isRecord(value)) {
    r.add(p, `${rule.what} must be a text object`);
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    r.add(join(p, 'type'), `${rule.what} type must be plain_text or mrkdwn (got ${JSON.stringify(value.type)})`);
  } else if (rule.plainOnly && value.type !== 'plain_text') {
    r.add(join(p, 'type'), `${rule.what} must be plain_text (got ${value.type})`);
  }
  const text = value.text;
  if (typeof text !== 'string' || text.length === 0) {
    r.add(join(p, 'text'), `${rule.what} must have a non-empty text`);
  } else if (rule.max !== undefined && charCount(text) > rule.max) {
    r.add(join(p, 'text'), `${rule.what} is longer than ${rule.max} characters (${charCount(text)})`);
  }
}

// ---------------------------------------------------------------------------
// Composition objects
// ---------------------------------------------------------------------------

function checkConfirm(r: Report, parent: Json, path: string): void {
  const value = parent.confirm;
  if (value === undefined) return;
  const p = join(path, 'confirm');
  if (!isRecord(value)) {
    r.add(p, 'confirm must be a confirmation dialog object');
    return;
  }
  checkText(r, value, p, 'title', { what: 'confirm title', max: LIMITS.confirmTitle, plainOnly: true });
  checkText(r, value, p, 'text', { what: 'confirm text', max: LIMITS.confirmText, required: true });
  checkText(r, value, p, 'confirm', { what: 'confirm button', max: LIMITS.confirmButton, plainOnly: true });
  checkText(r, value, p, 'deny', { what: 'deny button', max: LIMITS.confirmButton, plainOnly: true });
  checkStyle(r, value, p);
}

function checkStyle(r: Report, parent: Json, path: string): void {
  const style = parent.style;
  if (style !== undefined && style !== 'primary' && style !== 'danger') {
    r.add(join(path, 'style'), `style must be "primary" or "danger" (got ${JSON.stringify(style)})`);
  }
}

/**
 * Checks one option object. `plainOnly` is true for selects and overflow menus;
 * checkboxes and radio buttons also accept mrkdwn.
 */
function checkOption(r: Report, option: unknown, p: string, plainOnly: boolean): void {
  if (!isRecord(option)) {
    r.add(p, 'option must be an object');
    return;
  }
  checkText(r, option, p, 'text', { what: 'option text', max: LIMITS.optionText, required: true, plainOnly });
  if (typeof option.value !== 'string') {
    r.add(join(p, 'value'), 'option value must be a string');
  } else {
    r.maxString(option, p, 'value', LIMITS.optionValue, 'option value');
  }
  checkText(r, option, p, 'description', {
    what: 'option description',
    max: LIMITS.optionDescription,
    plainOnly: true,
  });
}

/**
 * Checks `initial_option` / `initial_options`: they must obey the option limits
 * and, when the element lists its options (`known` given), be one of them.
 * Slack compares whole objects; comparing by value catches the usual mistake
 * (a stale or renamed value) without being fooled by a cosmetic text change.
 */
function checkInitialOptions(
  r: Report,
  el: Json,
  path: string,
  plainOnly: boolean,
  known: ReadonlySet<string> | undefined,
): void {
  const entries: [string, unknown][] = [];
  if (el.initial_option !== undefined) entries.push([join(path, 'initial_option'), el.initial_option]);
  if (el.initial_options !== undefined) {
    const p = join(path, 'initial_options');
    if (Array.isArray(el.initial_options)) {
      for (const [i, o] of el.initial_options.entries()) entries.push([join(p, i), o]);
    } else {
      r.add(p, 'initial_options must be an array');
    }
  }
  for (const [p, option] of entries) {
    checkOption(r, option, p, plainOnly);
    if (known && isRecord(option) && typeof option.value === 'string' && !known.has(option.value)) {
      r.add(p, `initial option value ${JSON.stringify(option.value)} is not one of the element's options`);
    }
  }
}

/** Checks a flat `options` array and returns the values it declares. */
function checkOptionList(r: Report, options: unknown[], path: string, plainOnly: boolean): string[] {
  const values: string[] = [];
  options.forEach((o, i) => {
    checkOption(r, o, join(path, i), plainOnly);
    if (isRecord(o) && typeof o.value === 'string') values.push(o.value);
  });
  return values;
}

// ---------------------------------------------------------------------------
// Block elements
// ---------------------------------------------------------------------------

/** static_select / multi_static_select: up to 100 options, counted across option groups. */
function checkStaticSelect(r: Report, el: Json, path: string, type: string): void {
  const values: string[] = [];
  if (el.options === undefined && el.option_groups === undefined) {
    r.add(path, `${type} needs options or option_groups`);
  }
  const options = r.maxItems(el, path, 'options', LIMITS.selectOptions, type);
  values.push(...checkOptionList(r, options, join(path, 'options'), true));

  const groupsPath = join(path, 'option_groups');
  const groups = r.maxItems(el, path, 'option_groups', LIMITS.selectOptionGroups, type);
  let grouped = 0;
  groups.forEach((g, i) => {
    const gp = join(groupsPath, i);
    if (!isRecord(g)) {
      r.add(gp, 'option group must be an object');
      return;
    }
    checkText(r, g, gp, 'label', {
      what: 'option group label',
      max: LIMITS.optionGroupLabel,
      required: true,
      plainOnly: true,
    });
    if (!Array.isArray(g.options)) {
      r.add(join(gp, 'options'), 'option group options must be an array');
      return;
    }
    grouped += g.options.length;
    values.push(...checkOptionList(r, g.options, join(gp, 'options'), true));
  });
  // Slack refuses a menu with nothing to choose.
  if (options.length + grouped === 0 && (el.options !== undefined || el.option_groups !== undefined)) {
    r.add(path, `${type} has no option to choose`);
  }
  // The 100-option cap applies to the menu as a whole, not to each group.
  if (grouped > LIMITS.selectOptions) {
    r.add(groupsPath, `${type} has more than ${LIMITS.selectOptions} options across option_groups (${grouped})`);
  }
  checkInitialOptions(r, el, path, true, new Set(values));
}

/** checkboxes / radio_buttons: up to 10 options, mrkdwn allowed in option text. */
function checkChoices(r: Report, el: Json, path: string, type: string): void {
  if (el.options === undefined) r.add(join(path, 'options'), `${type} needs options`);
  const options = r.maxItems(el, path, 'options', LIMITS.choiceOptions, type);
  if (el.options !== undefined && options.length === 0) r.add(join(path, 'options'), `${type} has no option to choose`);
  const values = checkOptionList(r, options, join(path, 'options'), false);
  checkInitialOptions(r, el, path, false, new Set(values));
}

function checkOverflow(r: Report, el: Json, path: string): void {
  const p = join(path, 'options');
  if (!Array.isArray(el.options)) {
    r.add(p, 'overflow options must be an array');
    return;
  }
  const n = el.options.length;
  if (n < LIMITS.overflowMinOptions || n > LIMITS.overflowMaxOptions) {
    r.add(p, `overflow needs ${LIMITS.overflowMinOptions} to ${LIMITS.overflowMaxOptions} options (${n})`);
  }
  el.options.forEach((o, i) => {
    checkOption(r, o, join(p, i), true);
    // Overflow options may carry a URL instead of only a value.
    if (isRecord(o)) r.maxString(o, join(p, i), 'url', LIMITS.buttonUrl, 'option url');
  });
}

function checkExternalSelect(r: Report, el: Json, path: string): void {
  const mql = el.min_query_length;
  if (mql !== undefined && (typeof mql !== 'number' || !Number.isInteger(mql) || mql < 0)) {
    r.add(
      join(path, 'min_query_length'),
      `min_query_length must be a non-negative integer (got ${JSON.stringify(mql)})`,
    );
  }
  // Options come from the app's options endpoint, so membership cannot be checked here.
  checkInitialOptions(r, el, path, true, undefined);
}

function checkPlainTextInput(r: Report, el: Json, path: string): void {
  const max = LIMITS.plainTextInputLength;
  for (const key of ['min_length', 'max_length'] as const) {
    const v = el[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      r.add(join(path, key), `${key} must be a non-negative integer (got ${JSON.stringify(v)})`);
    } else if (v > max) {
      r.add(join(path, key), `${key} must be at most ${max} (${v})`);
    }
  }
  const initial = el.initial_value;
  if (initial === undefined) return;
  if (typeof initial !== 'string') {
    r.add(join(path, 'initial_value'), 'initial_value must be a string');
  } else if (typeof el.max_length === 'number' && charCount(initial) > el.max_length) {
    // Slack accepts the view but the user cannot submit it without trimming the value first.
    r.add(
      join(path, 'initial_value'),
      `initial_value is longer than max_length ${el.max_length} (${charCount(initial)})`,
    );
  }
}

function checkButton(r: Report, el: Json, path: string): void {
  checkText(r, el, path, 'text', { what: 'button text', max: LIMITS.buttonText, required: true, plainOnly: true });
  r.maxString(el, path, 'value', LIMITS.buttonValue, 'button value');
  r.maxString(el, path, 'url', LIMITS.buttonUrl, 'button url');
  checkStyle(r, el, path);
}

/** Checks an image element or image block's URL and alt text. */
function checkImageFields(r: Report, img: Json, path: string, what: string): void {
  // An image is given either by public URL or by slack_file reference.
  if (img.image_url === undefined && img.slack_file === undefined) {
    r.add(join(path, 'image_url'), `${what} needs image_url or slack_file`);
  }
  r.maxString(img, path, 'image_url', LIMITS.imageUrl, `${what} image_url`);
  if (typeof img.alt_text !== 'string' || img.alt_text.length === 0) {
    r.add(join(path, 'alt_text'), `${what} alt_text must be a non-empty string`);
  } else {
    r.maxString(img, path, 'alt_text', LIMITS.altText, `${what} alt_text`);
  }
}

/** Checks any interactive element (accessory, actions element, input element). */
function checkElement(r: Report, el: unknown, path: string): void {
  if (!isRecord(el)) {
    r.add(path, 'element must be an object');
    return;
  }
  const type = typeof el.type === 'string' ? el.type : '';
  r.maxString(el, path, 'action_id', LIMITS.actionId, 'action_id');
  checkText(r, el, path, 'placeholder', { what: 'placeholder', max: LIMITS.placeholder, plainOnly: true });
  checkConfirm(r, el, path);

  switch (type) {
    case 'button':
      checkButton(r, el, path);
      break;
    case 'static_select':
    case 'multi_static_select':
      checkStaticSelect(r, el, path, type);
      break;
    case 'external_select':
    case 'multi_external_select':
      checkExternalSelect(r, el, path);
      break;
    case 'checkboxes':
    case 'radio_buttons':
      checkChoices(r, el, path, type);
      break;
    case 'overflow':
      checkOverflow(r, el, path);
      break;
    case 'plain_text_input':
      checkPlainTextInput(r, el, path);
      break;
    case 'image':
      checkImageFields(r, el, path, 'image element');
      break;
    default:
      // Other element types (datepicker, users_select, ...) only get the generic checks above.
      break;
  }
}

// ---------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------

function checkSection(r: Report, block: Json, path: string): void {
  if (block.text === undefined && block.fields === undefined) {
    r.add(path, 'section needs text or fields');
  }
  checkText(r, block, path, 'text', { what: 'section text', max: LIMITS.sectionText });
  const fields = r.maxItems(block, path, 'fields', LIMITS.sectionFields, 'section');
  for (const [i, f] of fields.entries()) {
    checkTextObject(r, f, join(join(path, 'fields'), i), { what: 'section field', max: LIMITS.sectionFieldText });
  }
  if (block.accessory !== undefined) checkElement(r, block.accessory, join(path, 'accessory'));
}

function checkHeader(r: Report, block: Json, path: string): void {
  checkText(r, block, path, 'text', { what: 'header text', max: LIMITS.headerText, required: true, plainOnly: true });
}

function checkContext(r: Report, block: Json, path: string): void {
  if (block.elements === undefined) r.add(join(path, 'elements'), 'context block needs elements');
  const elements = r.maxItems(block, path, 'elements', LIMITS.contextElements, 'context');
  elements.forEach((e, i) => {
    const p = join(join(path, 'elements'), i);
    // Context elements are either image elements or text objects.
    if (isRecord(e) && e.type === 'image') checkImageFields(r, e, p, 'image element');
    else checkTextObject(r, e, p, { what: 'context text' });
  });
}

function checkActions(r: Report, block: Json, path: string): void {
  if (block.elements === undefined) r.add(join(path, 'elements'), 'actions block needs elements');
  const elements = r.maxItems(block, path, 'elements', LIMITS.actionsElements, 'actions');
  // action_id must be unique within the block (Slack does not require it across the view).
  const seen = new Map<string, number>();
  elements.forEach((e, i) => {
    const p = join(join(path, 'elements'), i);
    checkElement(r, e, p);
    if (!isRecord(e) || typeof e.action_id !== 'string') return;
    const first = seen.get(e.action_id);
    if (first === undefined) seen.set(e.action_id, i);
    else
      r.add(
        join(p, 'action_id'),
        `duplicate action_id ${JSON.stringify(e.action_id)} in block (also at elements[${first}])`,
      );
  });
}

function checkInput(r: Report, block: Json, path: string): void {
  checkText(r, block, path, 'label', { what: 'input label', max: LIMITS.inputLabel, required: true, plainOnly: true });
  checkText(r, block, path, 'hint', { what: 'input hint', max: LIMITS.inputHint, plainOnly: true });
  if (block.element === undefined) r.add(join(path, 'element'), 'input block needs an element');
  else checkElement(r, block.element, join(path, 'element'));
}

function checkImageBlock(r: Report, block: Json, path: string): void {
  checkImageFields(r, block, path, 'image block');
  checkText(r, block, path, 'title', { what: 'image title', max: LIMITS.imageTitle, plainOnly: true });
}

const BLOCK_CHECKS: Partial<Record<string, (r: Report, block: Json, path: string) => void>> = {
  section: checkSection,
  header: checkHeader,
  context: checkContext,
  actions: checkActions,
  input: checkInput,
  image: checkImageBlock,
  // divider, rich_text, file and video have no limit checked here beyond block_id.
};

/** Checks the `blocks` array shared by views and messages. */
function checkBlocks(r: Report, blocks: unknown, surface: Surface): void {
  if (blocks === undefined) return;
  if (!Array.isArray(blocks)) {
    r.add('blocks', 'blocks must be an array');
    return;
  }
  const max = MAX_BLOCKS[surface];
  if (blocks.length > max) r.add('blocks', `${surface} has more than ${max} blocks (${blocks.length})`);

  // block_id must be unique within the whole view or message.
  const seen = new Map<string, number>();
  blocks.forEach((block, i) => {
    const p = join('blocks', i);
    if (!isRecord(block)) {
      r.add(p, 'block must be an object');
      return;
    }
    if (typeof block.type !== 'string' || !KNOWN_BLOCK_TYPES.has(block.type)) {
      r.add(join(p, 'type'), `unknown block type ${JSON.stringify(block.type)}`);
      return;
    }
    r.maxString(block, p, 'block_id', LIMITS.blockId, 'block_id');
    if (typeof block.block_id === 'string') {
      const first = seen.get(block.block_id);
      if (first === undefined) seen.set(block.block_id, i);
      else
        r.add(join(p, 'block_id'), `duplicate block_id ${JSON.stringify(block.block_id)} (also at blocks[${first}])`);
    }
    BLOCK_CHECKS[block.type]?.(r, block, p);
  });
}

// ---------------------------------------------------------------------------
// Surfaces
// ---------------------------------------------------------------------------

function checkView(r: Report, view: Json, surface: 'modal' | 'home'): void {
  if (view.type !== surface) r.add('type', `view type must be "${surface}" (got ${JSON.stringify(view.type)})`);
  if (view.blocks === undefined) r.add('blocks', 'view needs a blocks array');
  r.maxString(view, '', 'private_metadata', LIMITS.privateMetadata, 'private_metadata');
  r.maxString(view, '', 'callback_id', LIMITS.callbackId, 'callback_id');

  if (surface === 'modal') {
    const title = { max: LIMITS.viewTitle, plainOnly: true };
    checkText(r, view, '', 'title', { ...title, what: 'modal title', required: true });
    checkText(r, view, '', 'submit', { ...title, what: 'modal submit' });
    checkText(r, view, '', 'close', { ...title, what: 'modal close' });
    // Without a submit button the user has no way to send the inputs.
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isRecord(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) r.add('submit', 'modal with input blocks needs a submit button');
  }
  checkBlocks(r, view.blocks, surface);
}

function checkMessage(r: Report, message: Json): void {
  const text = message.text;
  if (text !== undefined && typeof text !== 'string') {
    r.add('text', 'message text must be a string');
  } else if (typeof text === 'string' && charCount(text) > LIMITS.messageText) {
    r.add(
      'text',
      `message text is longer than ${LIMITS.messageText} characters and would be truncated (${charCount(text)})`,
    );
  }
  // With blocks, `text` is the fallback used in notifications and by screen readers.
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  if (hasBlocks && (text === undefined || (typeof text === 'string' && text.trim() === ''))) {
    r.add('text', 'message with blocks needs a fallback text for notifications');
  } else if (!hasBlocks && text === undefined) {
    r.add('text', 'message needs text or blocks');
  }
  checkBlocks(r, message.blocks, 'message');
}

/**
 * Returns every Slack limit broken by `payload`, as `path: message` strings
 * (e.g. `blocks[3].element.options: static_select has more than 100 options (101)`).
 * Empty when the payload is within limits.
 *
 * For `modal` and `home`, `payload` is a view object; for `message`, it is the
 * `{ text?, blocks? }` part of a chat.postMessage / respond call.
 */
export function findLimitViolations(surface: Surface, payload: unknown): string[] {
  const r = new Report();
  if (!isRecord(payload)) {
    r.add('', `${surface} payload must be an object`);
    return r.violations;
  }
  if (surface === 'message') checkMessage(r, payload);
  else checkView(r, payload, surface);
  return r.violations;
}

/** Throws an Error listing every violation found by {@link findLimitViolations}. */
export function assertWithinSlackLimits(surface: Surface, payload: unknown): void {
  const violations = findLimitViolations(surface, payload);
  if (violations.length > 0) {
    throw new Error(
      `${surface} payload breaks ${violations.length} Slack limit(s):\n${violations.map((v) => `  - ${v}`).join('\n')}`,
    );
  }
}
