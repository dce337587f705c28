import { z } from 'zod';

/**
 * The shape of a request body that Bolt 5.1 and the listeners can route without throwing.
 *
 * Bolt reads the body before any listener runs (its type, team, user, channel, the first
 * action) and assumes Slack's shapes: a JSON `null`, an array, a `user` that is a string or an
 * `actions` that is not a list make it throw outside any listener — an unhandled rejection in
 * its HTTP receiver, or a 500. This check follows Bolt's own classification
 * (helpers.getTypeAndConversation, App.buildSource) and refuses what it cannot handle; the
 * values inside (a view's state, a button's value, private_metadata) are each listener's to
 * check, with its own French answer.
 */
const loose = z.looseObject({});
const user = z.looseObject({ id: z.string(), team_id: z.string().optional() });
/** `team` is null on org-wide installs. */
const team = z.looseObject({ id: z.string().optional(), enterprise_id: z.string().optional() }).nullable().optional();
const enterprise = z.looseObject({ id: z.string() }).nullable().optional();
const view = z.looseObject({
  id: z.string().optional(),
  callback_id: z.string(),
  private_metadata: z.string().optional(),
  hash: z.string().optional(),
  app_installed_team_id: z.string().optional(),
  blocks: z.array(loose).optional(),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), loose)) }).optional(),
});
const interaction = {
  user,
  team,
  enterprise,
  api_app_id: z.string().optional(),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  is_enterprise_install: z.boolean().optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: loose.optional(),
  message: loose.optional(),
  // Only workflow functions send it; the app declares none, and Bolt would read it blindly.
  function_data: z.never().optional(),
};

const schemas = {
  event: z.looseObject({
    type: z.literal('event_callback'),
    team_id: z.string().optional(),
    enterprise_id: z.string().nullable().optional(),
    authorizations: z
      .array(
        z.looseObject({ team_id: z.string().nullable().optional(), enterprise_id: z.string().nullable().optional() }),
      )
      .optional(),
    event: z.looseObject({
      type: z.string().refine((type) => type !== 'function_executed', 'workflow functions are not used'),
      user: z.union([z.string(), z.looseObject({ id: z.string() })]).optional(),
      channel: z.union([z.string(), loose]).optional(),
      channel_id: z.string().optional(),
      item: loose.optional(),
      subteam: loose.optional(),
    }),
  }),
  // Form fields (HTTP) or a flat JSON object (Socket Mode): every value a string, no repeated field.
  command: z
    .looseObject({
      command: z.string().startsWith('/'),
      user_id: z.string(),
      team_id: z.string().optional(),
      channel_id: z.string().optional(),
      text: z.string().optional(),
      trigger_id: z.string().optional(),
      response_url: z.string().optional(),
    })
    .refine((fields) => Object.values(fields).every((value) => typeof value === 'string'), 'every field a string'),
  options: z.looseObject({
    ...interaction,
    type: z.literal('block_suggestion'),
    action_id: z.string(),
    block_id: z.string(),
    value: z.string(),
    view: view.optional(),
  }),
  action: z.looseObject({
    ...interaction,
    type: z.literal('block_actions'),
    actions: z
      .array(z.looseObject({ action_id: z.string(), block_id: z.string().optional(), type: z.string() }))
      .min(1),
    view: view.optional(),
  }),
  shortcut: z.looseObject({ ...interaction, type: z.enum(['shortcut', 'message_action']), callback_id: z.string() }),
  view: z.looseObject({
    ...interaction,
    type: z.enum(['view_submission', 'view_closed']),
    view,
    response_urls: z.array(z.looseObject({ response_url: z.string() })).optional(),
  }),
};

export type EnvelopeKind = keyof typeof schemas;

/** Bolt's classification of a body (helpers.getTypeAndConversation), or null when it has none. */
export function envelopeKind(body: Record<string, unknown>): EnvelopeKind | null {
  if (body.event !== undefined) return 'event';
  if (body.command !== undefined) return 'command';
  if (body.name !== undefined || body.type === 'block_suggestion') return 'options';
  if (body.actions !== undefined || body.type === 'dialog_submission') return 'action';
  if (body.type === 'shortcut' || body.type === 'message_action') return 'shortcut';
  if (body.type === 'view_submission' || body.type === 'view_closed') return 'view';
  return null;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Why Bolt could not handle this body, or null when it can. Slack's own checks (ssl_check,
 * url_verification) pass: the receiver answers them before any listener.
 */
export function envelopeProblem(body: unknown): string | null {
  if (!isPlainObject(body))
    return `the body is ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}, not an object`;
  if (body.ssl_check === '1' || body.type === 'url_verification') return null;
  const kind = envelopeKind(body);
  if (kind === null) return 'no type Slack sends';
  const parsed = schemas[kind].safeParse(body);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  // Paths and codes only: never the values, which may hold personal data.
  return `${kind}: ${issue.path.join('.') || '(body)'} ${issue.code}`;
}
