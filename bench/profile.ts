/**
 * npm run bench:profile — where the apps' CPU goes during `npm run bench:visite` (issue 15).
 *
 * Runs bench/visite.bench.ts under V8's CPU profiler (`node --cpu-prof`, one profile per thread),
 * takes the profile of the thread that runs the apps (bench/workers/apps.worker.ts: the one whose
 * samples fall most in Bolt, Prisma and the Web API client), and splits its time by where each sample's own frame is: the
 * embedded database, Prisma, Bolt, the Web API client, the app's own folders, Node and V8. The
 * Web API client's debug serialisation (redact() and JSON.stringify of every request and answer,
 * whatever the log level) is also measured inclusively.
 *
 *   npm run bench:profile                    # embedded PGlite
 *   BENCH_DATABASE_URL=postgresql://… npm run bench:profile
 *
 * Smaller series than the benchmark itself (BENCH_* variables as there): the shares matter, not
 * the latencies, which the profiler slows.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber?: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The area a frame's own time belongs to. */
function areaOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'V8: garbage collector';
  if (url.includes('@electric-sql/pglite')) return 'PGlite (WebAssembly and its protocol)';
  // WebAssembly runs PGlite and undici's HTTP parser: charged to its caller, like native frames.
  if (url.startsWith('wasm://')) return 'Node and V8 (WebAssembly)';
  if (url.includes('/@prisma/') || url.includes('pglite-prisma-adapter')) return 'Prisma';
  if (url.includes('/pg/') || url.includes('/pg-protocol/') || url.includes('/pg-pool/')) return 'node-postgres';
  if (url.includes('@slack/web-api')) return '@slack/web-api';
  if (url.includes('@slack/bolt') || url.includes('@slack/')) return 'Bolt';
  const src = url.match(/\/work\/[^/]+\/src\/([^/]+)/) ?? url.match(/\/src\/([^/]+)/);
  if (src && !url.includes('node_modules')) return `src/${src[1]!.replace(/\.ts$/, '.ts')}`;
  if (url.includes('node_modules/')) return `other packages (${url.split('node_modules/').pop()!.split('/')[0]})`;
  if (url.startsWith('node:') || url === '') return `Node and V8 (${functionName || 'native'})`;
  return 'other';
}

function analyse(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let debugSerialisation = 0;
  let inApps = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id)!;
    let area = areaOf(node.callFrame);
    // Node's and V8's own frames are charged to the package that called them, when there is one.
    if (area.startsWith('Node and V8')) {
      for (let up = parent.get(id); up !== undefined; up = parent.get(up)) {
        const a = areaOf(byId.get(up)!.callFrame);
        if (!a.startsWith('Node and V8') && a !== 'other') {
          area = a;
          break;
        }
      }
    }
    self.set(area, (self.get(area) ?? 0) + dt);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.includes('node_modules/')
      ? url.split('node_modules/').pop()!
      : url.replace(/^.*\/(src|bench)\//, '$1/');
    const fn = `${functionName || '(anonymous)'} ${where}${url ? `:${(lineNumber ?? 0) + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + dt);
    if (area !== 'idle') total += dt;
    if (area === 'Bolt' || area === 'Prisma' || area === '@slack/web-api') inApps += dt;
    // Inclusive: under redact(), or a JSON.stringify called by the Web API client itself.
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      const callerUrl = byId.get(parent.get(cur) ?? -1)?.callFrame.url ?? '';
      if (
        frame.functionName === 'redact' ||
        (frame.functionName === 'stringify' && callerUrl.includes('@slack/web-api'))
      ) {
        debugSerialisation += dt;
        break;
      }
    }
  });
  return { self, functions, total, debugSerialisation, inApps };
}

const dir = mkdtempSync(join(tmpdir(), 'pem-profile-'));
try {
  // The benchmark exits non-zero when a target is missed, which the profiler's overhead makes likely.
  spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', 'bench/visite.bench.ts'], {
    stdio: 'inherit',
    env: {
      BENCH_SEQUENTIAL: '300',
      BENCH_CONCURRENT: '2000',
      BENCH_ALERTS_SEQUENTIAL: '100',
      BENCH_ALERTS_CONCURRENT: '300',
      ...process.env,
    },
  });
  if (readdirSync(dir).length === 0) throw new Error('bench/visite.bench.ts wrote no profile');
  const analyses = readdirSync(dir).map((file) => analyse(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
  const apps = analyses.sort((a, b) => b.inApps - a.inApps)[0]!;
  const pct = (t: number) => `${((100 * t) / apps.total).toFixed(1)} %`;
  console.log(
    `\nThe apps' thread: ${(apps.total / 1e6).toFixed(1)} s of CPU (idle left out), by where each sample's own frame is:\n`,
  );
  console.log('| area | CPU | share |\n| --- | --- | --- |');
  for (const [area, t] of [...apps.self].sort((a, b) => b[1] - a[1])) {
    if (area === 'idle' || t < apps.total / 200) continue;
    console.log(`| ${area} | ${(t / 1e6).toFixed(2)} s | ${pct(t)} |`);
  }
  // BENCH_PROFILE_FUNCTIONS=n: the n functions with the most CPU of their own, to find what to change.
  const top = Number(process.env.BENCH_PROFILE_FUNCTIONS ?? 0);
  if (top > 0) {
    console.log(
      `\nThe ${top} functions with the most CPU of their own:\n\n| function | CPU | share |\n| --- | --- | --- |`,
    );
    for (const [fn, t] of [...apps.functions].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`| ${fn} | ${(t / 1e6).toFixed(2)} s | ${pct(t)} |`);
  }
  console.log(
    `\n@slack/web-api's debug serialisation (redact and JSON.stringify, inclusive): ${(apps.debugSerialisation / 1e6).toFixed(2)} s, ${pct(apps.debugSerialisation)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
