import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createPlatformApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { VIEWS } from '../../src/slack/ids.js';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/fake-slack.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeMember, makeStructure } from '../support/factories.js';

/**
 * Socket Mode, the default way to run the app: with SLACK_APP_TOKEN set, the app asks Slack for
 * a WebSocket URL (apps.connections.open), connects, and receives requests as envelopes it acks
 * on the socket. A local WebSocket server plays Slack's side.
 */
let db: TestDatabase;
let fake: FakeSlack;
let wss: WebSocketServer;
let socket: Promise<WebSocket>;
let stopApp: () => Promise<void>;

beforeAll(async () => {
  db = await createTestDatabase();
  const structure = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  await makeMember(db.prisma, 'USOCKET1', ['capteur'], structure.id);

  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  socket = new Promise((resolve) =>
    wss.once('connection', (ws) => {
      ws.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' }, debug_info: {} }),
      );
      resolve(ws);
    }),
  );
  fake = await startFakeSlack();
  fake.respondTo('apps.connections.open', { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/` });

  const { app, start } = createPlatformApp({
    config: loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'unused-in-socket-mode',
      SLACK_APP_TOKEN: 'xapp-1-test',
    }),
    db: db.prisma,
    logger: createLogger('error'),
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    botIdentity: { botId: 'BBOT', botUserId: 'UBOT' },
  });
  await start();
  stopApp = async () => void (await app.stop());
});
afterAll(async () => {
  await stopApp?.();
  wss?.close();
  await fake?.close();
  await db?.close();
});

describe('Socket Mode', () => {
  it('connects with the app-level token and answers /visite: ack on the socket, modal opened', async () => {
    const open = fake.callsTo('apps.connections.open')[0];
    expect(open).toBeDefined();
    const ws = await socket;
    const acks = new Promise<{ envelope_id: string }>((resolve) =>
      ws.on('message', (data) => resolve(JSON.parse(String(data)))),
    );
    ws.send(
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
