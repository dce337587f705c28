import { pino, type Logger as PinoLogger } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

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

export function createLogger(level: string, destination?: NodeJS.WritableStream): PinoLogger {
  return pino({ level, redact: { paths: REDACTED, censor: '[secret]' }, base: undefined }, destination as never);
}

const SLACK_TOKEN = /\bx(?:ox[abprs]|app)-[A-Za-z0-9-]+/g;
const scrub = (arg: unknown) => (typeof arg === 'string' ? arg.replace(SLACK_TOKEN, '[secret]') : arg);

const render = (m: unknown): string =>
  typeof m === 'string' ? m : m instanceof Error ? (m.stack ?? m.message) : JSON.stringify(m);

/** Bolt's logger interface over pino, so Bolt's own messages share our format and redaction. */
export function boltLogger(log: PinoLogger): BoltLogger {
  const child = log.child({ name: 'bolt' });
  const write = (fn: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) =>
    child[fn](msg.map(render).map(scrub).join(' '));
  return {
    debug: write('debug'),
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
