// A local stand-in for the Slack Web API (and for response_url endpoints), so a Bolt app
// can be driven end to end without network access. Point the app's WebClient at it with
// `clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } }`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export type SlackArgs = Record<string, unknown>;

export interface HttpFailure {
  status: number;
  /** Seconds, sent as Retry-After (with 429). */
  retryAfter?: number;
}

export interface RecordedCall {
  method: string;
  args: SlackArgs;
  /** performance.now() when the request was received, to measure latencies. */
  at: number;
}

export interface RecordedResponse {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

export interface UploadedFile {
  fileId: string;
  /** The bytes posted to the upload URL, as sent (the file, possibly in a multipart envelope). */
  bytes: Buffer;
  at: number;
}

export interface FakeSlack {
  /** API base to pass as `slackApiUrl`, e.g. http://127.0.0.1:PORT/api/ */
  url: string;
  /** Files posted to the upload URLs files.getUploadURLExternal gave (files.uploadV2's second step). */
  uploads: UploadedFile[];
  /** A response_url on this server; posts to it land in `responses`. */
  responseUrl(id?: string): string;
  calls: RecordedCall[];
  responses: RecordedResponse[];
  callsTo(method: string): RecordedCall[];
  waitFor(method: string, predicate?: (args: SlackArgs) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  waitForResponse(
    predicate?: (body: Record<string, unknown>, path: string) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedResponse>;
  /** Forget recorded calls/responses and pending failures (waiters stay pending). */
  reset(): void;
  /** The next `times` calls of `method` answer `{ ok: false, error }` with HTTP 200, as Slack does. */
  failNext(method: string, times: number, error?: string): void;
  /**
   * Answers the next calls of `method` (those matching `predicate`) with these HTTP failures, one
   * per call, before answering normally again: a 500, a 429 with Retry-After…
   */
  failNextHttp(method: string, failures: HttpFailure[], predicate?: (args: SlackArgs) => boolean): void;
  /** Calls Slack accepted (HTTP 200 and ok: true). */
  succeeded(method: string): RecordedCall[];
  /** Answers every later call of `method` with `{ ok: true, ...fields }` (e.g. apps.connections.open's url). */
  respondTo(method: string, fields: Record<string, unknown>): void;
  close(): Promise<void>;
}

// web-api serialises object arguments as JSON strings inside the form body.
const JSON_KEYS = ['view', 'blocks', 'attachments', 'metadata'];

function decodeArgs(raw: string, contentType: string): SlackArgs {
  let args: SlackArgs;
  if (contentType.startsWith('application/json')) {
    args = raw === '' ? {} : (JSON.parse(raw) as SlackArgs);
  } else {
    args = Object.fromEntries(new URLSearchParams(raw));
  }
  for (const key of JSON_KEYS) {
    const value = args[key];
    if (typeof value === 'string') {
      try {
        args[key] = JSON.parse(value);
      } catch {
        // Leave it as a string: the test may be checking exactly that malformed input.
      }
    }
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A DM channel id derived from a user id, so tests can predict it (U123 → D123). */
function dmChannelFor(userId: string): string {
  return userId.startsWith('U') || userId.startsWith('W') ? `D${userId.slice(1)}` : userId;
}

interface Waiter<T> {
  match(item: T): boolean;
  resolve(item: T): void;
}

/** Shared by every fake in the process, so message ts stay unique as in one real workspace. */
let seq = 0;

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const callWaiters = new Set<Waiter<RecordedCall>>();
  const responseWaiters = new Set<Waiter<RecordedResponse>>();
  const failures = new Map<string, { remaining: number; error: string }>();
  const canned = new Map<string, Record<string, unknown>>();
  const httpFailures: { method: string; predicate: (args: SlackArgs) => boolean; failures: HttpFailure[] }[] = [];
  const accepted = new Set<RecordedCall>();
  const uploads: UploadedFile[] = [];
  let origin = '';
  const next = (): number => ++seq;

  function answer(method: string, args: SlackArgs): Record<string, unknown> {
    const failure = failures.get(method);
    if (failure !== undefined && failure.remaining > 0) {
      failure.remaining -= 1;
      if (failure.remaining === 0) failures.delete(method);
      return { ok: false, error: failure.error };
    }
    const n = next();
    const fields = canned.get(method);
    if (fields) return { ok: true, ...fields };
    switch (method) {
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        const view = typeof args.view === 'object' && args.view !== null ? args.view : {};
        // views.update targets an existing view: keep its id so chained updates stay coherent.
        const id = typeof args.view_id === 'string' ? args.view_id : `V${n}`;
        return { ok: true, view: { id, team_id: 'T0001', app_id: 'A0001', bot_id: 'BBOT', hash: `h${n}`, ...view } };
      }
      case 'chat.postMessage': {
        const channel = dmChannelFor(String(args.channel ?? ''));
        const ts = `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, '0')}`;
        return {
          ok: true,
          channel,
          ts,
          message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: args.text, blocks: args.blocks, ts },
        };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'files.getUploadURLExternal': {
        const fileId = `F${n}`;
        return { ok: true, file_id: fileId, upload_url: `${origin}/upload/${fileId}` };
      }
      case 'files.completeUploadExternal': {
        const files = typeof args.files === 'string' ? (JSON.parse(args.files) as { id: string; title?: string }[]) : [];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      case 'chat.getPermalink':
        return { ok: true, channel: args.channel, permalink: `https://plateforme-test.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, '0')}` };
      case 'conversations.open': {
        const users = String(args.users ?? '').split(',').filter(Boolean);
        const id = users.length === 1 ? dmChannelFor(users[0]!) : `G${n}`;
        return { ok: true, channel: { id } };
      }
      case 'users.info': {
        const id = String(args.user ?? '');
        const realName = `Utilisateur ${id}`;
        return {
          ok: true,
          user: { id, name: id.toLowerCase(), real_name: realName, profile: { display_name: realName, real_name: realName } },
        };
      }
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001' };
      default:
        return { ok: true };
    }
  }

  function notify<T>(waiters: Set<Waiter<T>>, item: T): void {
    for (const w of waiters) {
      if (w.match(item)) {
        waiters.delete(w);
        w.resolve(item);
      }
    }
  }

  function waitIn<T>(
    recorded: T[],
    waiters: Set<Waiter<T>>,
    match: (item: T) => boolean,
    timeoutMs: number,
    describe: () => string,
  ): Promise<T> {
    const already = recorded.find(match);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        match,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`fake-slack: timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const at = performance.now();
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const bytes = await readBody(req);
      const raw = bytes.toString('utf8');
      const contentType = String(req.headers['content-type'] ?? '');
      try {
        if (path.startsWith('/upload/') && req.method === 'POST') {
          uploads.push({ fileId: path.slice('/upload/'.length), bytes, at });
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('OK');
        } else if (path.startsWith('/api/')) {
          const method = path.slice('/api/'.length);
          const args = decodeArgs(raw, contentType);
          const call: RecordedCall = { method, args, at };
          calls.push(call);
          const planned = httpFailures.find((f) => f.method === method && f.failures.length > 0 && f.predicate(args));
          if (planned) {
            const failure = planned.failures.shift()!;
            if (failure.retryAfter !== undefined) res.setHeader('Retry-After', String(failure.retryAfter));
            notify(callWaiters, call);
            sendJson(res, failure.status, { ok: false, error: failure.status === 429 ? 'ratelimited' : 'fatal_error' });
            return;
          }
          const answered = answer(method, args);
          if (answered.ok === true) accepted.add(call);
          // Notify before answering so waitFor() resolves as soon as the call is seen.
          notify(callWaiters, call);
          sendJson(res, 200, answered);
        } else if (path.startsWith('/response/') && req.method === 'POST') {
          const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
          const response: RecordedResponse = { path, body, at };
          responses.push(response);
          notify(responseWaiters, response);
          sendJson(res, 200, { ok: true });
        } else {
          sendJson(res, 404, { ok: false, error: 'unknown_path' });
        }
      } catch (error) {
        sendJson(res, 400, { ok: false, error: 'invalid_request', detail: String(error) });
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/api/`,
    uploads,
    responseUrl: (id) => `${origin}/response/${id ?? `r${next()}`}`,
    calls,
    responses,
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitFor: (method, predicate = () => true, timeoutMs = 5000) =>
      waitIn(calls, callWaiters, (c) => c.method === method && predicate(c.args), timeoutMs, () =>
        `${method} (recorded: ${calls.map((c) => c.method).join(', ') || 'none'})`,
      ),
    waitForResponse: (predicate = () => true, timeoutMs = 5000) =>
      waitIn(responses, responseWaiters, (r) => predicate(r.body, r.path), timeoutMs, () =>
        `a response_url post (recorded: ${responses.length})`,
      ),
    reset: () => {
      // Mutate in place: tests may hold references to `calls` / `responses`.
      calls.length = 0;
      responses.length = 0;
      uploads.length = 0;
      failures.clear();
      httpFailures.length = 0;
    },
    failNext: (method, times, error = 'internal_error') => {
      failures.set(method, { remaining: times, error });
    },
    failNextHttp: (method, failures, predicate = () => true) => {
      httpFailures.push({ method, predicate, failures: [...failures] });
    },
    succeeded: (method) => calls.filter((c) => c.method === method && accepted.has(c)),
    respondTo: (method, fields) => {
      canned.set(method, fields);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Clients keep connections alive; drop them or close() would wait for their idle timeout.
        server.closeAllConnections();
      }),
  };
}
