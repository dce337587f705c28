import { z } from 'zod';

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

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const slackUserIds = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'expected Slack user ids like U012ABCDEF, comma-separated')));

export const configSchema = z.object({
  SLACK_BOT_TOKEN: z.string({ error: 'missing' }).startsWith('xoxb-', 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: z.string({ error: 'missing' }).min(8, 'too short to be a signing secret'),
  SLACK_APP_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
  ),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgresql:// (leave it unset for the embedded database)')
      .optional(),
  ),
  PGLITE_DATA_DIR: z.string().min(1).default('./data/pglite'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  PLATFORM_ADMIN_SLACK_IDS: z.preprocess(emptyAsUndefined, slackUserIds.optional()),
  PLATFORM_TIMEZONE: z.string().refine(isTimeZone, 'not an IANA time zone').default('Europe/Paris'),
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
  if (parsed.success) return parsed.data;
  // Issue messages are our own texts: zod never echoes the offending value into them.
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError(problems);
}
