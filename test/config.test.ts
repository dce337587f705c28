import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The smallest environment the app starts with (HTTP mode, embedded database). */
const MINIMAL = {
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdef',
  SLACK_SIGNING_SECRET: 'a-signing-secret-value',
};

/** The problems a configuration has, or fails the test if it has none. */
function problemsOf(env: Record<string, string | undefined>): { message: string; problems: string[] } {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return { message: (error as ConfigError).message, problems: (error as ConfigError).problems };
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('gives the defaults for a minimal environment', () => {
    const config = loadConfig({ ...MINIMAL });
    expect(config).toEqual({
      SLACK_BOT_TOKEN: MINIMAL.SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET: MINIMAL.SLACK_SIGNING_SECRET,
      SLACK_APP_TOKEN: undefined,
      PORT: 3000,
      DATABASE_URL: undefined,
      PGLITE_DATA_DIR: './data/pglite',
      DATABASE_CONNECT_RETRIES: 10,
      DATABASE_RETRY_MAX_DELAY_SECONDS: 15,
      HEALTH_PORT: undefined,
      READY_OUTBOX_MAX_DELAY_SECONDS: 600,
      SLACK_API_URL: undefined,
      LOG_LEVEL: 'info',
      PLATFORM_ADMIN_SLACK_IDS: undefined,
      PLATFORM_TIMEZONE: 'Europe/Paris',
      PARTNERS_CHANNEL_ID: undefined,
      COMMITTEE_CHANNEL_ID: undefined,
      STEERING_CHANNEL_ID: undefined,
      COMMITTEE_AGENDA_DAYS: 7,
      COMMITTEE_REMINDER_DAYS: 2,
      COMMITTEE_RHYTHM: undefined,
      PLATFORM_HOLIDAYS: 'FR',
      VISIT_OVERLAP_DAYS: 90,
      PROGRAMME_NUDGE_DAY: 20,
      PERSONAL_DATA_RETENTION_MONTHS: 24,
      FREE_TEXT_RETENTION_MONTHS: 36,
      EXPORT_FILE_RETENTION_DAYS: 7,
      SLACK_PACE_MS: 1000,
      ALERT_REMINDER_HOURS: [24, 40],
      ALERT_DEADLINE_HOURS: 48,
      FRANCE_TRAVAIL_EMAIL: undefined,
      COVERAGE_NAF_SECTIONS: ['B', 'C', 'D', 'E'],
      COVERAGE_MIN_BAND: '11',
      TARGET_SERVICE_NAF_CODES: [
        '49.41A',
        '52.10B',
        '52.24B',
        '71.12B',
        '71.20B',
        '72.19Z',
        '77.39Z',
        '81.22Z',
        '82.92Z',
      ],
      TARGET_TRADE_REGISTER_STRUCTURE: 'cma',
      TARGET_OTHER_STRUCTURE: 'cci',
    });
  });

  it('reads every variable when set', () => {
    const config = loadConfig({
      ...MINIMAL,
      SLACK_APP_TOKEN: 'xapp-1-A000-1234-abc',
      PORT: '8080',
      DATABASE_URL: 'postgresql://app:pw@db.internal:5432/plateforme',
      PGLITE_DATA_DIR: '/var/lib/plateforme',
      LOG_LEVEL: 'debug',
      PLATFORM_ADMIN_SLACK_IDS: 'U1AAA',
      PLATFORM_TIMEZONE: 'Indian/Reunion',
      PARTNERS_CHANNEL_ID: 'C0PARTNERS',
      ALERT_REMINDER_HOURS: '12, 36',
      ALERT_DEADLINE_HOURS: '72',
      FRANCE_TRAVAIL_EMAIL: 'entreprise.vierzon@francetravail.fr',
    });
    expect(config).toMatchObject({
      PARTNERS_CHANNEL_ID: 'C0PARTNERS',
      ALERT_REMINDER_HOURS: [12, 36],
      ALERT_DEADLINE_HOURS: 72,
      FRANCE_TRAVAIL_EMAIL: 'entreprise.vierzon@francetravail.fr',
      SLACK_APP_TOKEN: 'xapp-1-A000-1234-abc',
      PORT: 8080,
      DATABASE_URL: 'postgresql://app:pw@db.internal:5432/plateforme',
      PGLITE_DATA_DIR: '/var/lib/plateforme',
      LOG_LEVEL: 'debug',
      PLATFORM_ADMIN_SLACK_IDS: ['U1AAA'],
      PLATFORM_TIMEZONE: 'Indian/Reunion',
    });
  });

  it('refuses alert settings that make no sense', () => {
    const { problems } = problemsOf({
      ...MINIMAL,
      ALERT_REMINDER_HOURS: '24,demain',
      PARTNERS_CHANNEL_ID: '#partenaires',
      FRANCE_TRAVAIL_EMAIL: 'pas-un-mail',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'ALERT_REMINDER_HOURS.1',
      'FRANCE_TRAVAIL_EMAIL',
      'PARTNERS_CHANNEL_ID',
    ]);
  });

  it('reads the coverage criteria, and refuses sections or bands that do not exist', () => {
    expect(loadConfig({ ...MINIMAL, COVERAGE_NAF_SECTIONS: ' c, e ', COVERAGE_MIN_BAND: '21' })).toMatchObject({
      COVERAGE_NAF_SECTIONS: ['C', 'E'],
      COVERAGE_MIN_BAND: '21',
    });
    const { problems } = problemsOf({ ...MINIMAL, COVERAGE_NAF_SECTIONS: 'C,industrie', COVERAGE_MIN_BAND: '00' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['COVERAGE_MIN_BAND', 'COVERAGE_NAF_SECTIONS.1']);
  });

  it('reads how targets are proposed, and refuses codes and structure kinds that do not exist', () => {
    expect(
      loadConfig({
        ...MINIMAL,
        TARGET_SERVICE_NAF_CODES: ' 71.12b, 52.10 ,',
        TARGET_TRADE_REGISTER_STRUCTURE: 'autre',
        TARGET_OTHER_STRUCTURE: 'agence_developpement',
      }),
    ).toMatchObject({
      TARGET_SERVICE_NAF_CODES: ['71.12B', '52.10'],
      TARGET_TRADE_REGISTER_STRUCTURE: 'autre',
      TARGET_OTHER_STRUCTURE: 'agence_developpement',
    });
    const { problems } = problemsOf({
      ...MINIMAL,
      TARGET_SERVICE_NAF_CODES: '71.12B,ingénierie',
      TARGET_TRADE_REGISTER_STRUCTURE: 'chambre',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'TARGET_SERVICE_NAF_CODES.1',
      'TARGET_TRADE_REGISTER_STRUCTURE',
    ]);
  });

  it('reports each bad or missing variable on its own line', () => {
    const { message, problems } = problemsOf({
      SLACK_SIGNING_SECRET: MINIMAL.SLACK_SIGNING_SECRET,
      DATABASE_URL: 'mysql://db/app',
    });
    expect(problems).toHaveLength(2);
    const lines = message.split('\n');
    expect(lines.filter((l) => l.includes('SLACK_BOT_TOKEN'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('DATABASE_URL'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('SLACK_BOT_TOKEN'))).not.toContain('DATABASE_URL');
  });

  it('names a wrong secret without repeating its value', () => {
    const { message } = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-secret-value',
      SLACK_SIGNING_SECRET: 'zq7',
      SLACK_APP_TOKEN: 'xoxb-not-an-app-token',
      DATABASE_URL: 'mysql://admin:hunter2@db/app',
    });
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('SLACK_SIGNING_SECRET');
    expect(message).toContain('SLACK_APP_TOKEN');
    expect(message).toContain('DATABASE_URL');
    for (const secret of ['xoxp-secret-value', 'secret-value', 'zq7', 'xoxb-not-an-app-token', 'hunter2']) {
      expect(message).not.toContain(secret);
    }
  });

  it('treats an empty SLACK_APP_TOKEN as absent (HTTP mode)', () => {
    expect(loadConfig({ ...MINIMAL, SLACK_APP_TOKEN: '' }).SLACK_APP_TOKEN).toBeUndefined();
    expect(loadConfig({ ...MINIMAL, SLACK_APP_TOKEN: '  ' }).SLACK_APP_TOKEN).toBeUndefined();
  });

  it('reports an empty required variable as missing', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: ' ' }).problems).toEqual([
      'SLACK_BOT_TOKEN: missing',
      'SLACK_SIGNING_SECRET: missing',
    ]);
  });

  it('treats other empty optional variables as absent too (an empty PORT is not port 0)', () => {
    const empty = {
      PORT: '',
      DATABASE_URL: '',
      PGLITE_DATA_DIR: '',
      LOG_LEVEL: '',
      PLATFORM_ADMIN_SLACK_IDS: '',
      PLATFORM_TIMEZONE: '',
    };
    const alertSettings = {
      PARTNERS_CHANNEL_ID: '',
      COMMITTEE_CHANNEL_ID: '',
      STEERING_CHANNEL_ID: '',
      COMMITTEE_AGENDA_DAYS: '',
      COMMITTEE_REMINDER_DAYS: '',
      COMMITTEE_RHYTHM: '',
      PLATFORM_HOLIDAYS: '',
      VISIT_OVERLAP_DAYS: '',
      PROGRAMME_NUDGE_DAY: '',
      PERSONAL_DATA_RETENTION_MONTHS: '',
      FREE_TEXT_RETENTION_MONTHS: '',
      EXPORT_FILE_RETENTION_DAYS: '',
      ALERT_REMINDER_HOURS: '',
      ALERT_DEADLINE_HOURS: '',
      FRANCE_TRAVAIL_EMAIL: '',
    };
    expect(loadConfig({ ...MINIMAL, ...empty, ...alertSettings })).toEqual(loadConfig({ ...MINIMAL }));
    expect(loadConfig({ ...MINIMAL, ...empty })).toMatchObject({
      PORT: 3000,
      PGLITE_DATA_DIR: './data/pglite',
      LOG_LEVEL: 'info',
      PLATFORM_TIMEZONE: 'Europe/Paris',
    });
  });

  it('reads the pace of messages to one conversation (0: none), and refuses what is not a number of milliseconds', () => {
    expect(loadConfig({ ...MINIMAL, SLACK_PACE_MS: '0' }).SLACK_PACE_MS).toBe(0);
    expect(loadConfig({ ...MINIMAL, SLACK_PACE_MS: '1200' }).SLACK_PACE_MS).toBe(1200);
    expect(problemsOf({ ...MINIMAL, SLACK_PACE_MS: 'une seconde' }).problems).toEqual([
      'SLACK_PACE_MS: must be a number of milliseconds',
    ]);
  });

  it('reads the retention periods of free texts and export files, and refuses what is not a number', () => {
    expect(loadConfig({ ...MINIMAL, FREE_TEXT_RETENTION_MONTHS: '60', EXPORT_FILE_RETENTION_DAYS: '3' })).toMatchObject(
      { FREE_TEXT_RETENTION_MONTHS: 60, EXPORT_FILE_RETENTION_DAYS: 3 },
    );
    expect(
      problemsOf({ ...MINIMAL, FREE_TEXT_RETENTION_MONTHS: 'trois ans', EXPORT_FILE_RETENTION_DAYS: '0' }).problems,
    ).toEqual([
      'FREE_TEXT_RETENTION_MONTHS: must be a number of months',
      expect.stringContaining('EXPORT_FILE_RETENTION_DAYS'),
    ]);
  });

  it('parses the administrators list, spaces allowed', () => {
    expect(loadConfig({ ...MINIMAL, PLATFORM_ADMIN_SLACK_IDS: 'U1AAA, U2BBB' }).PLATFORM_ADMIN_SLACK_IDS).toEqual([
      'U1AAA',
      'U2BBB',
    ]);
    expect(loadConfig({ ...MINIMAL, PLATFORM_ADMIN_SLACK_IDS: ' U1AAA ,W2BBB, ' }).PLATFORM_ADMIN_SLACK_IDS).toEqual([
      'U1AAA',
      'W2BBB',
    ]);
    expect(problemsOf({ ...MINIMAL, PLATFORM_ADMIN_SLACK_IDS: 'U1AAA, claire.martin' }).problems).toEqual([
      expect.stringContaining('PLATFORM_ADMIN_SLACK_IDS'),
    ]);
  });

  it('reads the committee rhythm and the holidays region, and refuses what it cannot read', () => {
    expect(loadConfig({ ...MINIMAL, COMMITTEE_RHYTHM: '2e mardi 14:00', PLATFORM_HOLIDAYS: 'FR-57' })).toMatchObject({
      COMMITTEE_RHYTHM: { ordinal: 2, weekday: 2, time: '14:00' },
      PLATFORM_HOLIDAYS: 'FR-57',
    });
    expect(loadConfig({ ...MINIMAL, COMMITTEE_RHYTHM: 'Dernier Jeudi 9h30' }).COMMITTEE_RHYTHM).toEqual({
      ordinal: -1,
      weekday: 4,
      time: '09:30',
    });
    const { problems } = problemsOf({ ...MINIMAL, COMMITTEE_RHYTHM: 'tous les mardis', PLATFORM_HOLIDAYS: 'DE' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['COMMITTEE_RHYTHM', 'PLATFORM_HOLIDAYS']);
    expect(problemsOf({ ...MINIMAL, COMMITTEE_RHYTHM: '2e samedi 10:00' }).problems).toEqual([
      expect.stringContaining('2e mardi 14:00'),
    ]);
    expect(problemsOf({ ...MINIMAL, PLATFORM_HOLIDAYS: 'FR-75' }).problems).toEqual([
      expect.stringContaining('PLATFORM_HOLIDAYS'),
    ]);
  });

  it('refuses LOG_LEVEL=debug in production, on its own line beside the other problems', () => {
    expect(problemsOf({ ...MINIMAL, NODE_ENV: 'production', LOG_LEVEL: 'debug' }).problems).toEqual([
      expect.stringMatching(/^LOG_LEVEL: debug is refused when NODE_ENV=production/),
    ]);
    const { problems } = problemsOf({ ...MINIMAL, NODE_ENV: 'production', LOG_LEVEL: 'debug', PORT: 'http' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT']);
    // Elsewhere debug stays allowed, and production takes every other level.
    expect(loadConfig({ ...MINIMAL, NODE_ENV: 'development', LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug');
    expect(loadConfig({ ...MINIMAL, NODE_ENV: 'production', LOG_LEVEL: 'info' }).LOG_LEVEL).toBe('info');
    expect(loadConfig({ ...MINIMAL, NODE_ENV: 'production' }).LOG_LEVEL).toBe('info');
  });

  it('reads the start-up and health settings, and refuses what is not a number', () => {
    expect(
      loadConfig({
        ...MINIMAL,
        DATABASE_CONNECT_RETRIES: '0',
        DATABASE_RETRY_MAX_DELAY_SECONDS: '0.5',
        HEALTH_PORT: '9090',
        READY_OUTBOX_MAX_DELAY_SECONDS: '120',
      }),
    ).toMatchObject({
      DATABASE_CONNECT_RETRIES: 0,
      DATABASE_RETRY_MAX_DELAY_SECONDS: 0.5,
      HEALTH_PORT: 9090,
      READY_OUTBOX_MAX_DELAY_SECONDS: 120,
    });
    const { problems } = problemsOf({
      ...MINIMAL,
      DATABASE_CONNECT_RETRIES: 'souvent',
      DATABASE_RETRY_MAX_DELAY_SECONDS: '0',
      HEALTH_PORT: '70000',
      READY_OUTBOX_MAX_DELAY_SECONDS: 'dix',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_CONNECT_RETRIES',
      'DATABASE_RETRY_MAX_DELAY_SECONDS',
      'HEALTH_PORT',
      'READY_OUTBOX_MAX_DELAY_SECONDS',
    ]);
  });

  it('points the Web API at a stand-in on this machine, never elsewhere over http nor off slack.com in production', () => {
    expect(loadConfig({ ...MINIMAL, SLACK_API_URL: 'http://127.0.0.1:4567/api' }).SLACK_API_URL).toBe(
      'http://127.0.0.1:4567/api/',
    );
    expect(
      loadConfig({ ...MINIMAL, NODE_ENV: 'production', SLACK_API_URL: 'http://localhost:4567/api/' }).SLACK_API_URL,
    ).toBe('http://localhost:4567/api/');
    expect(
      loadConfig({ ...MINIMAL, NODE_ENV: 'production', SLACK_API_URL: 'https://slack.com/api/' }).SLACK_API_URL,
    ).toBe('https://slack.com/api/');
    expect(loadConfig({ ...MINIMAL, SLACK_API_URL: 'https://slack-relay.example.org/api/' }).SLACK_API_URL).toBe(
      'https://slack-relay.example.org/api/',
    );
    expect(problemsOf({ ...MINIMAL, SLACK_API_URL: 'http://slack-relay.example.org/api/' }).problems).toEqual([
      expect.stringMatching(/^SLACK_API_URL: http:\/\/ is only accepted on loopback/),
    ]);
    expect(problemsOf({ ...MINIMAL, SLACK_API_URL: 'pas une url' }).problems).toEqual([
      expect.stringMatching(/^SLACK_API_URL: /),
    ]);
    expect(
      problemsOf({ ...MINIMAL, NODE_ENV: 'production', SLACK_API_URL: 'https://slack-relay.example.org/api/' })
        .problems,
    ).toEqual([expect.stringMatching(/^SLACK_API_URL: refused when NODE_ENV=production/)]);
  });

  it('refuses a time zone that does not exist', () => {
    const { problems } = problemsOf({ ...MINIMAL, PLATFORM_TIMEZONE: 'Europe/Lyon' });
    expect(problems).toEqual([expect.stringMatching(/^PLATFORM_TIMEZONE: .*time zone/)]);
  });

  it('refuses a port out of range or not a number', () => {
    expect(problemsOf({ ...MINIMAL, PORT: '70000' }).problems).toEqual([expect.stringContaining('PORT')]);
    expect(problemsOf({ ...MINIMAL, PORT: 'http' }).problems).toEqual([expect.stringContaining('PORT')]);
  });
});

describe('starting a deployment without its Slack configuration', () => {
  // A database configured means a deployment: a missing Slack setting is an error, not the
  // simulated workspace a fresh clone opens (test/simulator/start.test.ts).
  it('exits with code 1 and lists each missing variable on its own line, without any secret', async () => {
    const secretUrl = 'mysql://admin:S3cr3t-Pa55@db.example/app';
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: secretUrl,
      PLATFORM_ADMIN_SLACK_IDS: 'U1AAA',
      // A secret in a variable the configuration does not know must not leak either.
      OTHER_SECRET: 'xoxb-9999-leaked',
    };
    const { code, stderr, stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], env);

    expect(code).toBe(1);
    const lines = stderr.split('\n');
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'DATABASE_URL']) {
      expect(
        lines.filter((l) => l.includes(name)),
        `${name} in:\n${stderr}`,
      ).toHaveLength(1);
    }
    for (const output of [stderr, stdout]) {
      expect(output).not.toContain('S3cr3t-Pa55');
      expect(output).not.toContain('xoxb-9999-leaked');
    }
  });
});

describe('starting in production at LOG_LEVEL=debug', () => {
  it('exits with code 1 and says why on one line, before touching Slack or the database', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...MINIMAL,
      NODE_ENV: 'production',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
    };
    const { code, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], env);
    expect(code).toBe(1);
    expect(stderr.split('\n').filter((l) => l.includes('LOG_LEVEL'))).toEqual([
      expect.stringContaining('debug is refused when NODE_ENV=production'),
    ]);
    expect(stderr).not.toContain(MINIMAL.SLACK_SIGNING_SECRET);
  });
});

function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
