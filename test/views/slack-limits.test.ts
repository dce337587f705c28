import { describe, it, expect } from 'vitest';
import { assertWithinSlackLimits, findLimitViolations, type Surface } from '../support/slack-limits.js';

// --- Payload builders: each produces a valid fragment, so a case only breaks one rule. ---

const pt = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const chars = (n: number) => 'x'.repeat(n);
const opt = (value: string, text = value) => ({ text: pt(text), value });
const opts = (n: number, prefix = 'v') => Array.from({ length: n }, (_, i) => opt(`${prefix}${i}`));
const dividers = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));

type Obj = Record<string, unknown>;

const modal = (blocks: unknown[], extra: Obj = {}) => ({
  type: 'modal',
  callback_id: 'cb',
  title: pt('Title'),
  submit: pt('OK'),
  close: pt('Cancel'),
  blocks,
  ...extra,
});
const home = (blocks: unknown[]) => ({ type: 'home', blocks });
const section = (extra: Obj = {}) => ({ type: 'section', text: md('hello'), ...extra });
const accessory = (element: Obj) => section({ accessory: element });
const input = (element: unknown, extra: Obj = {}) => ({ type: 'input', label: pt('Label'), element, ...extra });
const button = (extra: Obj = {}) => ({ type: 'button', text: pt('Go'), action_id: 'go', ...extra });
const select = (extra: Obj = {}) => ({ type: 'static_select', action_id: 'sel', options: opts(3), ...extra });
const textInput = (extra: Obj = {}) => ({ type: 'plain_text_input', action_id: 'txt', ...extra });
const confirm = (extra: Obj = {}) => ({
  title: pt('Sure?'),
  text: md('Really?'),
  confirm: pt('Yes'),
  deny: pt('No'),
  ...extra,
});
const image = (extra: Obj = {}) => ({ type: 'image', image_url: 'https://example.com/a.png', alt_text: 'a', ...extra });

describe('findLimitViolations: valid payloads', () => {
  it('accepts a modal using many block and element kinds', () => {
    const view = modal([
      { type: 'header', block_id: 'h', text: pt('Offre') },
      section({ block_id: 's', fields: [md('*Poste*'), pt('Dev')], accessory: button({ style: 'primary' }) }),
      { type: 'divider' },
      { type: 'context', elements: [md('Publié'), image({ type: 'image' })] },
      {
        type: 'actions',
        block_id: 'a',
        elements: [
          button({ confirm: confirm({ style: 'danger' }) }),
          { type: 'overflow', action_id: 'more', options: [opt('edit'), { ...opt('site'), url: 'https://x.y' }] },
          select({
            options: undefined,
            option_groups: [
              { label: pt('G1'), options: opts(2, 'a') },
              { label: pt('G2'), options: opts(2, 'b') },
            ],
            initial_option: opt('b1'),
          }),
        ],
      },
      input(textInput({ max_length: 10, min_length: 1, initial_value: 'abc', placeholder: pt('…') }), {
        hint: pt('Help'),
      }),
      input({
        type: 'checkboxes',
        action_id: 'cb',
        options: [{ text: md('*A*'), value: 'a' }, opt('b')],
        initial_options: [opt('b')],
      }),
      input({ type: 'radio_buttons', action_id: 'rb', options: opts(10), initial_option: opt('v9') }),
      input({ type: 'external_select', action_id: 'ext', min_query_length: 0, initial_option: opt('ext') }),
      input({ type: 'datepicker', action_id: 'date' }),
      image({ title: pt('Logo') }),
      { type: 'rich_text', elements: [] },
    ]);
    expect(findLimitViolations('modal', view)).toEqual([]);
  });

  it('accepts a Home tab and a message with fallback text', () => {
    expect(findLimitViolations('home', home([section(), { type: 'divider' }]))).toEqual([]);
    expect(findLimitViolations('message', { text: 'Fallback', blocks: [section()] })).toEqual([]);
    expect(findLimitViolations('message', { text: 'Text only' })).toEqual([]);
  });

  it('does not require action_id to be unique across blocks', () => {
    const view = modal([accessory(button({ action_id: 'same' })), accessory(button({ action_id: 'same' }))]);
    expect(findLimitViolations('modal', view)).toEqual([]);
  });
});

interface Case {
  name: string;
  surface: Surface;
  payload: unknown;
}

// Values exactly at each limit must pass: guards against off-by-one errors in the checks below.
const atLimit: Case[] = [
  { name: '100 blocks in a modal', surface: 'modal', payload: modal(dividers(100)) },
  { name: '100 blocks in a Home tab', surface: 'home', payload: home(dividers(100)) },
  { name: '50 blocks in a message', surface: 'message', payload: { text: 't', blocks: dividers(50) } },
  {
    name: '24-char modal title/submit/close',
    surface: 'modal',
    payload: modal([], { title: pt(chars(24)), submit: pt(chars(24)), close: pt(chars(24)) }),
  },
  { name: '3000-char private_metadata', surface: 'modal', payload: modal([], { private_metadata: chars(3000) }) },
  {
    name: '255-char callback_id, block_id, action_id',
    surface: 'modal',
    payload: modal([accessory(button({ action_id: chars(255) }))], { callback_id: chars(255) }),
  },
  { name: '255-char block_id', surface: 'modal', payload: modal([section({ block_id: chars(255) })]) },
  {
    name: '3000-char section text, 10 fields of 2000',
    surface: 'modal',
    payload: modal([section({ text: md(chars(3000)), fields: Array.from({ length: 10 }, () => md(chars(2000))) })]),
  },
  { name: '150-char header', surface: 'modal', payload: modal([{ type: 'header', text: pt(chars(150)) }]) },
  {
    name: '10 context elements',
    surface: 'modal',
    payload: modal([{ type: 'context', elements: Array.from({ length: 10 }, () => md('x')) }]),
  },
  {
    name: '25 actions elements',
    surface: 'modal',
    payload: modal([
      { type: 'actions', elements: Array.from({ length: 25 }, (_, i) => button({ action_id: `b${i}` })) },
    ]),
  },
  {
    name: '2000-char label and hint, 150-char placeholder',
    surface: 'modal',
    payload: modal([
      input(textInput({ placeholder: pt(chars(150)) }), { label: pt(chars(2000)), hint: pt(chars(2000)) }),
    ]),
  },
  {
    name: 'button at limits',
    surface: 'modal',
    payload: modal([accessory(button({ text: pt(chars(75)), value: chars(2000), url: chars(3000), style: 'danger' }))]),
  },
  {
    name: '100 options, 75-char text and value',
    surface: 'modal',
    payload: modal([accessory(select({ options: [...opts(99), opt(chars(75), chars(75))] }))]),
  },
  {
    name: '100 options across groups, 100 groups',
    surface: 'modal',
    payload: modal([
      accessory(
        select({
          options: undefined,
          option_groups: Array.from({ length: 100 }, (_, i) => ({ label: pt('G'), options: [opt(`v${i}`)] })),
        }),
      ),
    ]),
  },
  { name: '10 checkboxes', surface: 'modal', payload: modal([input({ type: 'checkboxes', options: opts(10) })]) },
  {
    name: 'overflow with 2 options',
    surface: 'modal',
    payload: modal([accessory({ type: 'overflow', options: opts(2) })]),
  },
  {
    name: 'overflow with 5 options',
    surface: 'modal',
    payload: modal([accessory({ type: 'overflow', options: opts(5) })]),
  },
  {
    name: 'plain_text_input at limits',
    surface: 'modal',
    payload: modal([input(textInput({ min_length: 3000, max_length: 3000, initial_value: chars(3000) }))]),
  },
  {
    name: 'confirm at limits',
    surface: 'modal',
    payload: modal([
      accessory(
        button({
          confirm: confirm({
            title: pt(chars(100)),
            text: pt(chars(300)),
            confirm: pt(chars(30)),
            deny: pt(chars(30)),
          }),
        }),
      ),
    ]),
  },
  { name: '40000-char message text', surface: 'message', payload: { text: chars(40_000), blocks: [section()] } },
  {
    name: 'image at limits',
    surface: 'modal',
    payload: modal([image({ image_url: chars(3000), alt_text: chars(2000), title: pt(chars(2000)) })]),
  },
  {
    name: 'astral emoji counted as one character',
    surface: 'modal',
    payload: modal([], { title: pt('😀'.repeat(24)) }),
  },
];

describe('findLimitViolations: values at the limit', () => {
  it.each(atLimit)('accepts $name', ({ surface, payload }) => {
    expect(findLimitViolations(surface, payload)).toEqual([]);
  });
});

interface ViolationCase extends Case {
  /** The single violation expected: `path: message`, the message naming the limit. */
  expected: string;
}

// One case per rule: a payload that is valid except for one thing.
const violations: ViolationCase[] = [
  // Payload shape and block counts
  {
    name: 'non-object payload',
    surface: 'modal',
    payload: 'nope',
    expected: '(root): modal payload must be an object',
  },
  {
    name: 'modal with 101 blocks',
    surface: 'modal',
    payload: modal(dividers(101)),
    expected: 'blocks: modal has more than 100 blocks (101)',
  },
  {
    name: 'Home tab with 101 blocks',
    surface: 'home',
    payload: home(dividers(101)),
    expected: 'blocks: home has more than 100 blocks (101)',
  },
  {
    name: 'message with 51 blocks',
    surface: 'message',
    payload: { text: 't', blocks: dividers(51) },
    expected: 'blocks: message has more than 50 blocks (51)',
  },
  {
    name: 'unknown block type',
    surface: 'modal',
    payload: modal([{ type: 'fancy' }]),
    expected: 'blocks[0].type: unknown block type "fancy"',
  },

  // View fields
  {
    name: 'modal with wrong type',
    surface: 'modal',
    payload: { ...modal([]), type: 'home' },
    expected: 'type: view type must be "modal" (got "home")',
  },
  {
    name: 'Home tab with wrong type',
    surface: 'home',
    payload: { type: 'modal', blocks: [] },
    expected: 'type: view type must be "home" (got "modal")',
  },
  {
    name: 'view without blocks',
    surface: 'home',
    payload: { type: 'home' },
    expected: 'blocks: view needs a blocks array',
  },
  {
    name: 'modal without title',
    surface: 'modal',
    payload: modal([], { title: undefined }),
    expected: 'title: modal title is required',
  },
  {
    name: 'modal title over 24',
    surface: 'modal',
    payload: modal([], { title: pt(chars(25)) }),
    expected: 'title.text: modal title is longer than 24 characters (25)',
  },
  {
    name: 'modal title in mrkdwn',
    surface: 'modal',
    payload: modal([], { title: md('Title') }),
    expected: 'title.type: modal title must be plain_text (got mrkdwn)',
  },
  {
    name: 'modal submit over 24',
    surface: 'modal',
    payload: modal([], { submit: pt(chars(25)) }),
    expected: 'submit.text: modal submit is longer than 24 characters (25)',
  },
  {
    name: 'modal close over 24',
    surface: 'modal',
    payload: modal([], { close: pt(chars(25)) }),
    expected: 'close.text: modal close is longer than 24 characters (25)',
  },
  {
    name: 'modal with input but no submit',
    surface: 'modal',
    payload: modal([input(textInput())], { submit: undefined }),
    expected: 'submit: modal with input blocks needs a submit button',
  },
  {
    name: 'private_metadata over 3000',
    surface: 'modal',
    payload: modal([], { private_metadata: chars(3001) }),
    expected: 'private_metadata: private_metadata is longer than 3000 characters (3001)',
  },
  {
    name: 'callback_id over 255',
    surface: 'modal',
    payload: modal([], { callback_id: chars(256) }),
    expected: 'callback_id: callback_id is longer than 255 characters (256)',
  },

  // Text objects
  {
    name: 'text object with unknown type',
    surface: 'modal',
    payload: modal([section({ text: { type: 'markdown', text: 'x' } })]),
    expected: 'blocks[0].text.type: section text type must be plain_text or mrkdwn (got "markdown")',
  },
  {
    name: 'text object with empty text',
    surface: 'modal',
    payload: modal([section({ text: md('') })]),
    expected: 'blocks[0].text.text: section text must have a non-empty text',
  },
  {
    name: 'text object that is a bare string',
    surface: 'modal',
    payload: modal([section({ text: 'hello' })]),
    expected: 'blocks[0].text: section text must be a text object',
  },

  // block_id and action_id
  {
    name: 'block_id over 255',
    surface: 'modal',
    payload: modal([section({ block_id: chars(256) })]),
    expected: 'blocks[0].block_id: block_id is longer than 255 characters (256)',
  },
  {
    name: 'duplicate block_id',
    surface: 'message',
    payload: { text: 't', blocks: [section({ block_id: 'b' }), { type: 'divider' }, section({ block_id: 'b' })] },
    expected: 'blocks[2].block_id: duplicate block_id "b" (also at blocks[0])',
  },
  {
    name: 'action_id over 255',
    surface: 'modal',
    payload: modal([accessory(button({ action_id: chars(256) }))]),
    expected: 'blocks[0].accessory.action_id: action_id is longer than 255 characters (256)',
  },
  {
    name: 'duplicate action_id in an actions block',
    surface: 'modal',
    payload: modal([
      {
        type: 'actions',
        elements: [button({ action_id: 'x' }), button({ action_id: 'y' }), button({ action_id: 'x' })],
      },
    ]),
    expected: 'blocks[0].elements[2].action_id: duplicate action_id "x" in block (also at elements[0])',
  },

  // Section
  {
    name: 'section without text or fields',
    surface: 'modal',
    payload: modal([{ type: 'section' }]),
    expected: 'blocks[0]: section needs text or fields',
  },
  {
    name: 'section text over 3000',
    surface: 'modal',
    payload: modal([section({ text: md(chars(3001)) })]),
    expected: 'blocks[0].text.text: section text is longer than 3000 characters (3001)',
  },
  {
    name: 'section with 11 fields',
    surface: 'modal',
    payload: modal([section({ fields: Array.from({ length: 11 }, () => md('f')) })]),
    expected: 'blocks[0].fields: section has more than 10 fields (11)',
  },
  {
    name: 'section field over 2000',
    surface: 'modal',
    payload: modal([section({ fields: [md('a'), md(chars(2001))] })]),
    expected: 'blocks[0].fields[1].text: section field is longer than 2000 characters (2001)',
  },

  // Header, context, actions
  {
    name: 'header over 150',
    surface: 'modal',
    payload: modal([{ type: 'header', text: pt(chars(151)) }]),
    expected: 'blocks[0].text.text: header text is longer than 150 characters (151)',
  },
  {
    name: 'header in mrkdwn',
    surface: 'modal',
    payload: modal([{ type: 'header', text: md('Hi') }]),
    expected: 'blocks[0].text.type: header text must be plain_text (got mrkdwn)',
  },
  {
    name: 'context with 11 elements',
    surface: 'modal',
    payload: modal([{ type: 'context', elements: Array.from({ length: 11 }, () => md('x')) }]),
    expected: 'blocks[0].elements: context has more than 10 elements (11)',
  },
  {
    name: 'actions with 26 elements',
    surface: 'modal',
    payload: modal([
      { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `b${i}` })) },
    ]),
    expected: 'blocks[0].elements: actions has more than 25 elements (26)',
  },

  // Input
  {
    name: 'input label over 2000',
    surface: 'modal',
    payload: modal([input(textInput(), { label: pt(chars(2001)) })]),
    expected: 'blocks[0].label.text: input label is longer than 2000 characters (2001)',
  },
  {
    name: 'input label in mrkdwn',
    surface: 'modal',
    payload: modal([input(textInput(), { label: md('L') })]),
    expected: 'blocks[0].label.type: input label must be plain_text (got mrkdwn)',
  },
  {
    name: 'input hint over 2000',
    surface: 'modal',
    payload: modal([input(textInput(), { hint: pt(chars(2001)) })]),
    expected: 'blocks[0].hint.text: input hint is longer than 2000 characters (2001)',
  },
  {
    name: 'input without element',
    surface: 'modal',
    payload: modal([input(undefined)]),
    expected: 'blocks[0].element: input block needs an element',
  },
  {
    name: 'placeholder over 150',
    surface: 'modal',
    payload: modal([input(textInput({ placeholder: pt(chars(151)) }))]),
    expected: 'blocks[0].element.placeholder.text: placeholder is longer than 150 characters (151)',
  },
  {
    name: 'placeholder in mrkdwn',
    surface: 'modal',
    payload: modal([input(select({ placeholder: md('Pick') }))]),
    expected: 'blocks[0].element.placeholder.type: placeholder must be plain_text (got mrkdwn)',
  },

  // Button
  {
    name: 'button text over 75',
    surface: 'modal',
    payload: modal([accessory(button({ text: pt(chars(76)) }))]),
    expected: 'blocks[0].accessory.text.text: button text is longer than 75 characters (76)',
  },
  {
    name: 'button text in mrkdwn',
    surface: 'modal',
    payload: modal([accessory(button({ text: md('Go') }))]),
    expected: 'blocks[0].accessory.text.type: button text must be plain_text (got mrkdwn)',
  },
  {
    name: 'button value over 2000',
    surface: 'modal',
    payload: modal([accessory(button({ value: chars(2001) }))]),
    expected: 'blocks[0].accessory.value: button value is longer than 2000 characters (2001)',
  },
  {
    name: 'button url over 3000',
    surface: 'modal',
    payload: modal([accessory(button({ url: chars(3001) }))]),
    expected: 'blocks[0].accessory.url: button url is longer than 3000 characters (3001)',
  },
  {
    name: 'button with unsupported style',
    surface: 'modal',
    payload: modal([accessory(button({ style: 'secondary' }))]),
    expected: 'blocks[0].accessory.style: style must be "primary" or "danger" (got "secondary")',
  },

  // Static selects
  {
    name: 'static_select with 101 options',
    surface: 'modal',
    payload: modal([input(select({ options: opts(101) }))]),
    expected: 'blocks[0].element.options: static_select has more than 100 options (101)',
  },
  {
    name: 'multi_static_select with 101 options across groups',
    surface: 'modal',
    payload: modal([
      input(
        select({
          type: 'multi_static_select',
          options: undefined,
          option_groups: [
            { label: pt('A'), options: opts(51, 'a') },
            { label: pt('B'), options: opts(50, 'b') },
          ],
        }),
      ),
    ]),
    expected:
      'blocks[0].element.option_groups: multi_static_select has more than 100 options across option_groups (101)',
  },
  {
    name: 'static_select with 101 option groups',
    surface: 'modal',
    payload: modal([
      input(
        select({
          options: undefined,
          option_groups: Array.from({ length: 101 }, (_, i) => ({ label: pt('G'), options: i === 0 ? opts(1) : [] })),
        }),
      ),
    ]),
    expected: 'blocks[0].element.option_groups: static_select has more than 100 option_groups (101)',
  },
  {
    name: 'option group label over 75',
    surface: 'modal',
    payload: modal([
      input(select({ options: undefined, option_groups: [{ label: pt(chars(76)), options: opts(1) }] })),
    ]),
    expected: 'blocks[0].element.option_groups[0].label.text: option group label is longer than 75 characters (76)',
  },
  {
    name: 'static_select without options',
    surface: 'modal',
    payload: modal([input(select({ options: undefined }))]),
    expected: 'blocks[0].element: static_select needs options or option_groups',
  },
  {
    name: 'option text over 75',
    surface: 'modal',
    payload: modal([input(select({ options: [opt('a'), opt('b', chars(76))] }))]),
    expected: 'blocks[0].element.options[1].text.text: option text is longer than 75 characters (76)',
  },
  {
    name: 'option value over 75',
    surface: 'modal',
    payload: modal([input(select({ options: [opt(chars(76), 'Long')] }))]),
    expected: 'blocks[0].element.options[0].value: option value is longer than 75 characters (76)',
  },
  {
    name: 'option without value',
    surface: 'modal',
    payload: modal([input(select({ options: [{ text: pt('A') }] }))]),
    expected: 'blocks[0].element.options[0].value: option value must be a string',
  },
  {
    name: 'option description over 75',
    surface: 'modal',
    payload: modal([input(select({ options: [{ ...opt('a'), description: pt(chars(76)) }] }))]),
    expected: 'blocks[0].element.options[0].description.text: option description is longer than 75 characters (76)',
  },
  {
    name: 'select option text in mrkdwn',
    surface: 'modal',
    payload: modal([input(select({ options: [{ text: md('*A*'), value: 'a' }] }))]),
    expected: 'blocks[0].element.options[0].text.type: option text must be plain_text (got mrkdwn)',
  },
  {
    name: 'initial_option not among options',
    surface: 'modal',
    payload: modal([input(select({ initial_option: opt('zz') }))]),
    expected: 'blocks[0].element.initial_option: initial option value "zz" is not one of the element\'s options',
  },
  {
    name: 'initial_options not among options',
    surface: 'modal',
    payload: modal([input(select({ type: 'multi_static_select', initial_options: [opt('v0'), opt('gone')] }))]),
    expected: 'blocks[0].element.initial_options[1]: initial option value "gone" is not one of the element\'s options',
  },

  // Checkboxes, radio buttons, overflow
  {
    name: 'checkboxes with 11 options',
    surface: 'modal',
    payload: modal([input({ type: 'checkboxes', options: opts(11) })]),
    expected: 'blocks[0].element.options: checkboxes has more than 10 options (11)',
  },
  {
    name: 'static_select with no option',
    surface: 'modal',
    payload: modal([input(select({ options: [] }))]),
    expected: 'blocks[0].element: static_select has no option to choose',
  },
  {
    name: 'radio_buttons with no option',
    surface: 'modal',
    payload: modal([input({ type: 'radio_buttons', options: [] })]),
    expected: 'blocks[0].element.options: radio_buttons has no option to choose',
  },
  {
    name: 'radio_buttons with 11 options',
    surface: 'modal',
    payload: modal([input({ type: 'radio_buttons', options: opts(11) })]),
    expected: 'blocks[0].element.options: radio_buttons has more than 10 options (11)',
  },
  {
    name: 'radio_buttons option value over 75',
    surface: 'modal',
    payload: modal([input({ type: 'radio_buttons', options: [opt(chars(76), 'A')] })]),
    expected: 'blocks[0].element.options[0].value: option value is longer than 75 characters (76)',
  },
  {
    name: 'radio_buttons initial_option not among options',
    surface: 'modal',
    payload: modal([input({ type: 'radio_buttons', options: opts(2), initial_option: opt('v2') })]),
    expected: 'blocks[0].element.initial_option: initial option value "v2" is not one of the element\'s options',
  },
  {
    name: 'checkboxes without options',
    surface: 'modal',
    payload: modal([input({ type: 'checkboxes' })]),
    expected: 'blocks[0].element.options: checkboxes needs options',
  },
  {
    name: 'overflow with 1 option',
    surface: 'modal',
    payload: modal([accessory({ type: 'overflow', options: opts(1) })]),
    expected: 'blocks[0].accessory.options: overflow needs 2 to 5 options (1)',
  },
  {
    name: 'overflow with 6 options',
    surface: 'modal',
    payload: modal([accessory({ type: 'overflow', options: opts(6) })]),
    expected: 'blocks[0].accessory.options: overflow needs 2 to 5 options (6)',
  },

  // External select
  {
    name: 'external_select negative min_query_length',
    surface: 'modal',
    payload: modal([input({ type: 'external_select', min_query_length: -1 })]),
    expected: 'blocks[0].element.min_query_length: min_query_length must be a non-negative integer (got -1)',
  },
  {
    name: 'external_select initial_option value over 75',
    surface: 'modal',
    payload: modal([input({ type: 'external_select', initial_option: opt(chars(76), 'A') })]),
    expected: 'blocks[0].element.initial_option.value: option value is longer than 75 characters (76)',
  },

  // plain_text_input
  {
    name: 'plain_text_input max_length over 3000',
    surface: 'modal',
    payload: modal([input(textInput({ max_length: 3001 }))]),
    expected: 'blocks[0].element.max_length: max_length must be at most 3000 (3001)',
  },
  {
    name: 'plain_text_input min_length over 3000',
    surface: 'modal',
    payload: modal([input(textInput({ min_length: 3001 }))]),
    expected: 'blocks[0].element.min_length: min_length must be at most 3000 (3001)',
  },
  {
    name: 'plain_text_input initial_value over max_length',
    surface: 'modal',
    payload: modal([input(textInput({ max_length: 5, initial_value: 'abcdef' }))]),
    expected: 'blocks[0].element.initial_value: initial_value is longer than max_length 5 (6)',
  },

  // Confirmation dialog
  {
    name: 'confirm title over 100',
    surface: 'modal',
    payload: modal([accessory(button({ confirm: confirm({ title: pt(chars(101)) }) }))]),
    expected: 'blocks[0].accessory.confirm.title.text: confirm title is longer than 100 characters (101)',
  },
  {
    name: 'confirm title in mrkdwn',
    surface: 'modal',
    payload: modal([accessory(button({ confirm: confirm({ title: md('T') }) }))]),
    expected: 'blocks[0].accessory.confirm.title.type: confirm title must be plain_text (got mrkdwn)',
  },
  {
    name: 'confirm text over 300',
    surface: 'modal',
    payload: modal([accessory(button({ confirm: confirm({ text: md(chars(301)) }) }))]),
    expected: 'blocks[0].accessory.confirm.text.text: confirm text is longer than 300 characters (301)',
  },
  {
    name: 'confirm button over 30',
    surface: 'modal',
    payload: modal([accessory(button({ confirm: confirm({ confirm: pt(chars(31)) }) }))]),
    expected: 'blocks[0].accessory.confirm.confirm.text: confirm button is longer than 30 characters (31)',
  },
  {
    name: 'deny button over 30',
    surface: 'modal',
    payload: modal([accessory(button({ confirm: confirm({ deny: pt(chars(31)) }) }))]),
    expected: 'blocks[0].accessory.confirm.deny.text: deny button is longer than 30 characters (31)',
  },
  {
    name: 'confirm button in mrkdwn',
    surface: 'modal',
    payload: modal([accessory(button({ confirm: confirm({ confirm: md('Yes') }) }))]),
    expected: 'blocks[0].accessory.confirm.confirm.type: confirm button must be plain_text (got mrkdwn)',
  },

  // Message
  {
    name: 'message text over 40000',
    surface: 'message',
    payload: { text: chars(40_001) },
    expected: 'text: message text is longer than 40000 characters and would be truncated (40001)',
  },
  {
    name: 'message with blocks but no text',
    surface: 'message',
    payload: { blocks: [section()] },
    expected: 'text: message with blocks needs a fallback text for notifications',
  },
  {
    name: 'message with blocks and blank text',
    surface: 'message',
    payload: { text: '  ', blocks: [section()] },
    expected: 'text: message with blocks needs a fallback text for notifications',
  },
  { name: 'empty message', surface: 'message', payload: {}, expected: 'text: message needs text or blocks' },

  // Image
  {
    name: 'image_url over 3000',
    surface: 'modal',
    payload: modal([image({ image_url: chars(3001) })]),
    expected: 'blocks[0].image_url: image block image_url is longer than 3000 characters (3001)',
  },
  {
    name: 'alt_text over 2000',
    surface: 'modal',
    payload: modal([image({ alt_text: chars(2001) })]),
    expected: 'blocks[0].alt_text: image block alt_text is longer than 2000 characters (2001)',
  },
  {
    name: 'image title over 2000',
    surface: 'modal',
    payload: modal([image({ title: pt(chars(2001)) })]),
    expected: 'blocks[0].title.text: image title is longer than 2000 characters (2001)',
  },
  {
    name: 'image without alt_text',
    surface: 'modal',
    payload: modal([image({ alt_text: undefined })]),
    expected: 'blocks[0].alt_text: image block alt_text must be a non-empty string',
  },
  {
    name: 'context image element without alt_text',
    surface: 'modal',
    payload: modal([{ type: 'context', elements: [image({ alt_text: '' })] }]),
    expected: 'blocks[0].elements[0].alt_text: image element alt_text must be a non-empty string',
  },
];

describe('findLimitViolations: one broken rule', () => {
  it.each(violations)('reports $name', ({ surface, payload, expected }) => {
    expect(findLimitViolations(surface, payload)).toEqual([expected]);
  });

  it('reports every violation of a payload, not just the first', () => {
    const view = modal([section({ block_id: 'b' }), section({ block_id: 'b', text: md(chars(3001)) })], {
      title: pt(chars(25)),
    });
    expect(findLimitViolations('modal', view)).toEqual([
      'title.text: modal title is longer than 24 characters (25)',
      'blocks[1].block_id: duplicate block_id "b" (also at blocks[0])',
      'blocks[1].text.text: section text is longer than 3000 characters (3001)',
    ]);
  });
});

describe('assertWithinSlackLimits', () => {
  it('does not throw for a valid payload', () => {
    expect(() => assertWithinSlackLimits('message', { text: 'hi', blocks: [section()] })).not.toThrow();
  });

  it('throws an error listing all violations', () => {
    const message = { blocks: [{ type: 'header', text: pt(chars(151)) }] };
    expect(() => assertWithinSlackLimits('message', message)).toThrow(
      [
        'message payload breaks 2 Slack limit(s):',
        '  - text: message with blocks needs a fallback text for notifications',
        '  - blocks[0].text.text: header text is longer than 150 characters (151)',
      ].join('\n'),
    );
  });
});
