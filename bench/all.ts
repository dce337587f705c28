/**
 * npm run bench — every benchmark with a target, one after the other, each in a process of its
 * own so that none warms or loads the next: /visite, the alert form and alerts on the embedded
 * database and on PostgreSQL (bench/visite.bench.ts), start-up and memory (bench/startup.bench.ts),
 * the annual report of a large territory (bench/report.bench.ts). Each prints its figures and its
 * verdicts; this exits non-zero when any of them missed a target, after all have run.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

const RUNS: [string, string[]][] = [
  ['/visite and alerts, embedded PGlite', ['bench/visite.bench.ts']],
  ['/visite and alerts, PostgreSQL', ['bench/visite.bench.ts', '--postgres']],
  ['start-up and memory', ['bench/startup.bench.ts']],
  ['annual report', ['bench/report.bench.ts']],
];

const missed: string[] = [];
for (const [name, args] of RUNS) {
  console.log(`\n══ ${name} (machine load ${loadavg()[0]!.toFixed(2)})`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', ...args], { stdio: 'inherit' });
  if (run.status !== 0) missed.push(name);
}
console.log(missed.length ? `\nTargets missed in: ${missed.join(', ')}` : '\nEvery target met.');
process.exitCode = missed.length ? 1 : 0;
