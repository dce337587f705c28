import { z } from 'zod';
import { HEADCOUNT_BANDS } from './reference/headcount-bands.js';
import { StructureKind } from './generated/prisma/enums.js';
import { parseRhythm } from './services/committees/rhythm.js';
import { isHolidayRegion } from './working-days.js';

/**
 * The whole configuration, read once from the environment at start-up. Every bad or missing
 * variable is reported on its own line and the process stops before touching Slack or the
 * database. Secret values never appear in these messages.
 */
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
const isSlackHost = (host: string) => host === 'slack.com' || host.endsWith('.slack.com');

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const slackUserIds = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'expected Slack user ids like U012ABCDEF, comma-separated')));

/** An empty variable (`PORT=` in an env file, `${PORT:-}` in compose) is an absent one. */
const env = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema);

export const configSchema = z.object({
  SLACK_BOT_TOKEN: env(z.string({ error: 'missing' }).startsWith('xoxb-', 'must be a bot token starting with xoxb-')),
  SLACK_SIGNING_SECRET: env(z.string({ error: 'missing' }).min(8, 'too short to be a signing secret')),
  SLACK_APP_TOKEN: env(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
  PORT: env(
    z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65535).default(3000),
  ),
  DATABASE_URL: env(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgresql:// (leave it unset for the embedded database)')
      .optional(),
  ),
  PGLITE_DATA_DIR: env(z.string().default('./data/pglite')),
  /** Start-up: attempts after the first to reach an unreachable database, pauses doubling from 0.5 s. */
  DATABASE_CONNECT_RETRIES: env(
    z.coerce.number({ error: 'must be a number of attempts' }).int().min(0).max(1000).default(10),
  ),
  /** Start-up: the longest pause between two attempts to reach the database. */
  DATABASE_RETRY_MAX_DELAY_SECONDS: env(
    z.coerce.number({ error: 'must be a number of seconds' }).positive().max(600).default(15),
  ),
  /** Socket Mode: a port for GET /healthz and /readyz (HTTP mode serves them on PORT). Unset: none. */
  HEALTH_PORT: env(
    z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65535).optional(),
  ),
  /** /readyz answers not ready when an owed message has been due for longer than this. */
  READY_OUTBOX_MAX_DELAY_SECONDS: env(
    z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).default(600),
  ),
  /**
   * Slack's Web API base, for a stand-in on this machine (the production check, tests). Another
   * host than slack.com or loopback is refused with NODE_ENV=production: a forgotten setting must
   * not send the bot token elsewhere.
   */
  SLACK_API_URL: env(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .refine(
        (u) => !URL.canParse(u) || new URL(u).protocol === 'https:' || isLoopback(new URL(u).hostname),
        'http:// is only accepted on loopback (127.0.0.1, localhost); use https://',
      )
      .transform((u) => (u.endsWith('/') ? u : `${u}/`))
      .optional(),
  ),
  LOG_LEVEL: env(z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  PLATFORM_ADMIN_SLACK_IDS: env(slackUserIds.optional()),
  PLATFORM_TIMEZONE: env(z.string().refine(isTimeZone, 'not an IANA time zone').default('Europe/Paris')),
  /** The partners' channel where France Travail offers are diffused (the bot must be a member). */
  PARTNERS_CHANNEL_ID: env(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id like C012ABCDEF')
      .optional(),
  ),
  /** The technical committee's channel, where each action has its message (the bot must be a member). */
  COMMITTEE_CHANNEL_ID: env(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id like C012ABCDEF')
      .optional(),
  ),
  /** The steering committee's channel, where the quarterly indicators and the reports are posted (the bot must be a member). */
  STEERING_CHANNEL_ID: env(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id like C012ABCDEF')
      .optional(),
  ),
  /** Days before a committee session when its agenda is published in its channel. */
  COMMITTEE_AGENDA_DAYS: env(z.coerce.number({ error: 'must be a number of days' }).int().min(0).max(60).default(7)),
  /** Days before a session when committee members are reminded to read the agenda and update their actions. */
  COMMITTEE_REMINDER_DAYS: env(z.coerce.number({ error: 'must be a number of days' }).int().min(0).max(60).default(2)),
  /** The committee's default rhythm, e.g. « 2e mardi 14:00 »: each session proposed by itself (unset: none). */
  COMMITTEE_RHYTHM: env(
    z
      .string()
      .refine(
        (text) => parseRhythm(text) !== null,
        'expected a rhythm such as « 2e mardi 14:00 » or « dernier jeudi 9h30 »',
      )
      .transform((text) => parseRhythm(text)!)
      .optional(),
  ),
  /** The public holidays off the working days (digests): FR, or a region such as FR-57 (Moselle) or FR-RE (La Réunion). */
  PLATFORM_HOLIDAYS: env(
    z.string().refine(isHolidayRegion, 'expected FR or FR-<region>, e.g. FR-57 or FR-RE').default('FR'),
  ),
  /** Days around a visit within which another structure's visit to the same company is pointed out to both (0: never). */
  VISIT_OVERLAP_DAYS: env(z.coerce.number({ error: 'must be a number of days' }).int().min(0).max(730).default(90)),
  /** Day of the month from which the structures behind their visit programme's pace are nudged. */
  PROGRAMME_NUDGE_DAY: env(z.coerce.number({ error: 'must be a day of the month' }).int().min(1).max(28).default(20)),
  /** Months after an alert is raised when the contacts it holds (personal data) are removed (RGPD). */
  PERSONAL_DATA_RETENTION_MONTHS: env(
    z.coerce.number({ error: 'must be a number of months' }).int().min(1).max(120).default(24),
  ),
  /** Months after a company's last visit when the free texts about it (diagnostics, needs, notes, decisions) are removed (RGPD). */
  FREE_TEXT_RETENTION_MONTHS: env(
    z.coerce.number({ error: 'must be a number of months' }).int().min(1).max(240).default(36),
  ),
  /** Days after which a file of personal data sent in Slack (an export) is deleted from Slack (RGPD). */
  EXPORT_FILE_RETENTION_DAYS: env(
    z.coerce.number({ error: 'must be a number of days' }).int().min(1).max(365).default(7),
  ),
  /** The least time between two messages to one channel or DM (Slack asks about one a second); 0: no pacing. */
  SLACK_PACE_MS: env(
    z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0).max(60_000).default(1000),
  ),
  /** Hours after an alert is raised when the coordinators are reminded it is not transmitted yet. */
  ALERT_REMINDER_HOURS: env(
    z
      .string()
      .default('24,40')
      .transform((s) => s.split(',').map((x) => Number(x.trim())))
      .pipe(z.array(z.number().positive('expected hours such as 24,40')).min(1)),
  ),
  /** Hours France Travail must be reached within (the procedure says 48). */
  ALERT_DEADLINE_HOURS: env(z.coerce.number({ error: 'must be a number of hours' }).positive().default(48)),
  /** The coverage of the industrial fabric (indicator, annual report): the NAF sections counted, letters. */
  COVERAGE_NAF_SECTIONS: env(
    z
      .string()
      .default('B,C,D,E')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim().toUpperCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[A-U]$/, 'expected NAF section letters such as B,C,D,E')).min(1)),
  ),
  /** … and the least INSEE headcount band counted (INSEE order; 11 = 10 employees and more). */
  COVERAGE_MIN_BAND: env(
    z
      .string()
      .default('11')
      .refine(
        (code) => code !== 'NN' && code !== '00' && HEADCOUNT_BANDS.some((b) => b.code === code),
        'expected an INSEE headcount band from 01 to 53, e.g. 11 (10 employees and more)',
      ),
  ),
  /**
   * Proposed targets (/plateforme programmes → « Proposer des cibles »): the services to industry
   * offered beside the NAF sections — transport of goods, warehousing, handling, engineering,
   * technical testing, R&D, machine hire, industrial cleaning, packaging — as NAF sous-classes or
   * prefixes (71.12B, 52.10).
   */
  TARGET_SERVICE_NAF_CODES: env(
    z
      .string()
      .default('49.41A,52.10B,52.24B,71.12B,71.20B,72.19Z,77.39Z,81.22Z,82.92Z')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim().toUpperCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^\d{2}(\.\d{1,2}[A-Z]?)?$/, 'expected NAF codes such as 71.12B,52.10'))),
  ),
  /** … the kind of structure that visits the establishments on the trade register (artisanat), and the others'. */
  TARGET_TRADE_REGISTER_STRUCTURE: env(
    z
      .enum(
        StructureKind,
        'expected a structure kind: cci, cma, france_travail, mission_locale, opco, agence_developpement, collectivite or autre',
      )
      .default('cma'),
  ),
  TARGET_OTHER_STRUCTURE: env(
    z
      .enum(
        StructureKind,
        'expected a structure kind: cci, cma, france_travail, mission_locale, opco, agence_developpement, collectivite or autre',
      )
      .default('cci'),
  ),
  /** France Travail's address for the ready-to-send e-mail, when its advisers are not in Slack. */
  FRANCE_TRAVAIL_EMAIL: env(z.email('must be an e-mail address').optional()),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  // Issue messages are our own texts: zod never echoes the offending value into them.
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  // Debug logs may hold personal data (what our own code logs at debug): never in production.
  if (env.NODE_ENV?.trim() === 'production' && env.LOG_LEVEL?.trim() === 'debug')
    problems.push('LOG_LEVEL: debug is refused when NODE_ENV=production (debug logs may hold personal data); use info');
  if (parsed.success && env.NODE_ENV?.trim() === 'production' && parsed.data.SLACK_API_URL) {
    const host = new URL(parsed.data.SLACK_API_URL).hostname;
    if (!isSlackHost(host) && !isLoopback(host))
      problems.push(
        'SLACK_API_URL: refused when NODE_ENV=production unless it is slack.com or a stand-in on this machine (loopback)',
      );
  }
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new ConfigError(problems);
}
