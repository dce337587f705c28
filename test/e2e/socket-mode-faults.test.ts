import { beforeAll, describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/slack/ids.js';
import { INCIDENTS } from '../../src/texts/fr.js';
import { withSocketModeApp } from '../support/socket-mode.js';

/**
 * DESIGN §6 « No input ends the process », in Socket Mode: messages Slack never sends on the
 * socket (null, an events_api envelope without its payload) are dropped and logged,
 * never an unhandled rejection; malformed or unanswered envelopes are acked at once on the socket.
 */
const { fake, socket: ws, logs } = withSocketModeApp({ capteur: 'USOCKETF1', logLevel: 'warn' });

/** Who is waiting for the app's ack of an envelope, by its id. */
const acks = new Map<string, (payload: unknown) => void>();
beforeAll(() => {
  ws.on('message', (data) => {
    const { envelope_id, payload } = JSON.parse(String(data)) as { envelope_id: string; payload: unknown };
    acks.get(envelope_id)?.(payload);
  });
});

/** Sends an envelope and resolves with the payload the app acked it with. */
function send(envelope: Record<string, unknown>): Promise<unknown> {
  const id = String(envelope.envelope_id);
  const acked = new Promise((resolve, reject) => {
    acks.set(id, resolve);
    setTimeout(() => reject(new Error(`${id} not acked within 2 s`)), 2_000);
  });
  ws.send(JSON.stringify(envelope));
  return acked;
}

const command = (command: string, extra: Record<string, unknown> = {}) => ({
  token: 'x',
  team_id: 'T0001',
  channel_id: 'C0001',
  user_id: 'USOCKETF1',
  command,
  text: '',
  api_app_id: 'A0001',
  response_url: fake.responseUrl('socket'),
  trigger_id: `trig-${command}`,
  ...extra,
});

describe('Socket Mode faults', () => {
  it('drops messages Slack never sends on the socket, without an unhandled rejection', async () => {
    for (const message of [
      'null',
      '[]',
      '42',
      '{"type":"events_api","envelope_id":"e0"}',
      '{"type":"events_api","envelope_id":"e1","payload":null}',
    ])
      ws.send(message);
    await expect.poll(() => logs.filter((l) => l.includes('malformed Socket Mode message dropped')).length).toBe(3);
  });

  it('acks malformed envelopes at once, and answers an unknown command in French', async () => {
    await expect(send({ envelope_id: 'env-null', type: 'interactive', payload: null })).resolves.toEqual({});
    await expect(
      send({
        envelope_id: 'env-user',
        type: 'interactive',
        payload: { type: 'block_actions', user: 'U1', actions: [{ action_id: 'x', type: 'button' }] },
      }),
    ).resolves.toEqual({});
    await expect(
      send({
        envelope_id: 'env-cmd-twice',
        type: 'slash_commands',
        payload: command('/visite', { user_id: ['U1', 'U2'] }),
      }),
    ).resolves.toEqual({});
    await expect(
      send({ envelope_id: 'env-unknown', type: 'slash_commands', payload: command('/inconnue') }),
    ).resolves.toMatchObject({ text: INCIDENTS.requestNotUnderstood });
  });

  it('still answers /visite afterwards', async () => {
    await send({ envelope_id: 'env-visite', type: 'slash_commands', payload: command('/visite') });
    const call = await fake.waitFor('views.open', (a) => a.trigger_id === 'trig-/visite');
    expect(call.args.view).toMatchObject({ callback_id: VIEWS.visitReport });
  });
});
