// The two apps under test in their own thread: a bare Bolt app that only acks /visite, and the
// platform on its embedded database with its capteurs. Only one of them is loaded at a time.
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createPglite } from '../../src/db/pglite.js';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createPlatformApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';

const { secret, slackApiUrl, capteurs, databaseUrl } = workerData as {
  secret: string;
  slackApiUrl: string;
  capteurs: string[];
  databaseUrl?: string;
};
const clientOptions = { slackApiUrl, retryConfig: { retries: 0 } };
const quietReceiver = () => new HTTPReceiver({ signingSecret: secret, logLevel: LogLevel.ERROR });

const bare = new App({
  token: 'xoxb-bench',
  receiver: quietReceiver(),
  botId: 'BBOT',
  botUserId: 'UBOT',
  tokenVerificationEnabled: false,
  clientOptions,
  logLevel: LogLevel.ERROR,
});
bare.command('/visite', async ({ ack }) => ack());
// The bare app's modal series: it acks, then opens a one-block modal, as little as a command that
// opens a form can do.
bare.command('/modal', async ({ ack, body, client }) => {
  await ack();
  await client.views.open({
    trigger_id: body.trigger_id,
    view: {
      type: 'modal',
      title: { type: 'plain_text', text: 'Bare' },
      blocks: [{ type: 'section', text: { type: 'plain_text', text: 'Bare' } }],
    },
  });
});

// The embedded database by default (the default deployment); PostgreSQL when given a fresh database.
const database = databaseUrl ? openDatabase({ databaseUrl }) : openDatabase({ pglite: createPglite('memory://') });
await database.migrate();
const structure = await database.prisma.structure.create({ data: { name: 'CCI du Cher', kind: 'cci' } });
for (const slackUserId of capteurs) {
  await database.prisma.member.create({
    data: { slackUserId, structureId: structure.id, roles: { create: [{ role: 'capteur' }] } },
  });
}
// Alerts page the coordinator about a known company.
await database.prisma.member.create({
  data: { slackUserId: 'UBENCHCOORD', roles: { create: [{ role: 'coordinateur' }] } },
});
const company = await database.prisma.company.create({
  data: {
    name: 'Forges de Vierzon',
    searchName: 'forges de vierzon',
    nafCode: '25.50A',
    sectorFamily: 'industrie',
    headcountBand: '21',
    commune: 'Vierzon',
  },
});
const platform = createPlatformApp({
  // Unpaced: the bench measures how fast the app gets an owed message out; in production a
  // coordinator paged by 20 alerts at once receives them one a second (SLACK_PACE_MS).
  config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: secret, SLACK_PACE_MS: '0' }),
  db: database.prisma,
  logger: createLogger('error'),
  receiver: quietReceiver(),
  clientOptions,
  botIdentity: { botId: 'BBOT', botUserId: 'UBOT' },
});

const origin = (server: { address(): unknown }) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const listen = { port: 0, host: '127.0.0.1' };
parentPort!.postMessage({
  bare: origin(await bare.start(listen)),
  platform: origin(await platform.start(listen)),
  companyId: company.id,
});
parentPort!.on('message', async (m) => {
  if (m === 'close') {
    await bare.stop();
    await platform.app.stop();
    await database.close();
    process.exit(0);
  }
});
