import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createPlatformApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { VIEWS } from '../../src/slack/ids.js';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/fake-slack.js';
import { INCIDENTS } from '../../src/texts/fr.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeMember, makeStructure } from '../support/factories.js';

/**
 * DESIGN §6 « No input ends the process », in Socket Mode: messages Slack never sends on the
 * socket (null, an events_api envelope without its payload) are dropped and logged,
 * never an unhandled rejection; malformed or unanswered envelopes are acked at once on the socket.
 */
let db: TestDatabase;
let fake: FakeSlack;
let wss: WebSocketServer;
let ws: WebSocket;
const logs: string[] = [];
const acks = new Map<string, (payload: unknown) => void>();
let stopApp: () => Promise<void>;

beforeAll(async () => {
  db = await createTestDatabase();
  const structure = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  await makeMember(db.prisma, 'USOCKETF1', ['capteur'], structure.id);
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  const connected = new Promise<WebSocket>((resolve) =>
    wss.once('connection', (socket) => {
      socket.on('message', (data) => {
        const { envelope_id, payload } = JSON.parse(String(data)) as { envelope_id: string; payload: unknown };
        acks.get(envelope_id)?.(payload);
      });
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' }, debug_info: {} }),
      );
      resolve(socket);
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
    logger: createLogger('warn', { write: (line: string) => void logs.push(line) } as unknown as NodeJS.WritableStream),
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    botIdentity: { botId: 'BBOT', botUserId: 'UBOT' },
  });
  await start();
  ws = await connected;
  stopApp = async () => void (await app.stop());
});
afterAll(async () => {
  await stopApp?.();
  wss?.close();
  await fake?.close();
  await db?.close();
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
