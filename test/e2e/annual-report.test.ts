import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobRunners } from '../../src/jobs/index.js';
import { errorText } from '../../src/texts/fr.js';
import { responseTexts, withTestApp } from '../support/app.js';
import { resetTables } from '../support/reset.js';
import { seedYear } from '../support/territory.js';

/** The annual report from Slack: produced, posted to the steering channel as files, sent again, retried. */
const pilot = { id: 'UREPPILOT', name: 'maire' };
const STEERING = 'CPILOTAGE2';

// Monday 5 January 2026, 10:00 in Paris.
const clock = new Date('2026-01-05T09:00:00Z');

const { t, db } = withTestApp({
  now: () => clock,
  config: { STEERING_CHANNEL_ID: STEERING },
  members: [{ user: pilot, roles: ['pilotage'] }],
  seed: ({ db }) => seedYear(db),
});

const responses = (name: string, count: number) => responseTexts(t, name, count);

// Each test starts from the year's activity alone (members, companies, visits), without a report:
// the first expects to make version 1, the others make the one they need.
beforeEach(async () => {
  await resetTables(db.prisma, {
    keep: ['Structure', 'Member', 'MemberRole', 'Company', 'Visit', 'VisitStake', 'VisitRedFlag', 'VisitHiringNeed'],
  });
});

/** The 2025 report made and posted once (version 1), then the fake Slack's record cleared. */
async function publishFirstReport() {
  await t.slack.command('/plateforme', 'rapport 2025', pilot, {
    extra: { response_url: t.fake.responseUrl('first') },
  });
  expect((await responses('first', 2))[1]).toContain(`Rapport 2025 publié dans <#${STEERING}>`);
  expect(await db.prisma.report.findFirstOrThrow({ where: { year: 2025 } })).toMatchObject({ version: 1 });
  t.fake.reset();
}

describe('the annual report', () => {
  it('is produced on demand and posted to the steering channel as four files: public and internal, PDF and spreadsheet', async () => {
    await t.slack.command(
      '/plateforme',
      'rapport 2025',
      { id: 'UNOBODY', name: 'x' },
      { extra: { response_url: t.fake.responseUrl('refused') } },
    );
    expect((await responses('refused', 1))[0]).not.toContain('Rapport');

    await t.slack.command('/plateforme', 'rapport 2025', pilot, {
      extra: { response_url: t.fake.responseUrl('report') },
    });
    const [started, done] = await responses('report', 2);
    expect(started).toContain('Rapport 2025 en préparation');
    expect(done).toContain(`Rapport 2025 publié dans <#${STEERING}>`);
    expect(t.fake.succeeded('files.getUploadURLExternal')).toHaveLength(4);
    expect(t.fake.uploads).toHaveLength(4);
    const contents = t.fake.uploads.map((u) => u.bytes);
    expect(contents.filter((b) => b.includes(Buffer.from('%PDF-')))).toHaveLength(2);
    // An XLSX is a zip: it starts with PK.
    expect(contents.filter((b) => b.includes(Buffer.from('PK\u0003\u0004', 'latin1')))).toHaveLength(2);
    const complete = t.fake.succeeded('files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    expect(complete[0]!.args.channel_id).toBe(STEERING);
    expect(
      t.fake
        .succeeded('files.getUploadURLExternal')
        .map((c) => c.args.filename)
        .sort(),
    ).toEqual([
      'rapport-annuel-2025-interne-annexe.xlsx',
      'rapport-annuel-2025-interne.pdf',
      'rapport-annuel-2025-public-annexe.xlsx',
      'rapport-annuel-2025-public.pdf',
    ]);
    expect(String(complete[0]!.args.files)).toContain('Rapport annuel 2025 — version publique');
    expect(await db.prisma.report.findFirstOrThrow({ where: { year: 2025 } })).toMatchObject({
      version: 1,
      postedAt: clock,
      channelId: STEERING,
    });
    // The public annex: job families, never the titles typed; one mark for every masked cell.
    const annex = [...t.fake.workspace.files.values()].find(
      (f) => f.filename === 'rapport-annuel-2025-public-annexe.xlsx',
    )!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(annex.bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value)))));
    // The seeded visits typed « Soudeur : 2 » and « Commercial : 1 ».
    expect(cells).toContain('Industrie');
    expect(cells).toContain('Commerce, vente et grande distribution');
    expect(cells.filter((c) => /Soudeur|Commercial/.test(c))).toEqual([]);
    expect(cells).toContain('s');
    expect(cells).not.toContain('< 5');
  });

  it('is sent again from what was kept, without being made again', async () => {
    await publishFirstReport();
    await t.slack.command('/plateforme', 'rapport 2025', pilot, {
      extra: { response_url: t.fake.responseUrl('again') },
    });
    const [started, done] = await responses('again', 2);
    expect(started).toContain('Rapport 2025 (version 1) renvoyé');
    expect(done).toContain('publié');
    expect(await db.prisma.report.count()).toBe(1);
    expect(t.fake.uploads).toHaveLength(4);
  });

  it('is kept when Slack refuses the files, and posted by the job once Slack takes them', async () => {
    await publishFirstReport();
    t.fake.failNext('files.completeUploadExternal', 1, 'not_in_channel');
    await t.slack.command('/plateforme', 'rapport 2025 nouveau', pilot, {
      extra: { response_url: t.fake.responseUrl('refusedBySlack') },
    });
    const [, refused] = await responses('refusedBySlack', 2);
    expect(refused).toBe(errorText('report_not_posted'));
    const v2 = await db.prisma.report.findFirstOrThrow({ where: { year: 2025, version: 2 } });
    expect(v2).toMatchObject({ postedAt: null, attempts: 1, lastError: 'not_in_channel' });
    t.fake.reset();
    await jobRunners(t.ctx).reports();
    expect(t.fake.succeeded('files.completeUploadExternal')).toHaveLength(1);
    expect(t.fake.succeeded('files.getUploadURLExternal').map((c) => c.args.filename)).toContain(
      'rapport-annuel-2025-v2-public.pdf',
    );
    expect(String(t.fake.succeeded('files.completeUploadExternal')[0]!.args.files)).toContain(
      'Rapport annuel 2025 (version 2) — version publique',
    );
    expect((await db.prisma.report.findUniqueOrThrow({ where: { id: v2.id } })).postedAt).toEqual(clock);
    await jobRunners(t.ctx).reports();
    expect(t.fake.succeeded('files.completeUploadExternal')).toHaveLength(1);
  });

  it('is refused for a year to come', async () => {
    await t.slack.command('/plateforme', 'rapport 2031', pilot, {
      extra: { response_url: t.fake.responseUrl('future') },
    });
    // Refused for the year (the steering committee may read reports), told which years can be asked for.
    expect((await responses('future', 1))[0]).toBe(
      'Indiquez une année passée ou en cours, par exemple `/plateforme rapport 2026`.',
    );
  });
});
