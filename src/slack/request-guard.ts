import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HTTPModuleFunctions,
  HTTPReceiver,
  isRawBodyError,
  type App,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Logger } from 'pino';
import { COMMON, INCIDENTS } from '../texts/fr.js';
import { envelopeKind, envelopeProblem, isPlainObject } from './envelope.js';

/**
 * « No input ends the process: any request, however malformed, gets an answer » (DESIGN §6),
 * kept at two depths:
 *
 * 1. HTTP: before Bolt sees a signed body, the body is parsed and its envelope checked
 *    (envelope.ts); what Bolt cannot handle — `null`, an array, a number, invalid JSON, a
 *    `payload=` that is not JSON, a type Slack never sends, a wrong-typed user or action — is
 *    answered 400. Unsigned requests still go to Bolt, which answers 401.
 * 2. Every receiver (HTTP and Socket Mode): around Bolt's dispatch, a request no listener
 *    acknowledged (an unknown id, a listener that failed before its ack, a zod parse of a forged
 *    value) is acknowledged at once, with a French answer where Slack shows one; a listener that
 *    failed after its ack answers in French through the request's response_url. The error goes
 *    to the log, without the payload (it may hold personal data).
 */
export function guardRequests(app: App, receiver: Receiver | undefined, logger: Logger): void {
  if (receiver instanceof HTTPReceiver) guardHttpReceiver(receiver, logger);
  // Socket Mode: the receiver Bolt built for itself (App keeps it private).
  const socketClient = (app as unknown as { receiver?: { client?: Partial<Emitter> } }).receiver?.client;
  if (
    typeof socketClient?.listeners === 'function' &&
    typeof socketClient.removeAllListeners === 'function' &&
    typeof socketClient.on === 'function'
  )
    guardSocketMessages(socketClient as Emitter, logger);
  guardDispatch(app, logger);
}

/**
 * @slack/socket-mode reads each WebSocket message in an async handler that assumes Slack's
 * envelope: a message `null`, or an `events_api` envelope without its payload, throws there with
 * nobody to catch it. Its rejections are logged instead (the message is dropped, as the library
 * does with invalid JSON); envelopes that are well formed go on to the dispatch guard below.
 */
/** The part of an event emitter (eventemitter3 in @slack/socket-mode) this guard uses. */
type Emitter = Pick<EventEmitter, 'listeners' | 'removeAllListeners' | 'on'>;

export function guardSocketMessages(client: Emitter, logger: Logger): void {
  const handlers = client.listeners('ws_message') as ((...args: unknown[]) => unknown)[];
  client.removeAllListeners('ws_message');
  for (const handler of handlers) {
    client.on('ws_message', (...args: unknown[]) => {
      Promise.resolve()
        .then(() => handler(...args))
        .catch((error: unknown) =>
          logger.warn({ reason: (error as Error).message }, 'malformed Socket Mode message dropped'),
        );
    });
  }
}

/** Bolt's private HTTPReceiver settings this guard follows (Bolt 5.1, pinned in package.json). */
interface HttpReceiverInternals {
  endpoints?: string[];
  signingSecret?: string | (() => PromiseLike<string>);
  signatureVerification?: boolean;
  bodyLimit?: number;
  unhandledRequestHandler?: (args: { response: ServerResponse }) => void;
}

const NOT_ACKNOWLEDGED = 'An incoming event was not acknowledged within 3 seconds';

function answer(res: ServerResponse, status: number) {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

export function guardHttpReceiver(receiver: HTTPReceiver, logger: Logger): void {
  const internals = receiver as unknown as HttpReceiverInternals;
  const endpoints = internals.endpoints ?? ['/slack/events'];
  // Bolt's own line goes to its console logger in tests; in our log it is searchable.
  internals.unhandledRequestHandler = ({ response }) => {
    logger.error(`${NOT_ACKNOWLEDGED}: no listener acknowledged it in time`);
    answer(response, 404);
  };
  const dispatch = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return answer(res, 400);
    }
    if (req.method?.toUpperCase() !== 'POST' || !endpoints.includes(path)) return dispatch(req, res);
    screen(req, res)
      .then((pass) => {
        if (pass) dispatch(req, res);
      })
      .catch((error: unknown) => {
        logger.error(
          { err: { message: (error as Error).message, stack: (error as Error).stack } },
          'request screening failed',
        );
        answer(res, 500);
      });
  };

  /** True when Bolt should handle the request (signed or not); false when it was answered here. */
  async function screen(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, internals.bodyLimit);
    } catch (error) {
      // The stream is spent: answer here what Bolt would (too large), or a bad request. The rest
      // of the body is still on the connection, unread: close it, or the client's next request
      // on it would be read after those bytes and reset (ECONNRESET).
      const tooLarge = isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413);
      logger.warn({ reason: tooLarge ? 'too large' : 'unreadable' }, 'Slack request refused');
      if (!res.headersSent) res.setHeader('connection', 'close');
      answer(res, tooLarge ? 413 : 400);
      return false;
    }
    if (internals.signatureVerification !== false && typeof internals.signingSecret === 'string') {
      try {
        await HTTPModuleFunctions.parseAndVerifyHTTPRequest(
          { enabled: true, signingSecret: internals.signingSecret },
          buffered,
        );
      } catch {
        // Bolt verifies again, logs and answers 401: an unsigned body is not looked at.
        return true;
      }
    }
    let body: unknown;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      logger.warn({ reason: 'not JSON' }, 'malformed Slack request refused');
      answer(res, 400);
      return false;
    }
    const problem = envelopeProblem(body);
    if (problem === null) return true;
    logger.warn({ reason: problem }, 'malformed Slack request refused');
    answer(res, 400);
    return false;
  }
}

const incidentModal = (text: string) => ({
  response_action: 'update' as const,
  view: {
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: INCIDENTS.title },
    close: { type: 'plain_text' as const, text: COMMON.close },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  },
});

/** The ack that leaves a person with a French answer when no listener gave one. */
function fallbackAck(body: Record<string, unknown>, failed: boolean): unknown {
  const text = failed ? INCIDENTS.requestFailed : INCIDENTS.requestNotUnderstood;
  switch (envelopeKind(body)) {
    case 'command':
      return { response_type: 'ephemeral', text };
    case 'options':
      return { options: [] };
    case 'view': {
      if (body.type !== 'view_submission') return undefined;
      // The modal stays open with what was typed, the message under its first field.
      const values = (body.view as { state?: { values?: Record<string, unknown> } }).state?.values ?? {};
      const first = Object.keys(values)[0];
      return failed && first !== undefined
        ? { response_action: 'errors', errors: { [first]: INCIDENTS.formNotSaved } }
        : incidentModal(text);
    }
    default:
      return undefined;
  }
}

/** Says `text` to the person through the request's response_url (commands, message buttons). */
async function tellThroughResponseUrl(body: Record<string, unknown>, text: string, logger: Logger): Promise<void> {
  const url = body.response_url;
  if (typeof url !== 'string' || url === '') return;
  try {
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    logger.warn({ reason: (error as Error).message }, 'response_url unreachable');
  }
}

export function guardDispatch(app: App, logger: Logger): void {
  // Listener errors come back to the dispatch below, which logs them and answers the person.
  app.error(async (error) => {
    throw error;
  });
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const body: unknown = event.body;
    const problem = envelopeProblem(body);
    if (problem !== null || !isPlainObject(body)) {
      // Only Socket Mode gets here (HTTP answered 400): acknowledge, so Slack does not resend it.
      logger.warn({ reason: problem }, 'malformed Slack request refused');
      await event.ack().catch(() => undefined);
      return;
    }
    let acked = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      acked = true;
      return event.ack(response);
    };
    let failed = false;
    try {
      await processEvent({ ...event, ack });
    } catch (error) {
      failed = true;
      const e = error as Error & { code?: string; original?: Error };
      const cause = e.original ?? e;
      logger.error(
        { err: { message: cause.message, code: e.code, stack: cause.stack }, kind: envelopeKind(body), acked },
        'listener failed',
      );
    }
    if (!acked) {
      if (!failed) logger.warn({ kind: envelopeKind(body) }, 'no listener for this request');
      try {
        await ack(fallbackAck(body, failed));
      } catch (error) {
        logger.warn({ reason: (error as Error).message }, 'fallback acknowledgement failed');
      }
      if (failed && envelopeKind(body) === 'action')
        await tellThroughResponseUrl(body, INCIDENTS.requestFailed, logger);
    } else if (failed && (envelopeKind(body) === 'action' || envelopeKind(body) === 'command')) {
      await tellThroughResponseUrl(body, INCIDENTS.requestFailed, logger);
    }
  };
}
