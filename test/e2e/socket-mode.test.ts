import { describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/slack/ids.js';
import { withSocketModeApp } from '../support/socket-mode.js';

/**
 * Socket Mode, the default way to run the app: with SLACK_APP_TOKEN set, the app asks Slack for
 * a WebSocket URL (apps.connections.open), connects, and receives requests as envelopes it acks
 * on the socket. A local WebSocket server plays Slack's side.
 */
const { fake, socket } = withSocketModeApp({ capteur: 'USOCKET1', logLevel: 'error' });

describe('Socket Mode', () => {
  it('connects with the app-level token and answers /visite: ack on the socket, modal opened', async () => {
    const open = fake.callsTo('apps.connections.open')[0];
    expect(open).toBeDefined();
    const acks = new Promise<{ envelope_id: string }>((resolve) =>
      socket.on('message', (data) => resolve(JSON.parse(String(data)))),
    );
    socket.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 'x',
          team_id: 'T0001',
          team_domain: 'test',
          channel_id: 'C0001',
          channel_name: 'general',
          user_id: 'USOCKET1',
          user_name: 'capteur',
          command: '/visite',
          text: '',
          api_app_id: 'A0001',
          response_url: fake.responseUrl('socket'),
          trigger_id: 'trig-socket-1',
        },
      }),
    );
    expect((await acks).envelope_id).toBe('env-1');
    const call = await fake.waitFor('views.open', (a) => a.trigger_id === 'trig-socket-1');
    expect(call.args.view).toMatchObject({ callback_id: VIEWS.visitReport });
  });
});
