import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'pem-simulation-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The README's start command, with the environment of a fresh clone (no .env, no Slack). */
function start(env: Record<string, string>, args: string[] = []) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('SLACK_') && k !== 'DATABASE_URL' && k !== 'TEST_DATABASE_URL',
    ),
  );
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...clean, SIMULATION_PORT: '0', SIMULATION_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('the start command', () => {
  it('opens the simulated workspace on loopback when no Slack is configured, with the demo data; a second one on its port says so on one line', async () => {
    const child = start({});
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
          if (found) resolve(found[0]);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const page = await (await fetch(url)).text();
      expect(page).toContain('Simulation');
      const state = (await (await fetch(`${url}/api/state?user=U0SEEDCOORD`)).json()) as { people: { name: string }[] };
      expect(state.people.map((p) => p.name)).toContain('Hélène Morel');

      // A second one beside it, on the same port: one line naming the port, no stack, code 1.
      const port = new URL(url).port;
      const second = start({ SIMULATION_PORT: port });
      let out = '';
      let err = '';
      second.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      second.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      expect(await new Promise((resolve) => second.once('exit', resolve))).toBe(1);
      expect(out).toBe('');
      expect(err.trimEnd().split('\n')).toEqual([expect.stringContaining(`Le port ${port} est déjà utilisé`)]);
      // The first one still answers.
      expect((await fetch(url)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 60_000);

  it('says on one line, without a stack, that SIMULATION_PORT is not a port', async () => {
    for (const port of ['abc', '70000', '30.5']) {
      const child = start({ SIMULATION_PORT: port });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
      expect(out).toBe('');
      expect(err.trimEnd().split('\n')).toEqual([
        `SIMULATION_PORT=${port} n’est pas un port : un nombre entier de 0 à 65535 est attendu (par exemple SIMULATION_PORT=3001 npm run simulation).`,
      ]);
    }
  }, 60_000);

  it('never opens it in production: a missing Slack setting is an error there', async () => {
    const child = start({ NODE_ENV: 'production' });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
    expect(err).toContain('SLACK_BOT_TOKEN');
  }, 30_000);

  it('refuses to start the simulation beside a configured Slack unless explicitly allowed', async () => {
    const child = start({ SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdef', SLACK_SIGNING_SECRET: 'a-signing-secret-value' }, [
      '--simulation',
    ]);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('--allow-credentials');
  }, 30_000);
});
