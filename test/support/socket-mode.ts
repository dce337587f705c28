import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createPlatformApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/fake-slack.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { makeMember, makeStructure } from './factories.js';
import { lateFields } from './late-bound.js';

export interface SocketModeApp {
  db: TestDatabase;
  /** Slack's Web API (apps.connections.open answers with the socket's URL). */
  fake: FakeSlack;
  /** Slack's side of the app's socket, once the app connected and was greeted (« hello »). */
  socket: WebSocket;
  /** What the app logged, at `logLevel` and above. */
  logs: string[];
}

/**
 * The app in Socket Mode for a test file (SLACK_APP_TOKEN set): it asks the fake Slack for a
 * WebSocket URL, connects to a local WebSocket server playing Slack's side, and is greeted.
 * `capteur` is a capteur of the CCI du Cher. Stopped and closed after the file.
 */
export function withSocketModeApp(setup: { capteur: string; logLevel: 'error' | 'warn' }): SocketModeApp {
  let started: (SocketModeApp & { stop(): Promise<void> }) | undefined;
  let wss: WebSocketServer | undefined;
  beforeAll(async () => {
    const db = await createTestDatabase();
    const structure = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
    await makeMember(db.prisma, setup.capteur, ['capteur'], structure.id);
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss = server;
    await new Promise((resolve) => server.once('listening', resolve));
    const connected = new Promise<WebSocket>((resolve) =>
      server.once('connection', (socket) => {
        socket.send(
          JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' }, debug_info: {} }),
        );
        resolve(socket);
      }),
    );
    const fake = await startFakeSlack();
    fake.respondTo('apps.connections.open', { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/` });
    const logs: string[] = [];
    const { app, start } = createPlatformApp({
      config: loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'unused-in-socket-mode',
        SLACK_APP_TOKEN: 'xapp-1-test',
      }),
      db: db.prisma,
      logger: createLogger(setup.logLevel, {
        write: (line: string) => void logs.push(line),
      } as unknown as NodeJS.WritableStream),
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
      botIdentity: { botId: 'BBOT', botUserId: 'UBOT' },
    });
    await start();
    const stop = async () => void (await app.stop());
    started = { db, fake, socket: await connected, logs, stop };
  });
  afterAll(async () => {
    await started?.stop();
    wss?.close();
    await started?.fake.close();
    await started?.db.close();
  });
  return lateFields('withSocketModeApp', ['db', 'fake', 'socket', 'logs'], () => started);
}
