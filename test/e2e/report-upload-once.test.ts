import { beforeEach, describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import { responseTexts, withAnotherInstance, withTestApp } from '../support/app.js';
import { resetTables } from '../support/reset.js';
import { seedYear } from '../support/territory.js';

/**
 * The annual report's files are claimed before they are uploaded: two app instances on one
 * database (each with its own client on PostgreSQL; on PGlite, one process holds the database),
 * each with its fake Slack, their January jobs and a person's `/plateforme rapport` at once — one
 * upload of the version, counted over both Slacks.
 */
const pilot = { id: 'UREPONCE1', name: 'maire' };
const STEERING = 'CPILOTONCE';
// Monday 5 January 2026, 10:00 in Paris: the January job makes the past year's report.
const clock = new Date('2026-01-05T09:00:00Z');
const instance = { now: () => clock, config: { STEERING_CHANNEL_ID: STEERING } };

const started = withTestApp({
  ...instance,
  members: [{ user: pilot, roles: ['pilotage'] }],
  seed: ({ db }) => seedYear(db),
});
const { t: a, db } = started;
const b = withAnotherInstance(started, instance);
// Each test starts from the year's activity alone (members, companies, visits), without a report:
// the first expects the jobs to make version 1, the second makes the one it sends again. (Both
// instances' fake Slacks are cleared before each test by withTestApp and withAnotherInstance.)
beforeEach(async () => {
  await resetTables(db.prisma, {
    keep: ['Structure', 'Member', 'MemberRole', 'Company', 'Visit', 'VisitStake', 'VisitRedFlag', 'VisitHiringNeed'],
  });
});

/** The 2025 report made and posted once (version 1) from instance a, then both Slacks' records cleared. */
async function publishFirstReport() {
  await a.slack.command('/plateforme', 'rapport 2025', pilot, { extra: { response_url: a.fake.responseUrl('first') } });
  expect((await responseTexts(a, 'first', 2))[1]).toContain('publié dans');
  expect(await db.prisma.report.findFirstOrThrow({ where: { year: 2025 } })).toMatchObject({ version: 1 });
  a.fake.reset();
  b.fake.reset();
}

/** Uploads completed, over both instances' Slacks. */
const completed = () => [
  ...a.fake.succeeded('files.completeUploadExternal'),
  ...b.fake.succeeded('files.completeUploadExternal'),
];

describe('the annual report’s upload', () => {
  it('goes once when both instances’ January jobs and a person’s /plateforme rapport run at once', async () => {
    // A slow Slack: every upload is still under way when the others try.
    for (const t of [a, b]) t.fake.delayNext('files.completeUploadExternal', 5, 1_500);
    await Promise.all([
      jobRunners(a.ctx, 'instance-a').reports(),
      jobRunners(b.ctx, 'instance-b').reports(),
      a.slack.command('/plateforme', 'rapport 2025', pilot, { extra: { response_url: a.fake.responseUrl('asked') } }),
    ]);
    const [, done] = await responseTexts(a, 'asked', 2);
    expect(done).toMatch(/publié|déjà en cours d'envoi/);
    // Whatever finished first, nothing else goes afterwards: the next passes of both jobs find it posted.
    await Promise.all([jobRunners(a.ctx, 'instance-a').reports(), jobRunners(b.ctx, 'instance-b').reports()]);
    const reports = await db.prisma.report.findMany({
      select: { version: true, postedAt: true, uploadingUntil: true },
    });
    expect(reports).toEqual([{ version: 1, postedAt: clock, uploadingUntil: null }]);
    expect(completed()).toHaveLength(1);
    expect(completed()[0]!.args.channel_id).toBe(STEERING);
  });

  it('is sent again when a person asks, once however many ask at the same moment on both instances', async () => {
    await publishFirstReport();
    for (const t of [a, b]) t.fake.delayNext('files.completeUploadExternal', 5, 1_500);
    await Promise.all([
      a.slack.command('/plateforme', 'rapport 2025', pilot, { extra: { response_url: a.fake.responseUrl('again-a') } }),
      b.slack.command('/plateforme', 'rapport 2025', pilot, { extra: { response_url: b.fake.responseUrl('again-b') } }),
    ]);
    const answers = [...(await responseTexts(a, 'again-a', 2)), ...(await responseTexts(b, 'again-b', 2))];
    expect(answers.filter((t) => t.includes('renvoyé'))).toHaveLength(2);
    expect(answers.filter((t) => t.includes('publié dans'))).toHaveLength(1);
    expect(answers.filter((t) => t.includes("déjà en cours d'envoi"))).toHaveLength(1);
    expect(completed()).toHaveLength(1);
    expect(await db.prisma.report.count()).toBe(1);

    // Asked again once that upload is over: a deliberate new upload, as before.
    a.fake.reset();
    await a.slack.command('/plateforme', 'rapport 2025', pilot, {
      extra: { response_url: a.fake.responseUrl('later') },
    });
    expect((await responseTexts(a, 'later', 2))[1]).toContain('publié dans');
    expect(completed()).toHaveLength(1);
  });
});
