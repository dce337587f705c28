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
  contentType: string;
}

/** The file itself out of what was posted: the part of a multipart body, or the body. */
export function fileBytes(body: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return body;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(marker);
  if (start < 0) return body;
  const headersEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(marker, headersEnd);
  // The part's content ends before the CRLF that precedes the next boundary.
  return body.subarray(headersEnd + 4, end > 0 ? end - 2 : body.length);
}

/** A message as a client shows it: in a channel or a DM, possibly seen by one person only. */
export interface WorkspaceMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  /** Ephemeral: only this person sees it (a command's answer, a refusal). */
  ephemeralTo?: string;
  threadTs?: string;
  files?: { id: string; title: string; filename: string }[];
  /** Updated in place (chat.update, replace_original) since it was posted. */
  edited?: boolean;
  /** Who wrote it when not the app: a person's id, or USLACKBOT for Slack's own answers. */
  user?: string;
}

export interface WorkspaceFile {
  id: string;
  filename: string;
  title: string;
  bytes: Buffer;
}

/**
 * What a Slack client keeps and shows: the conversations and their messages, each person's App
 * Home and stack of open modals, the files. Built from the app's calls; read by the simulated
 * workspace's page.
 */
export interface WorkspaceState {
  messages: WorkspaceMessage[];
  homes: Map<string, Record<string, unknown>>;
  /** Per person, the modals open, the last on top; each with the id Slack gave it. */
  modals: Map<string, { id: string; view: Record<string, unknown> }[]>;
  files: Map<string, WorkspaceFile>;
  /** A trigger_id for `user`: what views.open needs to know whose screen to open on. */
  trigger(user: string): string;
  /** A response_url for `user` in `channel` (an answer to a command or a click on `ts`). */
  responseUrl(user: string, channel: string, ts?: string): string;
}

export interface FakeSlack {
  /** API base to pass as `slackApiUrl`, e.g. http://127.0.0.1:PORT/api/ */
  url: string;
  /** Files posted to the upload URLs files.getUploadURLExternal gave (files.uploadV2's second step). */
  uploads: UploadedFile[];
  /** The workspace as a client sees it (messages, App Homes, modals, files). */
  workspace: WorkspaceState;
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
  /** The next `times` calls of `method` are answered only after `ms` milliseconds (a slow Slack). */
  delayNext(method: string, times: number, ms: number): void;
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
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A DM channel id derived from a user id, so tests can predict it (U123 → D123). */
export function dmChannelFor(userId: string): string {
  return userId.startsWith('U') || userId.startsWith('W') ? `D${userId.slice(1)}` : userId;
}

interface Waiter<T> {
  match(item: T): boolean;
  resolve(item: T): void;
}

/** Shared by every fake in the process, so message ts stay unique as in one real workspace. */
let seq = 0;

/**
 * `now`: the clock message timestamps follow (the simulated workspace's, which can run ahead of
 * the real one); the real clock by default.
 */
export async function startFakeSlack(options: { now?: () => Date } = {}): Promise<FakeSlack> {
  const nowSeconds = () => Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const callWaiters = new Set<Waiter<RecordedCall>>();
  const responseWaiters = new Set<Waiter<RecordedResponse>>();
  const failures = new Map<string, { remaining: number; error: string }>();
  const canned = new Map<string, Record<string, unknown>>();
  const httpFailures: { method: string; predicate: (args: SlackArgs) => boolean; failures: HttpFailure[] }[] = [];
  const accepted = new Set<RecordedCall>();
  const delays = new Map<string, { remaining: number; ms: number }>();
  const uploads: UploadedFile[] = [];
  let origin = '';
  const next = (): number => ++seq;
  const triggers = new Map<string, string>();
  const responseTargets = new Map<string, { user: string; channel: string; ts?: string }>();
  const pendingFiles = new Map<string, { filename: string }>();
  const workspace: WorkspaceState = {
    messages: [],
    homes: new Map(),
    modals: new Map(),
    files: new Map(),
    trigger: (user) => {
      const id = `${next()}.${Date.now()}.trigger`;
      triggers.set(id, user);
      return id;
    },
    responseUrl: (user, channel, ts) => {
      const id = `w${next()}`;
      responseTargets.set(id, { user, channel, ...(ts ? { ts } : {}) });
      return `${origin}/response/${id}`;
    },
  };
  const asView = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  const asBlocks = (v: unknown) => (Array.isArray(v) ? v : []);

  /** After Slack accepted a call: what a client would now show. */
  function remember(method: string, args: SlackArgs, answered: Record<string, unknown>): void {
    switch (method) {
      case 'views.open': {
        const user = triggers.get(String(args.trigger_id ?? ''));
        if (!user) return;
        const view = answered.view as Record<string, unknown>;
        workspace.modals.set(user, [{ id: String(view.id), view }]);
        return;
      }
      case 'views.push': {
        const user = triggers.get(String(args.trigger_id ?? ''));
        if (!user) return;
        const view = answered.view as Record<string, unknown>;
        workspace.modals.set(user, [...(workspace.modals.get(user) ?? []), { id: String(view.id), view }]);
        return;
      }
      case 'views.update': {
        for (const stack of workspace.modals.values()) {
          const at = stack.findIndex((v) => v.id === args.view_id);
          if (at >= 0) stack[at] = { id: stack[at]!.id, view: answered.view as Record<string, unknown> };
        }
        return;
      }
      case 'views.publish':
        workspace.homes.set(String(args.user_id ?? ''), asView(args.view));
        return;
      case 'chat.postMessage':
        workspace.messages.push({
          channel: String(answered.channel),
          ts: String(answered.ts),
          text: String(args.text ?? ''),
          blocks: asBlocks(args.blocks),
          ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}),
        });
        return;
      case 'chat.update': {
        const message = workspace.messages.find((m) => m.ts === args.ts && m.channel === args.channel);
        if (message)
          Object.assign(message, {
            text: String(args.text ?? message.text),
            blocks: asBlocks(args.blocks),
            edited: true,
          });
        return;
      }
      case 'chat.postEphemeral':
        workspace.messages.push({
          channel: String(args.channel ?? ''),
          ts: String(answered.message_ts),
          text: String(args.text ?? ''),
          blocks: asBlocks(args.blocks),
          ephemeralTo: String(args.user ?? ''),
        });
        return;
      case 'files.delete': {
        const id = String(args.file ?? '');
        workspace.files.delete(id);
        for (const message of workspace.messages)
          if (message.files) message.files = message.files.filter((f) => f.id !== id);
        return;
      }
      case 'files.getUploadURLExternal':
        pendingFiles.set(String(answered.file_id), { filename: String(args.filename ?? 'fichier') });
        return;
      case 'files.completeUploadExternal': {
        const listed =
          typeof args.files === 'string' ? (JSON.parse(args.files) as { id: string; title?: string }[]) : [];
        const files = listed.map((f) => {
          const upload = uploads.find((u) => u.fileId === f.id);
          const filename = pendingFiles.get(f.id)?.filename ?? f.id;
          const file: WorkspaceFile = {
            id: f.id,
            filename,
            title: f.title ?? filename,
            bytes: upload ? fileBytes(upload.bytes, upload.contentType) : Buffer.alloc(0),
          };
          workspace.files.set(f.id, file);
          return { id: file.id, title: file.title, filename: file.filename };
        });
        const channel = dmChannelFor(String(args.channel_id ?? ''));
        workspace.messages.push({
          channel,
          ts: `${nowSeconds()}.${String(next()).padStart(6, '0')}`,
          text: String(args.initial_comment ?? ''),
          blocks: [],
          files,
          ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}),
        });
        return;
      }
    }
  }

  /** An answer posted to a response_url: shown to its person, replacing the clicked message when asked. */
  function respondAt(id: string, body: Record<string, unknown>): void {
    const target = responseTargets.get(id);
    if (!target) return;
    const original = target.ts
      ? workspace.messages.find((m) => m.ts === target.ts && m.channel === target.channel)
      : undefined;
    if (body.delete_original === true && original) {
      workspace.messages.splice(workspace.messages.indexOf(original), 1);
      return;
    }
    if (body.replace_original === true && original) {
      Object.assign(original, { text: String(body.text ?? ''), blocks: asBlocks(body.blocks), edited: true });
      return;
    }
    const inChannel = body.response_type === 'in_channel';
    workspace.messages.push({
      channel: target.channel,
      ts: `${nowSeconds()}.${String(next()).padStart(6, '0')}`,
      text: String(body.text ?? ''),
      blocks: asBlocks(body.blocks),
      ...(inChannel ? {} : { ephemeralTo: target.user }),
    });
  }

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
        const ts = `${nowSeconds()}.${String(n).padStart(6, '0')}`;
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
        const files =
          typeof args.files === 'string' ? (JSON.parse(args.files) as { id: string; title?: string }[]) : [];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      case 'files.delete':
        // Slack answers so for a file it does not have (never uploaded, or deleted already).
        return workspace.files.has(String(args.file ?? '')) ? { ok: true } : { ok: false, error: 'file_not_found' };
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: args.channel,
          permalink: `https://plateforme-test.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}`,
        };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${nowSeconds()}.${String(n).padStart(6, '0')}` };
      case 'conversations.open': {
        const users = String(args.users ?? '')
          .split(',')
          .filter(Boolean);
        const id = users.length === 1 ? dmChannelFor(users[0]!) : `G${n}`;
        return { ok: true, channel: { id } };
      }
      case 'users.info': {
        const id = String(args.user ?? '');
        const realName = `Utilisateur ${id}`;
        return {
          ok: true,
          user: {
            id,
            name: id.toLowerCase(),
            real_name: realName,
            profile: { display_name: realName, real_name: realName },
          },
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
          uploads.push({ fileId: path.slice('/upload/'.length), bytes, at, contentType });
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
          const delay = delays.get(method);
          if (delay && delay.remaining > 0) {
            delay.remaining -= 1;
            await new Promise((resolve) => setTimeout(resolve, delay.ms));
          }
          const answered = answer(method, args);
          if (answered.ok === true) {
            accepted.add(call);
            remember(method, args, answered);
          }
          // Notify before answering so waitFor() resolves as soon as the call is seen.
          notify(callWaiters, call);
          sendJson(res, 200, answered);
        } else if (path.startsWith('/response/') && req.method === 'POST') {
          const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
          const response: RecordedResponse = { path, body, at };
          responses.push(response);
          respondAt(path.slice('/response/'.length), body);
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
    workspace,
    responseUrl: (id) => `${origin}/response/${id ?? `r${next()}`}`,
    calls,
    responses,
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitFor: (method, predicate = () => true, timeoutMs = 5000) =>
      waitIn(
        calls,
        callWaiters,
        (c) => c.method === method && predicate(c.args),
        timeoutMs,
        () => `${method} (recorded: ${calls.map((c) => c.method).join(', ') || 'none'})`,
      ),
    waitForResponse: (predicate = () => true, timeoutMs = 5000) =>
      waitIn(
        responses,
        responseWaiters,
        (r) => predicate(r.body, r.path),
        timeoutMs,
        () => `a response_url post (recorded: ${responses.length})`,
      ),
    reset: () => {
      // Mutate in place: tests may hold references to `calls` / `responses`.
      calls.length = 0;
      responses.length = 0;
      uploads.length = 0;
      workspace.messages.length = 0;
      workspace.homes.clear();
      workspace.modals.clear();
      workspace.files.clear();
      failures.clear();
      delays.clear();
      httpFailures.length = 0;
    },
    failNext: (method, times, error = 'internal_error') => {
      failures.set(method, { remaining: times, error });
    },
    delayNext: (method, times, ms) => {
      delays.set(method, { remaining: times, ms });
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
