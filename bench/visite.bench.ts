/**
 * npm run bench — latency of the app answering a signed `/visite`, against a bare Bolt app that
 * only acks (and, for the modal, acks then opens a one-block modal), measured in the same run on
 * the same machine: the ratio is the result, not the absolute times. Three threads, as three
 * machines would be in production: this one sends the signed requests and times them; the apps
 * under test run in a worker (bench/workers/apps.worker.ts); the fake Slack Web API runs in
 * another and timestamps the moment `views.open` (or an alert's page) reaches it.
 *
 * Then the alert form opened by `/alerte-recrutement`, and alerts from their submission to the
 * coordinator's page reaching Slack, sequentially and with 20 in flight.
 *
 * Targets (issues 2 and 15), with 20 requests in flight: /visite ack p99 ≤ 1.2 × the bare app's;
 * views.open p99 ≤ 1.3 × the bare app's modal and ≤ 100 ms; the alert form opened p99 ≤ 300 ms;
 * the coordinator's page p99 ≤ 150 ms on PostgreSQL, ≤ 300 ms embedded. Exits non-zero when one is
 * missed. `--postgres` (or BENCH_DATABASE_URL): the platform on a scratch PostgreSQL database.
 * Figures are recorded in BENCHMARKS.md with the machine's load, printed here.
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { ALERT_BLOCKS as A } from '../src/slack/ids.js';
import { alertReportModal } from '../src/views/modals/alert.js';
import { submitModal } from '../test/support/forms.js';
import { slackSender } from '../src/simulator/slack-requests.js';
import { BENCH_SERVER, scratchDatabase } from './scratch-database.js';

const SECRET = 'bench-signing-secret-0123456789';
/** Requests come from many people, as on a real platform: who-is-who is not always in memory. */
const CAPTEURS = Array.from({ length: Number(process.env.BENCH_USERS ?? 200) }, (_, i) => ({
  id: `UBENCH${String(i).padStart(4, '0')}`,
  name: `capteur${i}`,
}));
const WARMUP = 300;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const CONCURRENT_TOTAL = Number(process.env.BENCH_CONCURRENT ?? 4000);
const IN_FLIGHT = 20;
const ALERTS_SEQUENTIAL = Number(process.env.BENCH_ALERTS_SEQUENTIAL ?? 500);
const ALERTS_CONCURRENT = Number(process.env.BENCH_ALERTS_CONCURRENT ?? 1000);
const ALERT_FORMS = Number(process.env.BENCH_ALERT_FORMS ?? 400);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

function startWorker<T>(file: string, workerData?: unknown): Promise<{ worker: Worker; ready: T }> {
  // Workers do not inherit tsx's loader from `npm run bench`: each registers it, then loads its file.
  const entry = new URL(file, import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (ready: T) => resolve({ worker, ready }));
    worker.once('error', reject);
  });
}

async function main() {
  // --postgres or BENCH_DATABASE_URL=postgresql://…/postgres: the platform on a scratch PostgreSQL database.
  const serverUrl = process.argv.includes('--postgres') ? BENCH_SERVER : process.env.BENCH_DATABASE_URL;
  const loadBefore = loadavg();
  const database = serverUrl ? await scratchDatabase(serverUrl, 'bench') : { url: undefined, drop: async () => {} };
  const fake = await startWorker<{ url: string; responseUrl: string }>('./workers/fake-slack.worker.ts');
  const apps = await startWorker<{ bare: string; platform: string; companyId: string }>('./workers/apps.worker.ts', {
    secret: SECRET,
    slackApiUrl: fake.ready.url,
    capteurs: CAPTEURS.map((c) => c.id),
    databaseUrl: database.url,
  });
  const targets = {
    bare: slackSender({ baseUrl: apps.ready.bare, signingSecret: SECRET }),
    platform: slackSender({ baseUrl: apps.ready.platform, signingSecret: SECRET }),
  };

  // views.open arrivals, by trigger_id, in absolute time (performance.timeOrigin + now()).
  const opened = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  fake.worker.on('message', ({ trigger, at }: { trigger: string; at: number }) => {
    const resolve = waiting.get(trigger);
    if (resolve) {
      waiting.delete(trigger);
      resolve(at);
    } else opened.set(trigger, at);
  });
  const viewsOpenAt = (trigger: string) =>
    new Promise<number>((resolve, reject) => {
      const at = opened.get(trigger);
      if (at !== undefined) return resolve(at);
      waiting.set(trigger, resolve);
      setTimeout(() => reject(new Error(`views.open never arrived for ${trigger}`)), 10_000).unref();
    });

  let seq = 0;
  /** One slash command; with `modal`, also the time until its views.open reaches Slack. */
  async function one(target: keyof typeof targets, command: string, modal: boolean) {
    const trigger = `trig-bench-${++seq}`;
    const start = performance.timeOrigin + performance.now();
    const res = await targets[target].command(command, '', CAPTEURS[seq % CAPTEURS.length]!, {
      extra: { trigger_id: trigger, response_url: fake.ready.responseUrl },
    });
    if (res.status !== 200) throw new Error(`${target} ${command}: HTTP ${res.status}`);
    if (!modal) return { ack: res.ms };
    return { ack: res.ms, open: (await viewsOpenAt(trigger)) - start };
  }

  async function run(target: keyof typeof targets, total: number, inFlight: number, command = '/visite') {
    const modal = target === 'platform' || command === '/modal';
    const acks: number[] = [];
    const opens: number[] = [];
    let started = 0;
    const worker = async () => {
      while (started < total) {
        started++;
        const r = await one(target, command, modal);
        acks.push(r.ack);
        if (r.open !== undefined) opens.push(r.open);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    opened.clear();
    return { acks, opens };
  }

  // Warm both (JIT, sockets, database caches) before measuring.
  await run('bare', WARMUP, IN_FLIGHT);
  await run('bare', WARMUP, IN_FLIGHT, '/modal');
  await run('platform', WARMUP, IN_FLIGHT);
  await run('platform', 50, IN_FLIGHT, '/alerte-recrutement');

  const rows: string[] = [];
  const verdicts: string[] = [];
  const verdict = (what: string, value: number, target: number, unit: string) =>
    verdicts.push(
      `${what} = ${value.toFixed(2)}${unit} (target ≤ ${target}${unit}): ${value <= target ? 'OK' : 'MISSED'}`,
    );
  for (const [label, total, inFlight] of [
    ['sequential', SEQUENTIAL, 1],
    [`${IN_FLIGHT} in flight`, CONCURRENT_TOTAL, IN_FLIGHT],
  ] as const) {
    const b = await run('bare', total, inFlight);
    const bm = await run('bare', total, inFlight, '/modal');
    const p = await run('platform', total, inFlight);
    const ratio = quantile(p.acks, 0.99) / quantile(b.acks, 0.99);
    const openRatio = quantile(p.opens, 0.99) / quantile(bm.opens, 0.99);
    rows.push(
      `| ${label} | ${total} | ${fmt(quantile(b.acks, 0.5))} / ${fmt(quantile(b.acks, 0.99))} | ${fmt(quantile(p.acks, 0.5))} / ${fmt(quantile(p.acks, 0.99))} | ${ratio.toFixed(2)} | ${fmt(quantile(bm.opens, 0.5))} / ${fmt(quantile(bm.opens, 0.99))} | ${fmt(quantile(p.opens, 0.5))} / ${fmt(quantile(p.opens, 0.99))} | ${openRatio.toFixed(2)} |`,
    );
    if (inFlight === IN_FLIGHT) {
      verdict(`${label}: /visite ack p99 ÷ bare`, ratio, 1.2, '');
      verdict(`${label}: views.open p99 ÷ bare modal`, openRatio, 1.3, '');
      verdict(`${label}: views.open p99`, quantile(p.opens, 0.99), 100, ' ms');
    }
  }

  // ── The alert form, opened by /alerte-recrutement (it reads the member's roles and the form's settings).
  const formRows: string[] = [];
  for (const [label, total, inFlight] of [
    ['sequential', ALERT_FORMS, 1],
    [`${IN_FLIGHT} in flight`, ALERT_FORMS, IN_FLIGHT],
  ] as const) {
    const r = await run('platform', total, inFlight, '/alerte-recrutement');
    formRows.push(
      `| ${label} | ${total} | ${fmt(quantile(r.acks, 0.5))} / ${fmt(quantile(r.acks, 0.99))} | ${fmt(quantile(r.opens, 0.5))} / ${fmt(quantile(r.opens, 0.99))} |`,
    );
    if (inFlight === IN_FLIGHT) verdict(`${label}: alert form opened p99`, quantile(r.opens, 0.99), 300, ' ms');
  }

  // ── /alerte-recrutement: from the submission of the alert modal to the coordinator's page
  // reaching Slack (the alert is stored before the ack; the page leaves through the outbox).
  let alertSeq = 0;
  async function oneAlert() {
    const marker = `bench-alert-${++alertSeq}`;
    // Only its fields are submitted: what it says of the deadline does not matter here.
    const modal = alertReportModal({ submissionKey: randomUUID(), deadlineHours: 48 });
    const submission = submitModal(CAPTEURS[alertSeq % CAPTEURS.length]!, modal as never, {
      [A.companyId]: apps.ready.companyId,
      [A.p1Title]: 'Soudeur TIG',
      [A.p1Count]: '2',
      [A.p1Contract]: 'cdi',
      [A.p1Location]: 'Vierzon',
      [A.urgency]: `Commande urgente (${marker})`,
      [A.contactName]: 'Marie Dupont',
      [A.contactPhone]: '0248000000',
      [A.consentToName]: 'oui',
    });
    const start = performance.timeOrigin + performance.now();
    const res = await targets.platform.interaction(submission);
    if (res.status !== 200 || res.json().response_action !== 'update')
      throw new Error(`alert: HTTP ${res.status} ${res.body.slice(0, 200)}`);
    return { ack: res.ms, page: (await viewsOpenAt(marker)) - start };
  }
  async function runAlerts(total: number, inFlight: number) {
    const acks: number[] = [];
    const pages: number[] = [];
    let started = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (started < total) {
          started++;
          const r = await oneAlert();
          acks.push(r.ack);
          pages.push(r.page);
        }
      }),
    );
    opened.clear();
    return { acks, pages };
  }
  await runAlerts(50, IN_FLIGHT);
  const alertRows: string[] = [];
  for (const [label, total, inFlight] of [
    ['sequential', ALERTS_SEQUENTIAL, 1],
    [`${IN_FLIGHT} in flight`, ALERTS_CONCURRENT, IN_FLIGHT],
  ] as const) {
    const r = await runAlerts(total, inFlight);
    alertRows.push(
      `| ${label} | ${total} | ${fmt(quantile(r.acks, 0.5))} / ${fmt(quantile(r.acks, 0.99))} | ${fmt(quantile(r.pages, 0.5))} / ${fmt(quantile(r.pages, 0.99))} |`,
    );
    if (inFlight === IN_FLIGHT)
      verdict(`${label}: coordinator's page p99`, quantile(r.pages, 0.99), database.url ? 150 : 300, ' ms');
  }
  const loadAfter = loadavg();

  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  console.log(
    `\n/visite — Node ${process.version}, ${database.url ? 'PostgreSQL' : 'embedded PGlite'}, ${CAPTEURS.length} capteurs, ${new Date().toISOString()}`,
  );
  console.log(`machine load (1 / 5 / 15 min): ${load(loadBefore)} before, ${load(loadAfter)} after\n`);
  console.log(
    '| load | requests | bare Bolt ack median / p99 | /visite ack median / p99 | ack p99 ratio | bare modal views.open median / p99 | /visite views.open median / p99 | views.open p99 ratio |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log('\n/alerte-recrutement — the alert form opened\n');
  console.log('| load | commands | ack median / p99 | views.open reached median / p99 |');
  console.log('| --- | --- | --- | --- |');
  for (const row of formRows) console.log(row);
  console.log('\n/alerte-recrutement — submission of the alert modal\n');
  console.log('| load | alerts | ack median / p99 | coordinator page reached median / p99 |');
  console.log('| --- | --- | --- | --- |');
  for (const row of alertRows) console.log(row);
  console.log(`\n${verdicts.join('\n')}\n`);

  for (const w of [apps.worker, fake.worker]) {
    w.postMessage('close');
    await new Promise((r) => w.once('exit', r));
  }
  await database.drop();
  if (verdicts.some((v) => v.endsWith('MISSED'))) process.exitCode = 1;
}

await main();
