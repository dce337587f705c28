import { createServer } from 'node:net';
import type { Logger } from 'pino';

/**
 * What start-up waits for or refuses before the app takes requests: a database that may come up
 * after the app (a VM booting, a PaaS add-on, compose starting both), a port already taken.
 * Each failure ends as one JSON log line and exit code 1 (src/main.ts), never a raw stack.
 */

export interface RetryOptions {
  /** Attempts after the first one; 0: try once. */
  retries: number;
  /** The longest pause between two attempts; pauses double from 0.5 s up to it. */
  maxDelayMs: number;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

export class DatabaseUnreachableError extends Error {
  constructor(
    readonly attempts: number,
    readonly code: string | undefined,
    reason: string,
  ) {
    super(reason);
    this.name = 'DatabaseUnreachableError';
  }
}

/** A driver error's code (ECONNREFUSED, 3D000 database does not exist…) and message, nothing else. */
export const errorSummary = (error: unknown): { code?: string; message: string } => {
  const e = error as { code?: unknown; message?: unknown };
  return {
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    message: typeof e?.message === 'string' ? e.message : String(error),
  };
};

/**
 * Calls `ping` until it succeeds, at most 1 + `retries` times, with pauses doubling from 0.5 s up
 * to `maxDelayMs`; each failure is one warning line. Throws DatabaseUnreachableError at the end.
 */
export async function waitForDatabase(ping: () => Promise<void>, options: RetryOptions): Promise<number> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = options.retries + 1;
  let delay = Math.min(500, options.maxDelayMs);
  for (let attempt = 1; ; attempt++) {
    try {
      await ping();
      return attempt;
    } catch (error) {
      const err = errorSummary(error);
      if (attempt >= attempts) throw new DatabaseUnreachableError(attempt, err.code, err.message);
      options.logger.warn({ attempt, attempts, retryInMs: delay, err }, 'database unreachable, retrying');
      await sleep(delay);
      delay = Math.min(delay * 2, options.maxDelayMs);
    }
  }
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
  ) {
    super(
      `port ${port} is already in use (${what}): another instance or program listens on it; stop it or choose another port`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Fails with PortInUseError when `port` cannot be listened on, before anything slow (the
 * database, Slack) is attempted. Port 0 (any free port) is always free.
 */
export async function assertPortFree(port: number, what: string, host?: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, what) : error),
    );
    probe.listen({ port, ...(host ? { host } : {}), exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A listen error turned into the same clear refusal (the port was taken between check and listen). */
export function asPortError(error: unknown, port: number, what: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EADDRINUSE' ? new PortInUseError(port, what) : error;
}
