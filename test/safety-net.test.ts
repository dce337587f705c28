import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The process's last safety net (src/safety-net.ts), in a real process: once started, a stray
 * rejection is logged as JSON and the process keeps serving; before, a fault still ends it.
 */
const tsx = resolve('node_modules/.bin/tsx');
const module = resolve('src/safety-net.ts');
const logger = resolve('src/logger.ts');

function run(source: string) {
  const dir = mkdtempSync(join(tmpdir(), 'safety-net-'));
  const file = join(dir, 'script.ts');
  writeFileSync(file, source);
  return spawnSync(tsx, [file], { encoding: 'utf8', timeout: 30_000 });
}

describe('the safety net for stray rejections', () => {
  it('logs a rejection nobody catches once the app has started, and the process keeps running', () => {
    const result = run(`
      import { keepServingOnStrayRejections } from ${JSON.stringify(module)};
      import { createLogger } from ${JSON.stringify(logger)};
      keepServingOnStrayRejections(createLogger('info'));
      void Promise.reject(new Error('a request went wrong'));
      setTimeout(() => { process.stdout.write('still serving\\n'); process.exit(0); }, 200);
    `);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('still serving');
    const line = result.stdout.split('\n').find((l) => l.includes('unhandled rejection'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({
      msg: 'unhandled rejection (the process keeps running)',
      err: { message: 'a request went wrong' },
    });
  });

  it('is not there during start-up: a fault then still stops the process', () => {
    const result = run(`
      void Promise.reject(new Error('database unreachable'));
      setTimeout(() => { process.stdout.write('still serving\\n'); process.exit(0); }, 200);
    `);
    expect(result.status).not.toBe(0);
    expect(result.stdout).not.toContain('still serving');
  });
});
