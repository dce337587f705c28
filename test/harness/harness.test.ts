// Proves the harness against a minimal real Bolt app over real HTTP, with no Slack.
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/fake-slack.js';
import {
  blockActions,
  blockSuggestion,
  slackSender,
  slackSignature,
  viewSubmission,
  type SlackSender,
} from '../../src/simulator/slack-requests.js';

const signingSecret = 'test-signing-secret';
const user = { id: 'U0USER', name: 'alice' };

let fake: FakeSlack;
let app: App;
let slack: SlackSender;
// What listeners saw, so tests can assert routing without Slack.
const seen: {
  submissions: Array<Record<string, unknown>>;
  actions: string[];
  retryNums: Array<number | undefined>;
  clientErrors: string[];
} = {
  submissions: [],
  actions: [],
  retryNums: [],
  clientErrors: [],
};

beforeAll(async () => {
  fake = await startFakeSlack();
  app = new App({
    // Our own receiver, so unacked requests fail after 500 ms instead of Bolt's 3001 ms.
    // It has its own logger: App's logLevel does not reach it.
    receiver: new HTTPReceiver({ signingSecret, unhandledRequestTimeoutMillis: 500, logLevel: LogLevel.ERROR }),
    // A fixed token + bot ids means Bolt uses single-workspace authorization and never calls auth.test.
    token: 'xoxb-test',
    botId: 'BBOT',
    botUserId: 'UBOT',
    // web-api's default retry policy retries for ~30 minutes; failures must surface at once.
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });

  app.command('/open', async ({ ack, client, body, context }) => {
    await ack();
    seen.retryNums.push(context.retryNum);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: { type: 'modal', callback_id: 'demo', title: { type: 'plain_text', text: 'Demo' }, blocks: [] },
    });
  });

  app.command('/reply', async ({ ack, respond }) => {
    await ack();
    await respond({ text: 'done', response_type: 'ephemeral' });
  });

  app.command('/fails', async ({ ack, client }) => {
    await ack();
    try {
      await client.chat.postMessage({ channel: 'U0USER', text: 'hi' });
    } catch (error) {
      seen.clientErrors.push((error as { data?: { error?: string } }).data?.error ?? String(error));
    }
  });

  app.command('/silent', async () => {
    // Never acks: the receiver must give up after unhandledRequestTimeoutMillis.
  });

  app.view('demo', async ({ ack, view }) => {
    seen.submissions.push(view.state.values);
    await ack({ response_action: 'errors', errors: { b1: 'Nope' } });
  });

  app.action('pick', async ({ ack, action }) => {
    await ack();
    seen.actions.push(action.type === 'static_select' ? action.selected_option.value : action.type);
  });

  app.options('search', async ({ ack, options }) => {
    await ack({ options: [{ text: { type: 'plain_text', text: `match ${options.value}` }, value: options.value }] });
  });

  // app.start() resolves with the receiver's node:http Server (typed as an https Server because
  // App#start returns the last overload of HTTPReceiver#start; both extend net.Server).
  // Port 0 + server.address() gives the bound port without reaching into receiver internals.
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  slack = slackSender({ baseUrl: `http://127.0.0.1:${port}`, signingSecret });
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

beforeEach(() => {
  fake.reset();
});

describe('signatures', () => {
  it('computes v0 HMAC-SHA256 signatures', () => {
    // Slack's documented example (https://api.slack.com/authentication/verifying-requests-from-slack).
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it.each(['bad', 'missing', 'stale'] as const)('rejects a %s signature with 401', async (sig) => {
    const res = await slack.command('/open', '', user, { sig });
    expect(res.status).toBe(401);
    expect(fake.calls).toHaveLength(0);
  });

  it('answers url_verification', async () => {
    const res = await slack.urlVerification('abc');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ challenge: 'abc' });
  });
});

describe('commands', () => {
  it('routes a signed command whose listener opens a modal', async () => {
    const res = await slack.command('/open', '', user, { extra: { trigger_id: 'trig-1' } });
    expect(res.status).toBe(200);
    const call = await fake.waitFor('views.open');
    expect(call.args.trigger_id).toBe('trig-1');
    // The fake decodes web-api's JSON-in-form encoding back into an object.
    expect(call.args.view).toMatchObject({ type: 'modal', callback_id: 'demo' });
  });

  it('exposes retry headers as context.retryNum', async () => {
    await slack.command('/open', '', user, { retryNum: 2 });
    await fake.waitFor('views.open');
    expect(seen.retryNums.at(-1)).toBe(2);
  });

  it('records respond() posts to the fake response_url', async () => {
    const responseUrl = fake.responseUrl('cmd-1');
    await slack.command('/reply', '', user, { extra: { response_url: responseUrl } });
    const response = await fake.waitForResponse((body) => body.text === 'done');
    expect(response.path).toBe('/response/cmd-1');
    expect(response.body).toMatchObject({ response_type: 'ephemeral' });
  });

  it('makes client calls reject after failNext()', async () => {
    fake.failNext('chat.postMessage', 1, 'ratelimited');
    await slack.command('/fails', '', user);
    await fake.waitFor('chat.postMessage');
    await expect.poll(() => seen.clientErrors).toContain('ratelimited');
    // Only the next call fails.
    await slack.command('/fails', '', user);
    await expect.poll(() => fake.callsTo('chat.postMessage').length).toBe(2);
    expect(seen.clientErrors).toEqual(['ratelimited']);
  });

  it('answers 404 for an unacked request after unhandledRequestTimeoutMillis', async () => {
    const res = await slack.command('/silent', '', user);
    expect(res.status).toBe(404);
    expect(res.ms).toBeGreaterThanOrEqual(450);
  });
});

describe('interactions', () => {
  it('routes a view_submission and returns the ack body', async () => {
    const values = { b1: { a1: { type: 'plain_text_input', value: 'hello' } } };
    const res = await slack.interaction(
      viewSubmission({ user, view: { id: 'V1', callback_id: 'demo', private_metadata: '{}', state: { values } } }),
    );
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ response_action: 'errors', errors: { b1: 'Nope' } });
    expect(seen.submissions.at(-1)).toEqual(values);
  });

  it('routes block_actions', async () => {
    const res = await slack.interaction(
      blockActions({
        user,
        actions: [{ action_id: 'pick', block_id: 'b1', selected_option: { value: 'opt-2' } }],
        view: { id: 'V1', callback_id: 'demo' },
      }),
    );
    expect(res.status).toBe(200);
    await expect.poll(() => seen.actions).toContain('opt-2');
  });

  it('routes block_suggestion and returns options', async () => {
    const res = await slack.interaction(blockSuggestion({ user, action_id: 'search', block_id: 'b2', value: 'ab' }));
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ options: [{ text: { type: 'plain_text', text: 'match ab' }, value: 'ab' }] });
  });
});

describe('fake Slack answers', () => {
  it('returns plausible fields per method', async () => {
    const post = await app.client.chat.postMessage({ channel: 'U0USER', text: 'hi', blocks: [] });
    expect(post.channel).toBe('D0USER');
    expect(post.ts).toMatch(/^\d+\.\d{6}$/);
    const open = await app.client.conversations.open({ users: 'U0USER' });
    expect(open.channel?.id).toBe('D0USER');
    const info = await app.client.users.info({ user: 'U0USER' });
    expect(info.user?.real_name).toBe('Utilisateur U0USER');
    const view = await app.client.views.publish({ user_id: 'U0USER', view: { type: 'home', blocks: [] } });
    expect(view.view?.id).toMatch(/^V\d+$/);
    expect(fake.callsTo('chat.postMessage')[0]?.args.blocks).toEqual([]);
  });
});
