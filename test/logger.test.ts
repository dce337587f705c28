import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { boltLogger, createLogger } from '../src/logger.js';
import { startFakeSlack } from '../src/simulator/fake-slack.js';
import { captureLog } from './support/log-capture.js';

const BOT_TOKEN = 'xoxb-123-abc';
const SECRETS = [
  BOT_TOKEN,
  'xoxp-987-user',
  'xapp-1-A0-555-zzz',
  'shh-signing-secret',
  'Bearer xoxb-777-def',
  'xoxb-777-def',
];

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('createLogger', () => {
  it('redacts tokens, authorization headers and secrets in logged objects', () => {
    const out = captureLog();
    const log = createLogger('debug', out.stream);
    log.info({ token: BOT_TOKEN, headers: { authorization: 'Bearer xoxb-777-def' }, visitId: 'v1' }, 'calling Slack');
    log.info({ request: { token: 'xoxp-987-user', headers: { authorization: 'Bearer xoxb-777-def' } } }, 'nested');
    log.info({ signingSecret: 'shh-signing-secret', SLACK_APP_TOKEN: 'xapp-1-A0-555-zzz' }, 'config');

    expectNoSecret(out.text());
    const [first] = out.records();
    expect(first).toMatchObject({
      msg: 'calling Slack',
      visitId: 'v1',
      token: '[secret]',
      headers: { authorization: '[secret]' },
    });
  });

  it('never writes a Slack token found in a message or a value', () => {
    const out = captureLog();
    const log = createLogger('info', out.stream);
    log.info(`posting with ${BOT_TOKEN}`);
    log.warn({ url: `https://slack.com/api/chat.postMessage?token=${BOT_TOKEN}` }, 'retrying');
    log.info({ deep: { deeper: { config: { headers: { Authorization: 'Bearer xoxb-777-def' } } } } }, 'axios error');
    log.info('app token %s', 'xapp-1-A0-555-zzz');
    log
      .child({ module: 'jobs' })
      .info({ db: 'postgresql://app:pw-s3cret@db.internal:5432/plateforme' }, `child ${BOT_TOKEN}`);

    expect(out.lines).toHaveLength(5);
    expect(out.text()).not.toContain('pw-s3cret');
    expect(out.records()[4]).toMatchObject({
      module: 'jobs',
      db: 'postgresql://app:[secret]@db.internal:5432/plateforme',
    });
    expectNoSecret(out.text());
    expect(out.records()[0]!.msg).toBe('posting with [secret]');
  });

  it('never writes a token carried by a logged error', () => {
    const out = captureLog();
    const log = createLogger('info', out.stream);
    const error = Object.assign(new Error(`An API error occurred: invalid_auth (${BOT_TOKEN})`), {
      original: { config: { headers: { Authorization: 'Bearer xoxb-777-def' } } },
    });
    log.error({ err: error }, 'Slack call failed');

    expectNoSecret(out.text());
    expect(out.text()).toContain('An API error occurred: invalid_auth');
  });

  it('respects the level', () => {
    const out = captureLog();
    const log = createLogger('warn', out.stream);
    log.info('hidden');
    log.warn('shown');
    expect(out.records().map((r) => r.msg)).toEqual(['shown']);
  });
});

describe('boltLogger', () => {
  it('scrubs Slack tokens from what Bolt logs', () => {
    const out = captureLog();
    const bolt = boltLogger(createLogger('debug', out.stream));
    bolt.info('Authorization failed for token', BOT_TOKEN);
    bolt.error({ token: 'xoxp-987-user', app: 'xapp-1-A0-555-zzz' });
    bolt.warn('headers', { headers: { authorization: 'Bearer xoxb-777-def' } });

    expect(out.lines).toHaveLength(3);
    expectNoSecret(out.text());
    expect(out.records()[0]).toMatchObject({ name: 'bolt', msg: 'Authorization failed for token [secret]' });
  });

  it('never writes what Slack’s libraries log at debug (whole bodies), even at LOG_LEVEL=debug; our own debug lines stay', () => {
    const out = captureLog();
    const log = createLogger('debug', out.stream);
    const bolt = boltLogger(log);
    bolt.setLevel('debug' as never);
    bolt.debug('http request body: {"channel":"U1","text":"Mme Dupont, 06 12 34 56 78"}');
    bolt.debug('ack() response sent (body: {"view":{"blocks":[]}})');
    bolt.info('shown');
    log.debug('ours');
    expect(out.text()).not.toContain('Dupont');
    expect(out.records().map((r) => r.msg)).toEqual(['shown', 'ours']);
  });

  it('keeps a Web API client at debug from logging the bodies it sends and receives', async () => {
    const fake = await startFakeSlack();
    try {
      const out = captureLog();
      const client = new WebClient('xoxb-123-abc', {
        slackApiUrl: fake.url,
        logger: boltLogger(createLogger('debug', out.stream)),
        retryConfig: { retries: 0 },
      });
      await client.chat.postMessage({ channel: 'C0CONTACTS', text: 'Contact : Mme CORBIER-LOG-5170, 06 98 76 54 32' });
      expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
      expect(out.text()).not.toContain('CORBIER-LOG-5170');
      expect(out.text()).not.toContain('06 98 76 54 32');
    } finally {
      await fake.close();
    }
  });

  it('keeps the message of an error it is given', () => {
    const out = captureLog();
    const bolt = boltLogger(createLogger('debug', out.stream));
    bolt.error(
      'An unhandled error occurred while Bolt processed an event',
      new Error('view_submission handler exploded'),
    );

    const [record] = out.records();
    expect(record).toMatchObject({ level: 50, name: 'bolt' });
    expect(record!.msg).toContain('An unhandled error occurred while Bolt processed an event');
    expect(record!.msg).toContain('view_submission handler exploded');
  });

  it('does not throw on an object it cannot serialise', () => {
    const out = captureLog();
    const bolt = boltLogger(createLogger('debug', out.stream));
    const circular: Record<string, unknown> = { token: BOT_TOKEN };
    circular.self = circular;
    expect(() => bolt.warn('odd payload', circular)).not.toThrow();
    expect(out.lines).toHaveLength(1);
    expectNoSecret(out.text());
  });

  it('follows the level Bolt sets', () => {
    const out = captureLog();
    const bolt = boltLogger(createLogger('debug', out.stream));
    bolt.setLevel('warn' as never);
    bolt.info('hidden');
    bolt.error('shown');
    expect(bolt.getLevel()).toBe('warn');
    expect(out.records().map((r) => r.msg)).toEqual(['shown']);
  });
});
