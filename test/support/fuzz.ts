/**
 * Signed Slack requests built from the app's real ids and modals, then mutated: wrong types, huge
 * strings, unknown ids, forged private_metadata, missing fields, and bodies Slack never sends
 * (`null`, arrays, numbers, empty, invalid JSON, wrong content types). Each case comes from its
 * own seeded generator (seed, index): a failing case is rebuilt alone from those two numbers.
 *
 * Used by test/e2e/fuzz.test.ts (bounded, in CI) and bench/fuzz.ts (`npm run fuzz -- --n 100000`).
 */
import { prng } from './prng.js';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { View } from '@slack/types';
import {
  ACTION_BLOCKS,
  ACTION_BUTTONS,
  ACTION_CHANGE_BLOCKS,
  ACTIONS,
  AGENDA_EDIT_BLOCKS,
  ALERT_ACTION_IDS,
  ALERT_BLOCKS,
  CLOSE_BLOCKS,
  COMMANDS,
  COMMITTEE_BLOCKS,
  COMMITTEE_BUTTONS,
  DECISION_BLOCKS,
  INDICATOR_BLOCKS,
  INDICATOR_BUTTONS,
  INFORMED_BLOCKS,
  MEMBER_BLOCKS,
  OFFER_BLOCKS,
  PRIVACY_BUTTONS,
  PROGRAMME_BLOCKS,
  PROGRAMME_BUTTONS,
  STRUCTURE_BLOCKS,
  VIEWS,
  VISIT_BLOCKS,
} from '../../src/slack/ids.js';
import {
  blockActions,
  blockSuggestion,
  viewClosed,
  viewSubmission,
  type SlackSender,
  type SlackUser,
} from '../../src/simulator/slack-requests.js';
import { fillModal } from './forms.js';

export type Rng = () => number;

/** Case `index` of run `seed`: its own stream, so any case is rebuilt alone (mulberry32, seed and index mixed). */
export function rngFor(seed: number, index: number): Rng {
  return prng((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0);
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

const ids = (...groups: object[]) => [
  ...new Set(groups.flatMap((g) => Object.values(g).filter((v): v is string => typeof v === 'string'))),
];
export const ACTION_IDS = ids(
  ACTIONS,
  ALERT_ACTION_IDS,
  ACTION_BUTTONS,
  COMMITTEE_BUTTONS,
  PROGRAMME_BUTTONS,
  INDICATOR_BUTTONS,
  PRIVACY_BUTTONS,
);
export const BLOCK_IDS = ids(
  VISIT_BLOCKS,
  STRUCTURE_BLOCKS,
  MEMBER_BLOCKS,
  ALERT_BLOCKS,
  OFFER_BLOCKS,
  CLOSE_BLOCKS,
  ACTION_BLOCKS,
  ACTION_CHANGE_BLOCKS,
  COMMITTEE_BLOCKS,
  AGENDA_EDIT_BLOCKS,
  PROGRAMME_BLOCKS,
  INDICATOR_BLOCKS,
  INFORMED_BLOCKS,
  DECISION_BLOCKS,
);
const CALLBACK_IDS = ids(VIEWS);
const OPTION_IDS = [ACTIONS.companyPicker, ACTIONS.nafPicker, AGENDA_EDIT_BLOCKS.add, PROGRAMME_BLOCKS.add];

/**
 * Command texts: every sub-command word the app knows, and nonsense. The annual report and the
 * exports are left out: they are slow on purpose (PDF, spreadsheets) and tested on their own.
 */
const COMMAND_TEXTS = [
  '',
  'aide',
  'help',
  'Mécanique',
  '73282932000074',
  'planifier',
  'a-informer',
  'programmes',
  'indicateurs',
  'rgpd',
  'rgpd effacer x',
  'membres',
  'structures',
  'mes',
  'toutes',
  '2026',
  '<@U123|x>',
  '%00',
  '\u202e',
];

export function hugeString(rng: Rng): string {
  const sizes = [300, 3_001, 30_000, 150_000];
  return pick(rng, ['a', 'é', '€', '😀', '<', '"', '\\', '\u0000']).repeat(pick(rng, sizes));
}

/** Values that a field of the wrong type, a forged id or a hostile string would hold. */
function oddValue(rng: Rng, known: string[]): unknown {
  switch (Math.floor(rng() * 16)) {
    case 0:
      return null;
    case 1:
      return pick(rng, [0, -1, 1.5, 2 ** 53, 1e308, -0]);
    case 2:
      return pick(rng, [true, false]);
    case 3:
      return [];
    case 4:
      return {};
    case 5:
      return '';
    case 6:
      return hugeString(rng);
    case 7:
      return randomUuid(rng);
    case 8:
      return pick(rng, [
        'not-a-uuid',
        '../../etc/passwd',
        '\'; DROP TABLE "Visit"; --',
        '<script>x</script>',
        '{{x}}',
        '2026-02-30',
        '9999-99-99',
        'NaN',
        'undefined',
        '__proto__',
        'constructor',
      ]);
    case 9:
      return JSON.stringify({ id: randomUuid(rng), companyId: randomUuid(rng) });
    case 10:
      return [oddValue(rng, known)];
    case 11:
      return { value: oddValue(rng, known) };
    case 12:
      return known.length > 0 ? pick(rng, known) : 'U404';
    case 13:
      return pick(rng, ACTION_IDS);
    case 14:
      return { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } };
    default:
      return String(Math.floor(rng() * 1e9));
  }
}

function randomUuid(rng: Rng): string {
  const hex = () => Math.floor(rng() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

function forgedMetadata(rng: Rng, known: string[]): string {
  return pick(rng, [
    '',
    'not json',
    'null',
    '[]',
    '42',
    JSON.stringify({ alertId: randomUuid(rng) }),
    JSON.stringify({ companyId: pick(rng, known.length ? known : ['x']) }),
    JSON.stringify({ committeeId: randomUuid(rng), itemId: 7 }),
    JSON.stringify({ actionId: { $ne: null } }),
    JSON.stringify({ structureId: randomUuid(rng), year: 'deux mille' }),
    '{"__proto__":{"admin":true}}',
    hugeString(rng),
  ]);
}

/** Every path (object keys, array indexes) in a JSON value, for mutations to aim at. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  if (typeof value !== 'object' || value === null || out.length > 400) return out;
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path);
    paths(child, path, out);
  }
  return out;
}

function mutate(rng: Rng, body: Record<string, unknown>, known: string[]): void {
  const all = paths(body);
  if (all.length === 0) return;
  // Often aim at what listeners read: the view's state and metadata, the action, the user.
  const interesting = all.filter((p) =>
    p.some(
      (k) =>
        k === 'values' ||
        k === 'private_metadata' ||
        k === 'actions' ||
        k === 'value' ||
        k === 'user' ||
        k === 'selected_option' ||
        k === 'text',
    ),
  );
  const path = chance(rng, 0.6) && interesting.length > 0 ? pick(rng, interesting) : pick(rng, all);
  // biome-ignore lint/suspicious/noExplicitAny: the fuzz walks and mutates an arbitrary JSON payload
  let parent: any = body;
  for (const key of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null || !Object.hasOwn(parent, key)) return;
    parent = parent[key];
  }
  const last = path[path.length - 1]!;
  if (typeof parent !== 'object' || parent === null) return;
  switch (Math.floor(rng() * 5)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case 1:
      parent[`${String(last)}_${Math.floor(rng() * 100)}`] = oddValue(rng, known);
      break;
    default:
      parent[last] =
        last === 'private_metadata' && chance(rng, 0.7) ? forgedMetadata(rng, known) : oddValue(rng, known);
  }
}

export interface FuzzWorld {
  slack: SlackSender;
  /** Registered and unknown people. */
  users: SlackUser[];
  /** Real modals the app opened (a /visite, an /alerte-recrutement…), filled and then mutated. */
  modals: View[];
  /** Ids of real records (companies…), so some forged values point at something that exists. */
  knownIds: string[];
  /** A response_url the fake Slack answers, for commands and message buttons. */
  responseUrl: () => string;
}

export interface FuzzCase {
  index: number;
  kind: string;
  body: string;
  contentType: string;
  signature: 'valid' | 'bad';
}

const FORM = 'application/x-www-form-urlencoded';
const JUNK: [string, string][] = [
  ['null', 'application/json'],
  ['[]', 'application/json'],
  ['[null]', 'application/json'],
  ['42', 'application/json'],
  ['-1e400', 'application/json'],
  ['"texte"', 'application/json'],
  ['true', 'application/json'],
  ['{}', 'application/json'],
  ['', 'application/json'],
  ['', FORM],
  ['', 'text/plain'],
  ['{"type":', 'application/json'],
  ['{"type":"block_actions"', 'application/json'],
  ['\u0000\u0001\u0002', 'application/octet-stream'],
  ['payload=', FORM],
  ['payload=null', FORM],
  ['payload=42', FORM],
  ['payload=%5B%5D', FORM],
  ['payload=%7Bnot-json', FORM],
  ['payload=a&payload=b', FORM],
  ['command=%2Fvisite', FORM],
  ['command=%2Fvisite&command=%2Fcomite&user_id=U1', FORM],
  ['user_id[]=U1&command=%2Fvisite', FORM],
  ['ssl_check=1&payload=%7B%22type%22%3A%22block_actions%22%7D', FORM],
  ['{"type":"url_verification","challenge":null}', 'application/json'],
  ['{"type":"event_callback"}', 'application/json'],
  ['{"type":"event_callback","event":null}', 'application/json'],
  ['{"type":"view_submission"}', 'application/json'],
  ['{"type":"block_actions","actions":[]}', 'application/json'],
  ['{"type":"block_actions","user":{"id":"U1"},"actions":[null]}', 'application/json'],
  ['{"type":"block_suggestion","user":{"id":"U1"}}', 'application/json'],
  ['{"command":"/visite","user_id":["U1"]}', 'application/json'],
  ['{"type":"shortcut","user":null}', 'application/json'],
  ['{"type":"dialog_submission","user":{"id":"U1"}}', 'application/json'],
  ['{"event":{"type":"app_home_opened","channel":5,"user":"U1"},"type":"event_callback"}', 'application/json'],
  ['{"event":{"type":"app_home_opened","subteam":null},"type":"event_callback"}', 'application/json'],
  ['{"event":{"type":"function_executed","function_execution_id":"F"},"type":"event_callback"}', 'application/json'],
  [
    '{"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"x","type":"button"}],"function_data":{}}',
    'application/json',
  ],
];

function anyModalAnswer(
  rng: Rng,
  world: FuzzWorld,
  element: { type: string; options?: { value: string }[] },
): string | string[] | null {
  const options = element.options?.map((o) => o.value) ?? [];
  switch (element.type) {
    case 'datepicker':
      return pick(rng, ['2026-11-30', '2026-12-01', '2027-01-15', '2020-01-01']);
    case 'users_select':
      return pick(rng, world.users).id;
    case 'external_select':
      return world.knownIds.length > 0 && chance(rng, 0.7) ? pick(rng, world.knownIds) : randomUuid(rng);
    case 'multi_static_select':
    case 'checkboxes':
      return options.filter(() => chance(rng, 0.4));
    case 'static_select':
    case 'radio_buttons':
      return options.length > 0 ? pick(rng, options) : null;
    default:
      return pick(rng, [
        '12',
        'Deux soudeurs',
        'Activité soutenue, carnet de commandes plein',
        '',
        'Vierzon',
        '18100',
        '73282932000074',
        'Mécanique du Val',
      ]);
  }
}

function someState(rng: Rng, world: FuzzWorld) {
  const values: Record<string, Record<string, unknown>> = {};
  const n = Math.floor(rng() * 6);
  for (let i = 0; i < n; i++) {
    const block = pick(rng, BLOCK_IDS);
    values[block] = {
      [block]: pick(rng, [
        { type: 'plain_text_input', value: oddValue(rng, world.knownIds) },
        {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'x' }, value: String(oddValue(rng, world.knownIds)) },
        },
        { type: 'datepicker', selected_date: pick(rng, ['2026-12-01', 'hier', null]) },
        { type: 'multi_static_select', selected_options: [{ value: 'x' }, null] },
        { type: 'users_select', selected_user: pick(rng, world.users).id },
        { type: 'external_select', selected_option: { value: randomUuid(rng) } },
      ]),
    };
  }
  return values;
}

/** Builds case `index` of the run `seed`: the same case on every run and machine. */
export function fuzzCase(seed: number, index: number, world: FuzzWorld): FuzzCase {
  const rng = rngFor(seed, index);
  const user = pick(rng, world.users);
  const roll = rng();
  let kind: string;
  let body: Record<string, unknown> | null = null;
  let encoded: { body: string; contentType: string };
  if (roll < 0.1) {
    const [raw, contentType] = pick(rng, JUNK);
    return { index, kind: 'junk', body: raw, contentType, signature: 'valid' };
  } else if (roll < 0.25) {
    kind = 'command';
    const fields: Record<string, unknown> = {
      token: 'verification-token',
      team_id: 'T0001',
      channel_id: 'C0001',
      user_id: user.id,
      command: chance(rng, 0.9) ? pick(rng, Object.values(COMMANDS)) : '/inconnue',
      text: chance(rng, 0.8) ? pick(rng, COMMAND_TEXTS) : String(oddValue(rng, world.knownIds)),
      trigger_id: `trig-${index}`,
      response_url: world.responseUrl(),
    };
    if (chance(rng, 0.5)) mutate(rng, fields, world.knownIds);
    // A form holds strings only: a mutated value is sent as its text, or the field twice.
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      if (Array.isArray(value)) for (const v of value) form.append(key, String(v));
      else form.append(key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
    }
    encoded = { body: form.toString(), contentType: FORM };
  } else {
    if (roll < 0.55) {
      kind = 'view_submission';
      const real = world.modals.length > 0 && chance(rng, 0.6);
      if (real) {
        const modal = pick(rng, world.modals) as View & {
          callback_id: string;
          private_metadata?: string;
          blocks: never[];
        };
        const answers: Record<string, string | string[] | null> = {};
        for (const block of modal.blocks as {
          type: string;
          block_id?: string;
          element?: { type: string; options?: { value: string }[] };
        }[]) {
          if (block.type === 'input' && block.block_id && block.element && chance(rng, 0.9))
            answers[block.block_id] = anyModalAnswer(rng, world, block.element);
        }
        body = viewSubmission({
          user,
          view: {
            id: `V${index}`,
            callback_id: modal.callback_id,
            private_metadata: modal.private_metadata ?? '',
            state: { values: fillModal(modal as never, answers) as never },
          },
        }) as unknown as Record<string, unknown>;
      } else {
        body = viewSubmission({
          user,
          view: {
            id: `V${index}`,
            callback_id: chance(rng, 0.9) ? pick(rng, CALLBACK_IDS) : 'formulaire_inconnu',
            private_metadata: forgedMetadata(rng, world.knownIds),
            state: { values: someState(rng, world) as never },
          },
        }) as unknown as Record<string, unknown>;
      }
    } else if (roll < 0.85) {
      kind = 'block_actions';
      const inView = chance(rng, 0.3);
      body = blockActions({
        user,
        actions: [
          {
            action_id: chance(rng, 0.9) ? pick(rng, ACTION_IDS) : `inconnu_${index}`,
            block_id: pick(rng, BLOCK_IDS),
            value: String(
              pick(rng, [randomUuid(rng), world.knownIds[0] ?? 'x', '', JSON.stringify({ year: 2026 }), 'oui', '2026']),
            ),
          },
        ],
        ...(inView
          ? {
              view: {
                id: `V${index}`,
                callback_id: pick(rng, CALLBACK_IDS),
                private_metadata: forgedMetadata(rng, world.knownIds),
                state: { values: someState(rng, world) as never },
              },
            }
          : { response_url: world.responseUrl() }),
      }) as unknown as Record<string, unknown>;
    } else if (roll < 0.93) {
      kind = 'block_suggestion';
      body = blockSuggestion({
        user,
        action_id: pick(rng, OPTION_IDS),
        block_id: pick(rng, BLOCK_IDS),
        value: pick(rng, ['', 'mé', 'Mécanique', '25.62', '7328', 'zzz', '%', '_']),
      }) as unknown as Record<string, unknown>;
    } else if (roll < 0.98) {
      kind = 'event';
      body = {
        token: 'verification-token',
        team_id: 'T0001',
        api_app_id: 'A0001',
        type: 'event_callback',
        event_id: `Ev${index}`,
        event_time: 1_700_000_000,
        event: {
          type: 'app_home_opened',
          user: user.id,
          channel: 'D0001',
          tab: pick(rng, ['home', 'messages']),
          event_ts: '1.0',
        },
        authorizations: [
          { enterprise_id: null, team_id: 'T0001', user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
        ],
      };
    } else {
      kind = 'view_closed';
      body = viewClosed({ user, view: { id: `V${index}`, callback_id: pick(rng, CALLBACK_IDS) } }) as unknown as Record<
        string,
        unknown
      >;
    }
    // Most cases are mutated once to three times; a few stay as Slack would send them.
    if (chance(rng, 0.9)) for (let m = 1 + Math.floor(rng() * 3); m > 0; m--) mutate(rng, body, world.knownIds);
    const json = JSON.stringify(body);
    encoded =
      kind === 'event'
        ? { body: json, contentType: 'application/json' }
        : { body: new URLSearchParams({ payload: json }).toString(), contentType: FORM };
  }
  // Now and then the right body with the wrong encoding, or a forged signature.
  if (chance(rng, 0.04))
    encoded.contentType = pick(rng, [
      'application/json',
      'text/plain',
      `${FORM}; charset=utf-8`,
      'multipart/form-data',
      '',
    ]);
  return { index, kind, ...encoded, signature: chance(rng, 0.03) ? 'bad' : 'valid' };
}

export interface FuzzOutcome {
  case: FuzzCase;
  status: number;
  ms: number;
  /** The answer's body (an ack's JSON), for what the app said. */
  answer: string;
}

export interface FuzzReport {
  seed: number;
  tried: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  serverErrors: FuzzOutcome[];
  /** No answer within Slack's 3 s, or Bolt's unhandled 404. */
  late: FuzzOutcome[];
  /** Connection errors: the app did not answer at all. */
  unanswered: { case: FuzzCase; error: string }[];
  maxMs: number;
  p50Ms: number;
  p99Ms: number;
  elapsedMs: number;
  /**
   * Answers that said a record was saved: the modal that replaces the form, by callback_id; a
   * visit's form closes instead (counted under visit_saved).
   */
  saved: { visit_saved: number; alert_raised: number };
  outcomes: FuzzOutcome[];
}

/** Sends `n` cases, `concurrency` at a time, signed with the app's secret (or forged). */
export async function runFuzz(
  world: FuzzWorld,
  options: {
    seed: number;
    n: number;
    concurrency?: number;
    from?: number;
    keepOutcomes?: boolean;
    onProgress?: (done: number) => void;
  },
): Promise<FuzzReport> {
  const { seed, n, concurrency = 8, from = 0 } = options;
  const report: FuzzReport = {
    seed,
    tried: 0,
    byStatus: {},
    byKind: {},
    serverErrors: [],
    late: [],
    unanswered: [],
    maxMs: 0,
    p50Ms: 0,
    p99Ms: 0,
    elapsedMs: 0,
    saved: { visit_saved: 0, alert_raised: 0 },
    outcomes: [],
  };
  const times: number[] = [];
  const started = performance.now();
  let next = from;
  let done = 0;
  const send = async (c: FuzzCase): Promise<FuzzOutcome> => {
    const res = await world.slack.raw(c.body, c.contentType, { sig: c.signature });
    return { case: c, status: res.status, ms: res.ms, answer: res.body };
  };
  const worker = async () => {
    while (next < from + n) {
      const c = fuzzCase(seed, next++, world);
      report.tried++;
      report.byKind[c.kind] = (report.byKind[c.kind] ?? 0) + 1;
      try {
        const outcome = await send(c);
        times.push(outcome.ms);
        report.byStatus[outcome.status] = (report.byStatus[outcome.status] ?? 0) + 1;
        if (outcome.status >= 500) report.serverErrors.push(outcome);
        if (outcome.ms >= 3_000 || outcome.status === 404) report.late.push(outcome);
        for (const key of ['visit_saved', 'alert_raised'] as const)
          if (outcome.status === 200 && outcome.answer.includes(`"callback_id":"${key}"`)) report.saved[key]++;
        // A saved visit closes its form (« clear »), or gives way to the alert form (an urgent hiring need).
        if (
          outcome.status === 200 &&
          isVisitSubmission(c.body) &&
          (/"response_action":"clear"/.test(outcome.answer) ||
            (/"response_action":"update"/.test(outcome.answer) &&
              outcome.answer.includes(`"callback_id":"${VIEWS.alertReport}"`)))
        )
          report.saved.visit_saved++;
        if (options.keepOutcomes !== false) report.outcomes.push(outcome);
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        report.unanswered.push({
          case: c,
          error: `${(error as Error).message}${cause ? ` (${cause})` : ''}, body of ${Buffer.byteLength(c.body)} bytes`,
        });
      }
      if (++done % 1000 === 0) options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  report.elapsedMs = performance.now() - started;
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  report.p50Ms = q(0.5);
  report.p99Ms = q(0.99);
  report.maxMs = times[times.length - 1] ?? 0;
  return report;
}

/** The main tables, counted before and after a run. */
export const COUNTED_TABLES = [
  'Structure',
  'Member',
  'MemberRole',
  'Company',
  'Visit',
  'RecruitmentAlert',
  'AlertPosition',
  'Action',
  'ActionUpdate',
  'Committee',
  'AgendaItem',
  'VisitProgramme',
  'ProgrammeTarget',
  'IndicatorSet',
  'Report',
  'ExportFile',
] as const;

export async function countRows(
  query: <T>(sql: string) => Promise<T[]>,
): Promise<Record<(typeof COUNTED_TABLES)[number], number>> {
  const counts = {} as Record<(typeof COUNTED_TABLES)[number], number>;
  for (const table of COUNTED_TABLES) {
    const [row] = await query<{ n: number | string }>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

export const newUuid = randomUUID;

/** A visit report's submission, as the fuzzer sent it (url-encoded or JSON). */
function isVisitSubmission(body: string): boolean {
  let text = body;
  try {
    text = decodeURIComponent(body.replace(/\+/g, ' '));
  } catch {
    // Not url-encoded (a deliberately broken body): read as is.
  }
  return text.includes('"type":"view_submission"') && text.includes('"callback_id":"visit_report"');
}
