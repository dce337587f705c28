import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startFakeSlack, type FakeSlack } from '../src/simulator/fake-slack.js';
import { freePort } from './support/ports.js';

/**
 * The real start command, spawned as an operator runs it: a database that is not there yet, a
 * port already taken. Whatever happens, stdout holds JSON lines only and nothing goes to stderr.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The PostgreSQL server the "comes up later" case proxies to: it runs in the suite's PostgreSQL pass. */
const SERVER_URL = process.env.TEST_DATABASE_URL;

interface Run {
  child: ChildProcess;
  lines: () => Record<string, unknown>[];
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves with the first log line matching `match`. */
  waitForLine(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

function startApp(env: Record<string, string>): Run {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !k.startsWith('SLACK_') &&
        !k.startsWith('DATABASE_') &&
        k !== 'TEST_DATABASE_URL' &&
        k !== 'NODE_ENV' &&
        k !== 'PORT',
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...base,
      SLACK_BOT_TOKEN: 'xoxb-1111-2222-startup',
      SLACK_SIGNING_SECRET: 'startup-signing-secret',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const w of waiters) w();
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const lines = () =>
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines().find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no such log line within ${timeoutMs} ms; got:\n${out}\n${err}`));
        }, timeoutMs);
        waiters.add(check);
        void exited.then(() => {
          check();
          if (waiters.has(check)) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`exited before such a log line; got:\n${out}\n${err}`));
          }
        });
        check();
      });
    },
  };
}

async function stop(run: Run) {
  if (run.child.exitCode === null) run.child.kill('SIGTERM');
  // Stopping is bounded (src/main.ts); a stop that hangs anyway must not hang the test file.
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 20_000);
  await run.exited;
  clearTimeout(timer);
}

// A fake Slack of each test's own: the calls it records are that test's app's alone, and what
// another test set it to answer (apps.connections.open's socket) does not carry over.
let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake?.close();
});

describe('start-up with the database unreachable', () => {
  it('retries with a JSON line each time, then exits with code 1 and one line saying why', async () => {
    const run = startApp({
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${await freePort()}/nowhere`,
      DATABASE_CONNECT_RETRIES: '2',
      DATABASE_RETRY_MAX_DELAY_SECONDS: '0.2',
      PORT: '0',
      SLACK_API_URL: fake.url,
    });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toBe('');
    const lines = run.lines();
    const retries = lines.filter((l) => l.msg === 'database unreachable, retrying');
    expect(retries.map((l) => l.attempt)).toEqual([1, 2]);
    expect(retries.every((l) => (l.err as { code?: string }).code === 'ECONNREFUSED')).toBe(true);
    const last = lines.at(-1)!;
    expect(last.level).toBe(60);
    expect(last.msg).toMatch(/^database unreachable: giving up/);
    expect(last.attempts).toBe(3);
    // Slack was never tried.
    expect(fake.calls).toEqual([]);
  }, 30_000);

  it.skipIf(!SERVER_URL)(
    'keeps waiting while PostgreSQL is down, and starts normally once it answers',
    async () => {
      const server = new pg.Client({ connectionString: SERVER_URL });
      await server.connect();
      const name = `pem_startup_${randomBytes(5).toString('hex')}`;
      await server.query(`CREATE DATABASE "${name}"`);
      const target = new URL(SERVER_URL!);
      // PostgreSQL "comes up" when this proxy starts listening on the port the app was given.
      const port = await freePort();
      const appPort = await freePort();
      const url = new URL(SERVER_URL!);
      url.host = `127.0.0.1:${port}`;
      url.pathname = `/${name}`;
      const sockets = new Set<Socket>();
      let proxy: Server | undefined;
      const run = startApp({
        DATABASE_URL: url.toString(),
        DATABASE_CONNECT_RETRIES: '60',
        DATABASE_RETRY_MAX_DELAY_SECONDS: '0.5',
        PORT: String(appPort),
        SLACK_API_URL: fake.url,
      });
      try {
        await run.waitForLine((l) => l.msg === 'database unreachable, retrying' && l.attempt === 2);
        proxy = createServer((socket) => {
          const upstream = connect(Number(target.port || 5432), target.hostname);
          sockets.add(socket).add(upstream);
          socket.pipe(upstream).pipe(socket);
          const end = () => {
            socket.destroy();
            upstream.destroy();
          };
          socket.on('error', end).on('close', end);
          upstream.on('error', end).on('close', end);
        });
        await new Promise<void>((resolve) => proxy!.listen(port, '127.0.0.1', resolve));

        await run.waitForLine((l) => l.msg === 'Slack app started');
        const lines = run.lines();
        expect(lines.find((l) => l.msg === 'database reached')?.attempts).toBeGreaterThanOrEqual(3);
        expect((lines.find((l) => l.msg === 'database ready')!.applied as string[]).length).toBeGreaterThan(0);
        const ready = await fetch(`http://127.0.0.1:${appPort}/readyz`);
        expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok' }]);
        expect(run.stderr()).toBe('');
      } finally {
        await stop(run);
        for (const s of sockets) s.destroy();
        proxy?.close();
        await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await server.end();
      }
    },
    60_000,
  );
});

describe('start-up with its port already taken', () => {
  it('says so on one JSON line naming the port, without a stack, and exits with code 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const run = startApp({ PORT: String(port), PGLITE_DATA_DIR: 'memory://', SLACK_API_URL: fake.url });
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toBe('');
      const lines = run.lines();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 60, port, variable: 'PORT' });
      expect(lines[0]!.msg).toContain(`port ${port} is already in use`);
      expect(run.stdout()).not.toMatch(/Slack|\n\s+at /);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 30_000);
});

describe('in Socket Mode with HEALTH_PORT', () => {
  it('serves /healthz and /readyz on that port, and nothing else', async () => {
    // A stand-in for Slack's Socket Mode endpoint: the app asks apps.connections.open for it.
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('connection', (ws) =>
      ws.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' }, debug_info: {} }),
      ),
    );
    await new Promise((resolve) => wss.once('listening', resolve));
    fake.respondTo('apps.connections.open', { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/` });
    const healthPort = await freePort();
    const run = startApp({
      SLACK_APP_TOKEN: 'xapp-1-A0001-startup',
      HEALTH_PORT: String(healthPort),
      PGLITE_DATA_DIR: 'memory://',
      SLACK_API_URL: fake.url,
    });
    try {
      await run.waitForLine((l) => l.msg === 'Slack app started' && l.mode === 'socket');
      const base = `http://127.0.0.1:${healthPort}`;
      const live = await fetch(`${base}/healthz`);
      expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await fetch(`${base}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok' }]);
      expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect(run.stderr()).toBe('');
    } finally {
      // Stopping is not what this test is about (PGlite in memory: nothing to keep).
      run.child.kill('SIGKILL');
      await run.exited;
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
    }
  }, 60_000);
});
