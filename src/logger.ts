import { pino, type Logger as PinoLogger } from 'pino';
import type { LogLevel, Logger as BoltLogger } from '@slack/bolt';

/** Paths that must never reach a log line, whatever a library hands us. */
const REDACTED = [
  'token',
  '*.token',
  'headers.authorization',
  '*.headers.authorization',
  'signingSecret',
  '*.signingSecret',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DATABASE_URL',
];

const SLACK_TOKEN = /\bx(?:ox[abprs]|app)-[A-Za-z0-9-]+/g;
/** The password of a URL such as postgresql://user:password@host/db. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/"]+:)[^\s@/"]+@/gi;
const scrubText = (s: string) => s.replace(SLACK_TOKEN, '[secret]').replace(URL_PASSWORD, '$1[secret]@');

export function createLogger(level: string, destination?: NodeJS.WritableStream): PinoLogger {
  return pino(
    {
      level,
      redact: { paths: REDACTED, censor: '[secret]' },
      base: undefined,
      // Redaction covers known paths only; a token can also sit in a message, a URL or deep
      // inside an error (a Slack request error carries its Authorization header): every line
      // is scrubbed of anything shaped like a Slack token or a URL password before it is written.
      hooks: { streamWrite: scrubText },
    },
    destination as never,
  );
}

const render = (m: unknown): string => {
  if (typeof m === 'string') return m;
  if (m instanceof Error) return m.stack ?? m.message;
  try {
    return JSON.stringify(m) ?? String(m);
  } catch {
    // Circular or otherwise unserialisable: a logger must never throw at its caller.
    return Object.prototype.toString.call(m);
  }
};

/**
 * Bolt's logger interface over pino, so Bolt's own messages share our format and redaction. Given
 * to Bolt, to its Web API clients and to Socket Mode.
 *
 * Their debug messages are never written, whatever LOG_LEVEL: they carry whole Slack bodies —
 * web-api's « http request body » and « http request result » (every message, modal and App Home
 * the platform sends, with contacts and diagnostics), Bolt's acks with their views, Socket Mode's
 * envelopes with what people typed. No redaction by path can know which of their fields hold
 * personal data, so those lines are dropped unread. Our own debug lines (pino) are kept.
 */
export function boltLogger(log: PinoLogger): BoltLogger {
  const child = log.child({ name: 'bolt' });
  // Secrets are scrubbed from every written line by createLogger's streamWrite hook.
  const write =
    (fn: 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (child.isLevelEnabled(fn)) child[fn](msg.map(render).join(' '));
    };
  return {
    debug: () => {},
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (level: LogLevel) => {
      child.level = level;
    },
    getLevel: () => child.level as LogLevel,
    setName: () => {},
  };
}
