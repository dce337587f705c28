import { describe, expect, it } from 'vitest';
import { ACTIONS, ALERT_ACTION_IDS, VIEWS } from '../../src/slack/ids.js';
import { blockActions, viewSubmission } from '../../src/simulator/slack-requests.js';
import { INCIDENTS } from '../../src/texts/fr.js';
import { withTestApp } from '../support/app.js';

/**
 * DESIGN §6 « No input ends the process »: bodies Bolt cannot handle are answered 400 before
 * its listeners; requests no listener acknowledges, or whose listener fails, are acknowledged at
 * once with a French answer. Every answer comes well before Slack's 3 s.
 */
const capteur = { id: 'UMALFORMED1', name: 'capteur' };
const coordinator = { id: 'UMALFORMED2', name: 'coord' };
const FORM = 'application/x-www-form-urlencoded';
const { t } = withTestApp({
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: coordinator, roles: ['coordinateur'], structure: 'CCI du Cher' },
  ],
});

const notAcknowledged = () => t.logs.filter((line) => line.includes('not acknowledged'));

describe('bodies Bolt cannot handle', () => {
  const cases: [string, string, string][] = [
    ['JSON null', 'null', 'application/json'],
    ['a JSON array', '[{"type":"block_actions"}]', 'application/json'],
    ['a JSON number', '42', 'application/json'],
    ['a JSON string', '"view_submission"', 'application/json'],
    ['an empty object', '{}', 'application/json'],
    ['an unknown type', '{"type":"nothing_slack_sends"}', 'application/json'],
    ['invalid JSON', '{"type":', 'application/json'],
    ['an empty body', '', 'application/json'],
    ['a payload that is not JSON', 'payload=%7Bnot-json', FORM],
    ['a payload that is null', 'payload=null', FORM],
    ['two payloads', 'payload=%7B%7D&payload=%7B%7D', FORM],
    ['a command given twice', 'command=%2Fvisite&command=%2Fvisite&user_id=U1', FORM],
    ['a command without its user', 'command=%2Fvisite&text=', FORM],
    [
      'a user that is a string',
      JSON.stringify({ type: 'block_actions', user: 'U1', actions: [{ action_id: 'x', type: 'button' }] }),
      'application/json',
    ],
    [
      'actions that are not a list',
      JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: 'x' }),
      'application/json',
    ],
    [
      'a view that is null',
      JSON.stringify({ type: 'view_submission', user: { id: 'U1' }, view: null }),
      'application/json',
    ],
    ['an event that is a number', JSON.stringify({ type: 'event_callback', event: 7 }), 'application/json'],
    [
      'a channel that is null',
      JSON.stringify({
        type: 'block_actions',
        user: { id: 'U1' },
        channel: null,
        actions: [{ action_id: 'x', type: 'button' }],
      }),
      'application/json',
    ],
  ];
  it.each(cases)('%s, signed, is answered 400 at once', async (_name, body, contentType) => {
    const res = await t.slack.raw(body, contentType);
    expect(res.status).toBe(400);
    // Well before Slack's 3 s (the first request of a run pays for warming up).
    expect(res.ms).toBeLessThan(1_000);
  });

  it('still answers 401 to an unsigned body, whatever it holds', async () => {
    expect((await t.slack.raw('null', 'application/json', { sig: 'bad' })).status).toBe(401);
    expect((await t.slack.raw('{"type":', 'application/json', { sig: 'missing' })).status).toBe(401);
  });

  it('keeps the app alive and answering after them', async () => {
    for (let i = 0; i < 3; i++) expect((await t.slack.raw('null', 'application/json')).status).toBe(400);
    const res = await t.slack.command('/visite', '', capteur, { extra: { response_url: t.fake.responseUrl() } });
    expect(res.status).toBe(200);
    await t.fake.waitFor('views.open');
  });
});

describe('requests no listener acknowledges', () => {
  it('a button of an unknown id is acknowledged at once, not after the timeout', async () => {
    const res = await t.slack.interaction(
      blockActions({ user: capteur, actions: [{ action_id: 'bouton_inconnu', block_id: 'b' }] }),
    );
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1_000);
    expect(notAcknowledged()).toEqual([]);
  });

  it('a form of an unknown callback_id gets a French answer in the modal', async () => {
    const res = await t.slack.interaction(
      viewSubmission({ user: capteur, view: { id: 'V1', callback_id: 'formulaire_inconnu' } }),
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json())).toContain(INCIDENTS.requestNotUnderstood.slice(0, 40));
  });

  it('an unknown command gets a French answer', async () => {
    const res = await t.slack.command('/inconnue', '', capteur);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ response_type: 'ephemeral', text: INCIDENTS.requestNotUnderstood });
  });
});

describe('a listener that fails', () => {
  it('on a forged button value: acknowledged in time, told in French through the response_url', async () => {
    const response_url = t.fake.responseUrl('forged-alert');
    const res = await t.slack.interaction(
      blockActions({
        user: coordinator,
        actions: [{ action_id: ALERT_ACTION_IDS.prendre_en_charge, block_id: 'b', value: 'pas-un-uuid' }],
        response_url,
      }),
    );
    expect(res.status).toBe(200);
    const told = await t.fake.waitForResponse((_b, path) => path.endsWith('/forged-alert'));
    expect(told.body.text).toBe(INCIDENTS.requestFailed);
    expect(t.logs.some((line) => line.includes('listener failed'))).toBe(true);
    expect(notAcknowledged()).toEqual([]);
  });

  it('on a wrong-typed picker value: answers an empty list, not a timeout', async () => {
    const res = await t.slack.interaction({
      type: 'block_suggestion',
      user: { id: capteur.id },
      team: { id: 'T0001' },
      action_id: ACTIONS.companyPicker,
      block_id: 'company',
      value: 'x'.repeat(100_000),
    });
    expect(res.status).toBeLessThan(500);
    expect(res.ms).toBeLessThan(1_000);
    expect(notAcknowledged()).toEqual([]);
  });

  it('on a forged private_metadata: the modal stays open with a French message', async () => {
    const res = await t.slack.interaction(
      viewSubmission({
        user: coordinator,
        view: {
          id: 'V2',
          callback_id: VIEWS.alertOffer,
          private_metadata: '{"alertId":{"$ne":null}}',
          state: { values: { x: { y: { type: 'plain_text_input', value: 'z' } } } },
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1_000);
    expect(JSON.stringify(res.json())).toMatch(/response_action/);
    expect(notAcknowledged()).toEqual([]);
  });
});
