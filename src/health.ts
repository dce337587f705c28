import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import { readMigrations } from './db/migrate.js';
import type { Db } from './services/db.js';

/**
 * Liveness and readiness, for a load balancer, a PaaS or systemd's watchers:
 *
 * - `GET /healthz`: the process is alive and answers HTTP. Always 200 `{"status":"ok"}`.
 * - `GET /readyz`: this instance can do its work: the database answers, every migration this
 *   version knows is applied, and no owed message has been due for longer than the threshold
 *   (`READY_OUTBOX_MAX_DELAY_SECONDS`: owed messages are not going out, whoever should send them).
 *   200 `{"status":"ok"}`, or 503 `{"status":"not_ready","reason":"database"|"migrations"|"outbox"}`.
 *
 * Neither calls Slack, and neither says more than that: no counts, no ids, no error text.
 * In HTTP mode they are served beside `/slack/events` (Bolt's custom routes); in Socket Mode on
 * `HEALTH_PORT` when it is set (`startHealthServer`).
 */
export type NotReadyReason = 'database' | 'migrations' | 'outbox';
export type Readiness = { status: 'ok' } | { status: 'not_ready'; reason: NotReadyReason };

export interface ReadinessOptions {
  now?: () => Date;
  /** An owed message due for longer than this makes the instance not ready. */
  maxOutboxDelayMs: number;
  /** A database slower than this to answer counts as not answering. */
  timeoutMs?: number;
}

export const HEALTH_PATHS = { live: '/healthz', ready: '/readyz' } as const;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

export function readinessCheck(db: Db, options: ReadinessOptions): () => Promise<Readiness> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 2_000;
  // The migrations this version ships, read once (the files do not change while it runs).
  let expected: Promise<string[]> | undefined;
  const notReady = (reason: NotReadyReason): Readiness => ({ status: 'not_ready', reason });
  return async () => {
    try {
      await withTimeout(db.$queryRawUnsafe('SELECT 1'), timeoutMs);
    } catch {
      return notReady('database');
    }
    try {
      expected ??= readMigrations().then((all) => all.map((m) => m.name));
      const rows = await withTimeout(
        db.$queryRawUnsafe<{ migration_name: string }[]>(
          'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        ),
        timeoutMs,
      );
      const applied = new Set(rows.map((row) => row.migration_name));
      // A newer instance may have applied more: only a migration this one needs and misses counts.
      if ((await expected).some((name) => !applied.has(name))) return notReady('migrations');
    } catch {
      return notReady('migrations');
    }
    try {
      const late = await withTimeout(
        db.outboxMessage.findFirst({
          where: { status: 'pending', nextAttemptAt: { lt: new Date(now().getTime() - options.maxOutboxDelayMs) } },
          select: { id: true },
        }),
        timeoutMs,
      );
      if (late) return notReady('outbox');
    } catch {
      return notReady('database');
    }
    return { status: 'ok' };
  };
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

const live = (_req: IncomingMessage, res: ServerResponse) => send(res, 200, { status: 'ok' });
const ready = (check: () => Promise<Readiness>) => (_req: IncomingMessage, res: ServerResponse) => {
  check().then(
    (result) => send(res, result.status === 'ok' ? 200 : 503, result),
    () => send(res, 503, { status: 'not_ready', reason: 'database' }),
  );
};

/** The two routes for Bolt's HTTPReceiver (`customRoutes`). */
export function healthRoutes(check: () => Promise<Readiness>): CustomRoute[] {
  return [
    { path: HEALTH_PATHS.live, method: ['GET'], handler: live },
    { path: HEALTH_PATHS.ready, method: ['GET'], handler: ready(check) },
  ];
}

/**
 * Socket Mode has no HTTP server of its own: a small one for the two routes, and nothing else
 * (anything else is 404). Resolves once listening; rejects with the listen error (EADDRINUSE…).
 */
export async function startHealthServer(
  port: number,
  check: () => Promise<Readiness>,
  host?: string,
): Promise<Server & { port: number }> {
  const onReady = ready(check);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === HEALTH_PATHS.live) return live(req, res);
    if (req.method === 'GET' && path === HEALTH_PATHS.ready) return onReady(req, res);
    send(res, 404, { status: 'not_found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, ...(host ? { host } : {}) }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}
