/**
 * npm run fuzz -- --n 100000 [--seed 20261203] [--concurrency 8] [--from 0]
 *
 * The fuzz test (test/e2e/fuzz.test.ts) for longer runs: the real app on loopback behind its HTTP
 * receiver, a fake Slack Web API, signed requests built from the app's real ids and modals and
 * mutated (test/support/fuzz.ts). Embedded PGlite by default; TEST_DATABASE_URL=postgresql://…
 * runs it on a database of its own on that server. Prints the figures recorded in RELIABILITY.md
 * and exits 1 on any crash, 5xx, late or unacknowledged answer, half-written record, or a /visite
 * that no longer works. A failing case is rebuilt with its seed and index (--from i --n 1).
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { HTTPReceiver, LogLevel } from '@slack/bolt';
import type { View } from '@slack/types';
import { createPlatformApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { COMMANDS } from '../src/slack/ids.js';
import { startFakeSlack } from '../src/simulator/fake-slack.js';
import { slackSender } from '../src/simulator/slack-requests.js';
import { createTestDatabase, TEST_ENGINE } from '../test/support/database.js';
import { makeCompany, makeMember, makeStructure } from '../test/support/factories.js';
import { countRows, runFuzz } from '../test/support/fuzz.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '20261203' },
    concurrency: { type: 'string', default: '8' },
    from: { type: 'string', default: '0' },
  },
});
const n = Number(args.n);
const seed = Number(args.seed);
const SECRET = 'fuzz-signing-secret-0123456789';

let crashed: unknown = null;
process.on('unhandledRejection', (reason) => {
  crashed = reason;
  console.error('CRASH: unhandled rejection', reason);
});
process.on('uncaughtException', (error) => {
  crashed = error;
  console.error('CRASH: uncaught exception', error);
});

const db = await createTestDatabase();
const fake = await startFakeSlack();
const logs: string[] = [];
const logger = createLogger('warn', {
  write: (line: string) => void logs.push(line),
} as unknown as NodeJS.WritableStream);
// Slack's own 3 s: an answer later than that is a failure of the run.
const receiver = new HTTPReceiver({
  signingSecret: SECRET,
  unhandledRequestTimeoutMillis: 3_001,
  logLevel: LogLevel.ERROR,
});
const { app, ctx, start } = createPlatformApp({
  config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-fuzz-token', SLACK_SIGNING_SECRET: SECRET }),
  db: db.prisma,
  logger,
  receiver,
  clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
  botIdentity: { botId: 'BBOT', botUserId: 'UBOT' },
});
const server = await start({ port: 0, host: '127.0.0.1' });
const slack = slackSender({
  baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  signingSecret: SECRET,
});

const capteur = { id: 'UFUZZCAPT', name: 'capteur' };
const structure = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
await makeMember(db.prisma, capteur.id, ['capteur'], structure.id);
await makeMember(db.prisma, 'UFUZZCOORD', ['coordinateur', 'comite'], structure.id);
const company = await makeCompany(db.prisma, { name: 'Mécanique du Val', siret: '73282932000074' });
const modals: View[] = [];
for (const command of [COMMANDS.visite, COMMANDS.alerteRecrutement]) {
  fake.reset();
  await slack.command(command, '', capteur, { extra: { response_url: fake.responseUrl() } });
  modals.push((await fake.waitFor('views.open')).args.view as unknown as View);
}

const before = await countRows(db.query);
console.info(`fuzz: ${n} requests, seed ${seed}, engine ${TEST_ENGINE}, from case ${args.from}`);
const report = await runFuzz(
  {
    slack,
    users: [capteur, { id: 'UFUZZCOORD', name: 'coordination' }, { id: 'UFUZZNOBODY', name: 'inconnu' }],
    modals,
    knownIds: [company.id, structure.id],
    responseUrl: () => fake.responseUrl('fuzz'),
  },
  {
    seed,
    n,
    from: Number(args.from),
    concurrency: Number(args.concurrency),
    keepOutcomes: false,
    onProgress: (done) => done % 10_000 === 0 && console.info(`  ${done}…`),
  },
).catch((error: unknown) => {
  // A fault of the generator itself, not of the app: say so and stop.
  console.error('the fuzz harness failed', error);
  process.exit(2);
});
// Work left after the acks (modals opened, messages owed) finishes before counting.
await new Promise((resolve) => setTimeout(resolve, 2_000));
const after = await countRows(db.query);
const halfWritten =
  after.Visit - before.Visit !== report.saved.visit_saved ||
  after.RecruitmentAlert - before.RecruitmentAlert !== report.saved.alert_raised ||
  (['Structure', 'Member', 'MemberRole', 'Report', 'ExportFile', 'IndicatorSet'] as const).some(
    (t) => after[t] !== before[t],
  );
const unacknowledged = logs.filter((line) => line.includes('not acknowledged')).length;
fake.reset();
const visite = await slack.command(COMMANDS.visite, '', capteur, { extra: { response_url: fake.responseUrl() } });
const visiteWorks =
  visite.status === 200 &&
  (await fake
    .waitFor('views.open', (a) => (a.view as { callback_id?: string }).callback_id === 'visit_report', 5_000)
    .then(
      () => true,
      () => false,
    ));

const figures = {
  engine: TEST_ENGINE,
  seed,
  tried: report.tried,
  crashes: crashed ? 1 : 0,
  unanswered: report.unanswered.length,
  serverErrors: report.serverErrors.length,
  lateOrUnacknowledged: report.late.length + unacknowledged,
  halfWritten,
  visiteWorksAfter: visiteWorks,
  byStatus: report.byStatus,
  byKind: report.byKind,
  savedVisits: after.Visit - before.Visit,
  savedAlerts: after.RecruitmentAlert - before.RecruitmentAlert,
  seconds: Number((report.elapsedMs / 1000).toFixed(1)),
  p50Ms: Number(report.p50Ms.toFixed(1)),
  p99Ms: Number(report.p99Ms.toFixed(1)),
  maxMs: Number(report.maxMs.toFixed(0)),
};
console.info(JSON.stringify(figures, null, 2));
for (const o of [...report.serverErrors, ...report.late].slice(0, 20))
  console.info(`  case ${o.case.index} (${o.case.kind}) → ${o.status} in ${o.ms.toFixed(0)} ms`);
for (const u of report.unanswered.slice(0, 20))
  console.info(`  case ${u.case.index} (${u.case.kind}) unanswered: ${u.error}`);

await app.stop();
await ctx.notifier.kick();
await fake.close();
await db.close();
const ok =
  !crashed &&
  figures.unanswered === 0 &&
  figures.serverErrors === 0 &&
  figures.lateOrUnacknowledged === 0 &&
  !halfWritten &&
  visiteWorks;
process.exit(ok ? 0 : 1);
