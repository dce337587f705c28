// The production install, tested here (README, « Deploy »): run with `npm run production-check`
// (CI runs it after the tests). In an empty temporary folder: the repository's files, then
// `npm ci --omit=dev` (no dev dependency at run time), every runtime module imported; a fresh
// PostgreSQL database; two instances of `src/main.ts` in HTTP mode on that one database, talking
// to a local fake of Slack's Web API (SLACK_API_URL); /readyz on both; recruitment alerts raised
// by signed requests sent alternately to both; one instance SIGKILLed while Slack fails its
// pages; the other delivers everything owed and runs the scheduled jobs. Nothing may be lost or
// sent twice. Then it stops, drops the database and removes the folder.
//
// Environment: PG_SERVER_URL (default postgresql://postgres@127.0.0.1:5432/postgres), a server
// where a database may be created; KEEP_PRODUCTION_CHECK=1 keeps the folder and the database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ALERT_BLOCKS as A, VIEWS } from '../src/slack/ids.js';
import { startFakeSlack, type FakeSlack } from '../src/simulator/fake-slack.js';
import { slackSender, type SlackSender } from '../src/simulator/slack-requests.js';
import { submitModal } from '../test/support/forms.js';
import { freePort } from '../test/support/ports.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER_URL = process.env.PG_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const KEEP = process.env.KEEP_PRODUCTION_CHECK === '1';
const SIGNING_SECRET = randomBytes(16).toString('hex');
/** The demo data's capteur and coordinator (prisma/seed.ts). */
const CAPTEUR = { id: 'U0SEEDCCI01', name: 'julien' };
const COORDINATOR = 'U0SEEDCOORD';

const started = Date.now();
const timings: Record<string, number> = {};
let stepStart = Date.now();
function step(name: string) {
  const now = Date.now();
  if (Object.keys(timings).length || name) console.log(`── ${name} (${((now - started) / 1000).toFixed(1)} s)`);
  stepStart = now;
}
function done(name: string) {
  timings[name] = Math.round((Date.now() - stepStart) / 100) / 10;
}
function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`production check failed: ${message}`);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`production check failed: timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0)
    throw new Error(
      `production check failed: ${command} ${args.join(' ')} exited with ${result.status}\n${result.stdout}\n${result.stderr}`,
    );
  return result.stdout;
}

interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
  slack: SlackSender;
}

function startInstance(name: string, dir: string, port: number, env: Record<string, string>): Instance {
  // `node --enable-source-maps dist/main.js` is what `npm start` runs (after its prestart build),
  // without npm in between: a signal reaches the app itself (and SIGKILL kills it, not a wrapper).
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: dir,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const collect = (chunk: Buffer) => log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    port,
    child,
    log,
    exited,
    slack: slackSender({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET }),
  };
}

async function readyz(instance: Instance): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${instance.port}/readyz`);
  return { status: res.status, body: await res.json() };
}

/** Every file of the repository as a clone has it (tracked, plus new files not ignored). */
function copyRepository(dir: string) {
  const listed = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], ROOT)
    .split('\0')
    .filter((f) => f && existsSync(join(ROOT, f)) && statSync(join(ROOT, f)).isFile());
  const tar = spawnSync('tar', ['-cf', '-', '--null', '-T', '-'], {
    cwd: ROOT,
    input: listed.join('\0'),
    maxBuffer: 1 << 30,
  });
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  const untar = spawnSync('tar', ['-xf', '-'], { cwd: dir, input: tar.stdout });
  if (untar.status !== 0) throw new Error(`untar failed: ${untar.stderr}`);
  return listed.length;
}

function sourceModules(dir: string, under = 'src'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
    const path = join(under, entry.name);
    if (entry.isDirectory())
      out.push(...(entry.name === 'generated' || entry.name === 'web' ? [] : sourceModules(dir, path)));
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'plateforme-production-'));
  const database = `pem_production_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  let fake: FakeSlack | undefined;
  const instances: Instance[] = [];
  let dbCreated = false;
  try {
    // ── 1. A production install in an empty folder.
    step('production install: npm ci --omit=dev in an empty folder');
    const files = copyRepository(dir);
    run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], dir, {
      ...process.env,
      NODE_ENV: 'production',
    });
    for (const dev of ['vitest', 'playwright-core', 'yaml'])
      check(!existsSync(join(dir, 'node_modules', dev)), `${dev}, a dev dependency, was installed`);
    check(
      existsSync(join(dir, 'src', 'generated', 'prisma', 'client.ts')),
      'the Prisma client was not generated by postinstall',
    );
    check(existsSync(join(dir, 'dist', 'main.js')), 'the app was not compiled by postinstall (dist/main.js)');
    done('install');
    console.log(
      `   ${files} files copied, dependencies installed without dev ones, Prisma client generated, app compiled`,
    );

    // Every runtime module loads from the production install (a dev dependency imported at run time fails here).
    step('every runtime module imports without dev dependencies');
    const modules = sourceModules(dir)
      .filter((m) => m !== 'src/main.ts')
      .concat(['prisma/seed.ts']);
    run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a script for the child to run, its template literal evaluated there
        'for (const m of process.argv.slice(1)) await import(new URL(m, `file://${process.cwd()}/`).href);',
        ...modules,
      ],
      dir,
      { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    );
    done('imports');
    console.log(`   ${modules.length} modules`);

    // ── 2. A fresh PostgreSQL database, a fake Slack, two instances in HTTP mode.
    step('two instances in HTTP mode on one new PostgreSQL database');
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    dbCreated = true;
    const url = new URL(SERVER_URL);
    url.pathname = `/${database}`;
    fake = await startFakeSlack();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: url.toString(),
      SLACK_BOT_TOKEN: 'xoxb-production-check',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      LOG_LEVEL: 'info',
    };
    const [portA, portB] = [await freePort(), await freePort()];
    // Both at once: the migrations are applied once, under the advisory lock.
    instances.push(startInstance('A', dir, portA, env), startInstance('B', dir, portB, env));
    const [a, b] = instances as [Instance, Instance];
    for (const instance of instances) {
      await until(
        `/readyz of instance ${instance.name}`,
        async () => {
          if (instance.child.exitCode !== null)
            throw new Error(`production check failed: instance ${instance.name} exited:\n${instance.log.join('\n')}`);
          return (await readyz(instance)).status === 200;
        },
        90_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${instance.log.join('\n')}`);
      });
    }
    check(
      JSON.stringify((await readyz(a)).body) === '{"status":"ok"}' &&
        JSON.stringify((await readyz(b)).body) === '{"status":"ok"}',
      '/readyz body',
    );
    done('start');

    // The demo territory, through the installed seed script (the instances are already serving).
    run(process.execPath, ['--import', 'tsx', 'prisma/seed.ts'], dir, env);
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const applied = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations"');
      check(
        applied.rows[0]!.n ===
          readdirSync(join(dir, 'prisma', 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory()).length,
        'each migration applied once by the two instances',
      );
      const company = (await db.query<{ id: string }>('SELECT id FROM "Company" ORDER BY name LIMIT 1')).rows[0]!;

      // ── 3. Alerts raised alternately through both.
      step('recruitment alerts raised alternately through A and B');
      const raised: string[] = [];
      const through: string[] = [];
      const openedModals = new Set<string>();
      async function raise(instance: Instance) {
        const command = await instance.slack.command('/alerte-recrutement', '', CAPTEUR, {
          extra: { response_url: fake!.responseUrl() },
        });
        check(command.status === 200, `/alerte-recrutement answered ${command.status} by ${instance.name}`);
        const opened = await fake!.waitFor(
          'views.open',
          (args) =>
            (args.view as { callback_id?: string }).callback_id === VIEWS.alertReport &&
            !openedModals.has(String(args.trigger_id)),
          15_000,
        );
        openedModals.add(String(opened.args.trigger_id));
        const modal = opened.args.view as { callback_id: string; private_metadata: string; blocks: never[] };
        const submission = submitModal(
          CAPTEUR,
          { ...modal, id: `Vcheck${raised.length}` },
          {
            [A.companyId]: company.id,
            [A.p1Title]: 'Soudeur TIG',
            [A.p1Count]: '2',
            [A.p1Contract]: 'cdi',
            [A.p1Location]: 'Vierzon',
            [A.urgency]: `Contrôle de l'installation, alerte ${raised.length + 1}.`,
            [A.contactName]: 'Marie Dupont, responsable RH',
            [A.contactPhone]: '02 48 00 00 00',
            [A.consentToName]: 'oui',
          },
        );
        const res = await instance.slack.interaction(submission);
        check(res.status === 200, `the alert's submission answered ${res.status} by ${instance.name}: ${res.body}`);
        const reference = /ALR-\d{4}-\d{4}/.exec(res.body)?.[0];
        check(reference, `no alert reference in the answer of ${instance.name}: ${res.body}`);
        raised.push(reference);
        through.push(instance.name);
      }
      for (let i = 0; i < 6; i++) await raise(i % 2 === 0 ? a : b);
      const pagedOnce = async (references: string[]) => {
        const pages = fake!.succeeded('chat.postMessage').filter((c) => c.args.channel === COORDINATOR);
        return references.every((ref) => pages.filter((c) => JSON.stringify(c.args).includes(ref)).length >= 1);
      };
      await until('the first six alerts paged', () => pagedOnce(raised), 30_000);
      done('alerts');
      console.log(`   ${raised.length} alerts raised and paged`);

      // ── 4. Slack fails A's pages; A is killed with them owed.
      step('Slack fails; two alerts through A; A is SIGKILLed with their pages owed');
      let slackDown = true;
      fake.failNextHttp(
        'chat.postMessage',
        Array.from({ length: 200 }, () => ({ status: 500 })),
        () => slackDown,
      );
      const beforeKill = raised.length;
      await raise(a);
      await raise(a);
      const owedByA = raised.slice(beforeKill);
      // Their pages are in the database, not delivered, the first tried and failed (the next waits
      // behind it: one conversation's messages leave in order).
      await until(
        'the pages owed by A tried and failed',
        async () => {
          const rows = await db.query<{ pending: number; tried: number }>(
            `SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempts > 0)::int AS tried FROM "OutboxMessage" WHERE status = 'pending' AND recipient = $1`,
            [COORDINATOR],
          );
          return rows.rows[0]!.pending >= owedByA.length && rows.rows[0]!.tried >= 1;
        },
        30_000,
      );
      a.child.kill('SIGKILL');
      await a.exited;
      const killedAt = new Date();
      slackDown = false;
      done('kill');

      // ── 5. B carries on: its own alerts, A's owed pages, the scheduled jobs.
      step('B carries the owed messages and the jobs');
      await raise(b);
      await raise(b);
      await until('every alert paged, those A owed included', () => pagedOnce(raised), 150_000, 500);
      const delivered = Date.now();
      // The scheduled jobs run on B (the alerts' 48 h clock under its lease), after A's death.
      await until(
        'a scheduled job run by B after the kill',
        async () =>
          ((
            await db.query<{ lastRunAt: Date }>(`SELECT "lastRunAt" FROM "JobLease" WHERE name = 'alert-deadlines'`)
          ).rows[0]?.lastRunAt?.getTime() ?? 0) > killedAt.getTime(),
        75_000,
        1_000,
      );
      done('carried');
      console.log(
        `   A's owed pages delivered by B ${((delivered - killedAt.getTime()) / 1000).toFixed(1)} s after the kill; B ran the alert clock after it`,
      );

      // Nothing lost, nothing twice.
      const pages = fake.succeeded('chat.postMessage').filter((c) => c.args.channel === COORDINATOR);
      for (const ref of raised) {
        const n = pages.filter((c) => JSON.stringify(c.args).includes(ref)).length;
        check(n === 1, `alert ${ref} paged ${n} times`);
      }
      const alerts = await db.query<{ reference: string; paged: boolean }>(
        `SELECT a.reference, bool_and(m.ts IS NOT NULL) AS paged FROM "RecruitmentAlert" a JOIN "AlertMessage" m ON m."alertId" = a.id AND m.kind = 'alert_page' WHERE a.reference = ANY($1) GROUP BY a.reference`,
        [raised],
      );
      check(
        alerts.rows.length === raised.length && alerts.rows.every((r) => r.paged),
        'every alert recorded with its page located',
      );
      const owed = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE status <> 'sent' AND recipient IN ($1, $2)`,
        [COORDINATOR, CAPTEUR.id],
      );
      check(owed.rows[0]!.n === 0, `${owed.rows[0]!.n} messages to the coordinator or the capteur still owed`);
      check((await readyz(b)).status === 200, 'B ready at the end');
      console.log(
        `   ${raised.length} alerts (${through.filter((n) => n === 'A').length} through A, ${through.filter((n) => n === 'B').length} through B), each paged exactly once; B ready`,
      );
    } finally {
      await db.end();
    }

    // ── 6. B stops cleanly on SIGTERM.
    step('B stops on SIGTERM');
    b.child.kill('SIGTERM');
    const code = await Promise.race([b.exited, sleep(20_000).then(() => 'timeout')]);
    check(code === 0, `B exited with ${String(code)} on SIGTERM`);
    done('stop');
    console.log(
      `── production check passed in ${((Date.now() - started) / 1000).toFixed(1)} s ${JSON.stringify(timings)}`,
    );
  } catch (error) {
    for (const instance of instances)
      console.error(`── log of instance ${instance.name} (last lines):\n${instance.log.slice(-40).join('\n')}`);
    throw error;
  } finally {
    for (const instance of instances)
      if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
    await fake?.close();
    if (dbCreated && !KEEP)
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    if (KEEP) console.log(`kept: ${dir} and database ${database}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
