/**
 * npm run bench:startup — how long the app takes from its start until it answers (/readyz 200)
 * and how much memory it holds then (issue 15), as production starts it, on PostgreSQL and on the
 * embedded database (a fresh one, then the same one again), beside a bare Bolt app that only acks.
 *
 * Each start is a new process (`npm start`'s command), talking to a fake Slack Web API. Resident
 * memory is read from /proc once the app has answered and settled for two seconds.
 *
 * Targets: ready in ≤ 2 s on PostgreSQL and ≤ 3 s on an existing embedded database; resident
 * memory after start ≤ 200 MB on PostgreSQL and ≤ 350 MB embedded. Exits non-zero when one is missed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startFakeSlack } from '../src/simulator/fake-slack.js';
import { freePort } from '../test/support/ports.js';
import { BENCH_SERVER, scratchDatabase } from './scratch-database.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The command `npm start` runs (package.json), without npm in front: its own start is not the app's. */
export function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [bin, ...args] = pkg.scripts.start!.split(' ');
  if (bin === 'node') return args;
  if (bin === 'tsx') return ['--import', 'tsx', ...args];
  throw new Error(`npm start runs ${bin}: bench/startup.bench.ts does not know how to start it`);
}

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

interface Start {
  readyMs: number;
  residentMb: number;
}

async function start(
  args: string[],
  env: Record<string, string>,
  readyPath = '/readyz',
  anyAnswer = false,
): Promise<Start> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the app stopped (${child.exitCode}): ${stderr.slice(0, 2000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}${readyPath}`).then(
        (r) => anyAnswer || r.status === 200,
        () => false,
      );
      if (ok) break;
      if (performance.now() - began > 120_000) throw new Error(`not ready after 120 s: ${stderr.slice(0, 2000)}`);
      await sleep(20);
    }
    const readyMs = performance.now() - began;
    await sleep(2_000);
    return { readyMs, residentMb: residentMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function main() {
  const fake = await startFakeSlack();
  const secret = randomBytes(16).toString('hex');
  const slack = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.url };
  // As `npm start` does first (its prestart): the compiled app is the checkout's.
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' }).status !== 0)
    throw new Error('scripts/build.mjs failed');
  const app = startCommand();
  const rows: { label: string; start: Start; target?: { readyMs?: number; residentMb?: number } }[] = [];

  // A bare Bolt app, compiled the same way: what a Node process answering Slack costs at the least.
  await build({
    entryPoints: ['bench/workers/bare-app.ts'],
    outfile: 'dist/bench-bare-app.js',
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  rows.push({ label: 'bare Bolt app', start: await start(['dist/bench-bare-app.js'], slack, '/', true) });

  const database = await scratchDatabase(BENCH_SERVER, 'startup');
  try {
    const pg = { ...slack, DATABASE_URL: database.url };
    rows.push({ label: 'PostgreSQL, first start (migrations applied)', start: await start(app, pg) });
    rows.push({
      label: 'PostgreSQL, next start',
      start: await start(app, pg),
      target: { readyMs: 2_000, residentMb: 200 },
    });
  } finally {
    await database.drop();
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'pem-startup-'));
  try {
    const embedded = { ...slack, PGLITE_DATA_DIR: join(dataDir, 'pglite') };
    rows.push({ label: 'embedded, first start (database created)', start: await start(app, embedded) });
    rows.push({
      label: 'embedded, next start',
      start: await start(app, embedded),
      target: { readyMs: 3_000, residentMb: 350 },
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  await fake.close();

  console.log(`\nStart until ready — Node ${process.version}, \`${app.join(' ')}\`, ${new Date().toISOString()}\n`);
  console.log('| start | ready after | resident memory |\n| --- | --- | --- |');
  const verdicts: string[] = [];
  for (const { label, start: s, target } of rows) {
    console.log(`| ${label} | ${(s.readyMs / 1000).toFixed(2)} s | ${s.residentMb.toFixed(0)} MB |`);
    if (target?.readyMs)
      verdicts.push(
        `${label}: ready ${(s.readyMs / 1000).toFixed(2)} s (target ≤ ${target.readyMs / 1000} s): ${s.readyMs <= target.readyMs ? 'OK' : 'MISSED'}`,
      );
    if (target?.residentMb)
      verdicts.push(
        `${label}: ${s.residentMb.toFixed(0)} MB (target ≤ ${target.residentMb} MB): ${s.residentMb <= target.residentMb ? 'OK' : 'MISSED'}`,
      );
  }
  console.log(`\n${verdicts.join('\n')}\n`);
  if (verdicts.some((v) => v.endsWith('MISSED'))) process.exitCode = 1;
}

await main();
