// Sends requests to a Bolt HTTP receiver exactly as Slack does (signed, same encodings),
// and builds the interaction payloads Bolt 5.1 needs to route them.
import { createHmac, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BlockAction, BlockSuggestion, ViewOutput, ViewStateValue, ViewSubmitAction } from '@slack/bolt';

export const TEAM = { id: 'T0001', domain: 'test-team' } as const;
export const APP_ID = 'A0001';
/** Legacy verification token: Bolt ignores it, but real payloads carry one. */
export const VERIFICATION_TOKEN = 'verification-token';

export type SignatureMode = 'valid' | 'bad' | 'missing' | 'stale';

export interface SendOptions {
  sig?: SignatureMode;
  /** Adds X-Slack-Retry-Num / X-Slack-Retry-Reason: http_timeout, like Slack's redeliveries. */
  retryNum?: number;
}

export interface CommandOptions extends SendOptions {
  /** Extra or overriding form fields (response_url, trigger_id, channel_id...). */
  extra?: Record<string, string>;
}

export interface EventOptions extends SendOptions {
  /** Reuse an event_id to simulate a redelivery of the same event. */
  eventId?: string;
}

export interface SlackHttpResponse {
  status: number;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read Slack's answers field by field, as Slack documents them
  json(): any;
  /** Round-trip time in milliseconds (performance.now()). */
  ms: number;
}

export interface SlackClientOptions {
  /** The app receiver's origin, e.g. http://127.0.0.1:PORT */
  baseUrl: string;
  signingSecret: string;
  /** Default '/slack/events' (HTTPReceiver's default endpoint). */
  path?: string;
}

export interface SlackUser {
  id: string;
  name?: string;
}

export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

const uniqueId = (prefix: string): string => `${prefix}${randomBytes(6).toString('hex')}`;

function signatureHeaders(secret: string, rawBody: string, mode: SignatureMode): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  switch (mode) {
    case 'missing':
      return {};
    case 'bad':
      return {
        'x-slack-request-timestamp': String(now),
        'x-slack-signature': slackSignature(`${secret}-wrong`, now, rawBody),
      };
    case 'stale': {
      // Correctly signed but 6 minutes old: Bolt allows 5 minutes of skew.
      const ts = now - 6 * 60;
      return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(secret, ts, rawBody) };
    }
    case 'valid':
      return { 'x-slack-request-timestamp': String(now), 'x-slack-signature': slackSignature(secret, now, rawBody) };
  }
}

export function slackSender(opts: SlackClientOptions) {
  const endpoint = new URL(opts.path ?? '/slack/events', opts.baseUrl).toString();

  /** Sends a raw body; exposed so tests can probe odd encodings too. */
  async function raw(
    body: string,
    contentType: string,
    { sig = 'valid', retryNum }: SendOptions = {},
  ): Promise<SlackHttpResponse> {
    const headers: Record<string, string> = {
      // Exactly this value: Bolt rejects `application/x-www-form-urlencoded; charset=utf-8` with 400.
      'content-type': contentType,
      ...signatureHeaders(opts.signingSecret, body, sig),
    };
    if (retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const start = performance.now();
    const res = await fetch(endpoint, { method: 'POST', headers, body });
    const text = await res.text();
    const ms = performance.now() - start;
    return { status: res.status, body: text, json: () => JSON.parse(text), ms };
  }

  const FORM = 'application/x-www-form-urlencoded';

  return {
    raw,

    command(command: string, text: string, user: SlackUser, { extra, ...send }: CommandOptions = {}) {
      const fields: Record<string, string> = {
        token: VERIFICATION_TOKEN,
        team_id: TEAM.id,
        team_domain: TEAM.domain,
        channel_id: 'C0001',
        channel_name: 'general',
        user_id: user.id,
        user_name: user.name ?? user.id.toLowerCase(),
        command,
        text,
        api_app_id: APP_ID,
        trigger_id: uniqueId('trig-'),
        ...extra,
      };
      return raw(new URLSearchParams(fields).toString(), FORM, send);
    },

    interaction(payload: object, send?: SendOptions) {
      return raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, send);
    },

    event(event: object, { eventId, ...send }: EventOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      const envelope = {
        token: VERIFICATION_TOKEN,
        team_id: TEAM.id,
        api_app_id: APP_ID,
        event: { event_ts: `${now}.000100`, ...event },
        type: 'event_callback',
        event_id: eventId ?? uniqueId('Ev'),
        event_time: now,
        authorizations: [
          { enterprise_id: null, team_id: TEAM.id, user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
        ],
        is_ext_shared_channel: false,
      };
      return raw(JSON.stringify(envelope), 'application/json', send);
    },

    urlVerification(challenge: string, send?: SendOptions) {
      return raw(
        JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: 'url_verification' }),
        'application/json',
        send,
      );
    },
  };
}

export type SlackSender = ReturnType<typeof slackSender>;

// ---------------------------------------------------------------------------
// Interaction payload builders
// ---------------------------------------------------------------------------

function payloadUser(user: SlackUser) {
  const name = user.name ?? user.id.toLowerCase();
  return { id: user.id, username: name, name, team_id: TEAM.id };
}

export interface ViewInput {
  id: string;
  callback_id: string;
  private_metadata?: string;
  state?: { values: Record<string, Record<string, ViewStateValue>> };
  hash?: string;
  type?: 'modal' | 'home';
  blocks?: ViewOutput['blocks'];
}

/** A full view object as Slack sends it inside interaction payloads. */
export function viewOutput(view: ViewInput): ViewOutput {
  return {
    id: view.id,
    team_id: TEAM.id,
    type: view.type ?? 'modal',
    blocks: view.blocks ?? [],
    private_metadata: view.private_metadata ?? '',
    callback_id: view.callback_id,
    state: view.state ?? { values: {} },
    hash: view.hash ?? `hash-${view.id}`,
    title: { type: 'plain_text', text: 'Test' },
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    previous_view_id: null,
    root_view_id: view.id,
    app_id: APP_ID,
    external_id: '',
    app_installed_team_id: TEAM.id,
    bot_id: 'BBOT',
  };
}

export function viewSubmission(args: { user: SlackUser; view: ViewInput; triggerId?: string }): ViewSubmitAction {
  return {
    type: 'view_submission',
    team: { ...TEAM },
    user: payloadUser(args.user),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: args.triggerId ?? uniqueId('trig-'),
    view: viewOutput(args.view),
    response_urls: [],
    is_enterprise_install: false,
  };
}

export interface ActionInput {
  action_id: string;
  block_id: string;
  /** Defaults to 'button', or the select type implied by selected_option / selected_user. */
  type?: string;
  value?: string;
  selected_option?: { text?: { type: 'plain_text'; text: string }; value: string };
  selected_user?: string;
}

export function blockActions(args: {
  user: SlackUser;
  actions: ActionInput[];
  view?: ViewInput;
  container?: Record<string, unknown>;
  response_url?: string;
  trigger_id?: string;
}): BlockAction {
  const actionTs = `${Math.floor(Date.now() / 1000)}.000200`;
  const actions = args.actions.map((a) => {
    const type =
      a.type ??
      (a.selected_user !== undefined ? 'users_select' : a.selected_option !== undefined ? 'static_select' : 'button');
    const action: Record<string, unknown> = { type, action_id: a.action_id, block_id: a.block_id, action_ts: actionTs };
    if (type === 'button') action.text = { type: 'plain_text', text: a.action_id };
    if (a.value !== undefined) action.value = a.value;
    if (a.selected_option !== undefined) {
      action.selected_option = {
        text: a.selected_option.text ?? { type: 'plain_text', text: a.selected_option.value },
        value: a.selected_option.value,
      };
    }
    if (a.selected_user !== undefined) action.selected_user = a.selected_user;
    return action;
  });
  const view = args.view === undefined ? undefined : viewOutput(args.view);
  const container =
    args.container ??
    (view !== undefined
      ? { type: 'view', view_id: view.id }
      : { type: 'message', message_ts: actionTs, channel_id: 'C0001', is_ephemeral: false });
  return {
    type: 'block_actions',
    team: { ...TEAM },
    user: payloadUser(args.user),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container,
    trigger_id: args.trigger_id ?? uniqueId('trig-'),
    // Bolt only builds respond() when response_url is non-empty; Slack sends none from modals.
    response_url: args.response_url ?? '',
    ...(view !== undefined ? { view, state: view.state } : {}),
    // The element union is a discriminated type; the builder covers the common element shapes.
    actions: actions as unknown as BlockAction['actions'],
  };
}

export function blockSuggestion(args: {
  user: SlackUser;
  action_id: string;
  block_id: string;
  value: string;
  view?: ViewInput;
}): BlockSuggestion {
  const view = args.view === undefined ? undefined : viewOutput(args.view);
  return {
    type: 'block_suggestion',
    team: { ...TEAM },
    user: payloadUser(args.user),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    action_id: args.action_id,
    block_id: args.block_id,
    value: args.value,
    container: view !== undefined ? { type: 'view', view_id: view.id } : { type: 'message' },
    ...(view !== undefined ? { view } : {}),
  };
}

/** The person closed a modal whose view asked to be told (notify_on_close). */
export function viewClosed(args: { user: SlackUser; view: ViewInput }) {
  return {
    type: 'view_closed',
    team: { ...TEAM },
    user: payloadUser(args.user),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    view: viewOutput(args.view),
    is_cleared: false,
    is_enterprise_install: false,
  };
}
