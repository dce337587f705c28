import type { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../db.js';
import { audit } from '../audit.js';
import { REPORT_TEXTS } from '../../texts/report.js';
import { frenchDate, localDate } from '../../time.js';
import { annualData } from './annual-data.js';
import { buildDocument } from './document.js';
import { renderPdf } from './pdf.js';
import { renderXlsx } from './xlsx.js';
import type { CoverageCriteria } from '../sirene/coverage.js';

/** How the report's files are named in Slack. */
const F = REPORT_TEXTS.files;

/** After this many failed uploads a report stays unposted until asked again (the error is kept). */
const MAX_ATTEMPTS = 10;

/**
 * Produces a year's report — internal and public editions, each as a PDF and its spreadsheet
 * annex — and keeps it (a new version when produced again), owed to `channelId`.
 */
export async function generateAnnualReport(
  db: Db,
  year: number,
  options: {
    now: Date;
    timeZone: string;
    channelId?: string | undefined;
    actorSlackId?: string | null;
    memberId?: string | null;
    /** Which establishments the coverage counts (the default: industry, 10 employees and more). */
    coverage?: CoverageCriteria;
  },
) {
  // The version is taken before the seconds of building: two productions at once (the January
  // job, a person's request) aim at the same one, and the second is refused instead of adding another.
  const latest = await db.report.findFirst({
    where: { year },
    orderBy: { version: 'desc' },
    select: { version: true },
  });
  const { data, internalPdf, internalXlsx, publicPdf, publicXlsx } = await buildReport(db, year, options);
  const report = await db.report.create({
    data: {
      year,
      version: (latest?.version ?? 0) + 1,
      generatedAt: options.now,
      generatedById: options.memberId ?? null,
      data: data as unknown as Prisma.InputJsonValue,
      internalPdf: new Uint8Array(internalPdf),
      internalXlsx: new Uint8Array(internalXlsx),
      publicPdf: new Uint8Array(publicPdf),
      publicXlsx: new Uint8Array(publicXlsx),
      channelId: options.channelId ?? null,
    },
    select: { id: true, version: true },
  });
  await audit(db, {
    actorSlackId: options.actorSlackId ?? null,
    action: 'report.generate',
    entity: 'Report',
    entityId: report.id,
    details: { year, version: report.version },
  });
  return report;
}

/** A year's aggregates and both editions' files, from what the platform holds now. */
async function buildReport(
  db: Db,
  year: number,
  options: { now: Date; timeZone: string; coverage?: CoverageCriteria | undefined },
) {
  const data = await annualData(db, year, options.timeZone, options.coverage);
  const today = frenchDate(localDate(options.timeZone, options.now));
  const internal = buildDocument(data, 'interne');
  const publicDoc = buildDocument(data, 'publique');
  const [internalPdf, internalXlsx, publicPdf, publicXlsx] = await Promise.all([
    renderPdf(internal, today),
    renderXlsx(internal),
    renderPdf(publicDoc, today),
    renderXlsx(publicDoc),
  ]);
  return { data, internalPdf, internalXlsx, publicPdf, publicXlsx };
}

/**
 * Kept versions whose data hold one of `texts` — versions made before reports counted job
 * families instead of printing what capteurs typed — are rebuilt in place from what the platform
 * holds now (the same counts, no free text). Their copies already posted in Slack are out of the
 * app's reach: the audit names each rebuilt version, to be removed there by hand. Returns how many.
 */
export async function rebuildReportsHolding(
  db: Db,
  texts: string[],
  options: { now: Date; timeZone: string },
): Promise<number> {
  const needles = texts.map((t) => t.trim().toLowerCase()).filter((t) => t.length >= 3);
  if (needles.length === 0) return 0;
  const kept = await db.report.findMany({ select: { id: true, year: true, version: true, data: true } });
  const holding = kept.filter((r) => {
    const stored = JSON.stringify(r.data).toLowerCase();
    return needles.some((n) => stored.includes(n));
  });
  for (const report of holding) {
    const { data, internalPdf, internalXlsx, publicPdf, publicXlsx } = await buildReport(db, report.year, options);
    await db.report.update({
      where: { id: report.id },
      data: {
        data: data as unknown as Prisma.InputJsonValue,
        internalPdf: new Uint8Array(internalPdf),
        internalXlsx: new Uint8Array(internalXlsx),
        publicPdf: new Uint8Array(publicPdf),
        publicXlsx: new Uint8Array(publicXlsx),
      },
    });
    await audit(db, {
      actorSlackId: null,
      action: 'report.rebuilt_after_erasure',
      entity: 'Report',
      entityId: report.id,
      details: { year: report.year, version: report.version },
    });
  }
  return holding.length;
}

/** The files of a report as Slack gets them. */
export function reportFiles(report: {
  year: number;
  version: number;
  internalPdf: Uint8Array;
  internalXlsx: Uint8Array;
  publicPdf: Uint8Array;
  publicXlsx: Uint8Array;
}) {
  const v = report.version > 1 ? `-v${report.version}` : '';
  const name = F.name(report.year, report.version);
  return [
    {
      file: Buffer.from(report.publicPdf),
      filename: `rapport-annuel-${report.year}${v}-public.pdf`,
      title: F.publicPdf(name),
    },
    {
      file: Buffer.from(report.publicXlsx),
      filename: `rapport-annuel-${report.year}${v}-public-annexe.xlsx`,
      title: F.publicXlsx(name),
    },
    {
      file: Buffer.from(report.internalPdf),
      filename: `rapport-annuel-${report.year}${v}-interne.pdf`,
      title: F.internalPdf(name),
    },
    {
      file: Buffer.from(report.internalXlsx),
      filename: `rapport-annuel-${report.year}${v}-interne-annexe.xlsx`,
      title: F.internalXlsx(name),
    },
  ];
}

/**
 * How long an upload's claim keeps others off a report's version: far longer than the four files
 * take (the delivery client does not retry; each call times out), short enough that a claim left
 * by a process that died is taken over by the next pass of the job.
 */
export const UPLOAD_CLAIM_MS = 10 * 60_000;

/**
 * `posted`: Slack took the files. `busy`: another upload of this version is under way (another
 * instance, the job, a person's request): nothing sent. `already_posted`: owed no more (another
 * upload finished first): nothing sent. `failed`: recorded, the job retries. `no_channel`.
 */
/**
 * What sends the report's files to a channel: the Web API client's files.uploadV2, given by the
 * caller (the service knows the files and the rules, not Slack).
 */
export interface ReportUploader {
  filesUploadV2(args: {
    channel_id: string;
    initial_comment: string;
    file_uploads: ReturnType<typeof reportFiles>;
  }): Promise<unknown>;
}

export type UploadOutcome = 'posted' | 'busy' | 'already_posted' | 'failed' | 'no_channel';

/**
 * Uploads a kept report to its channel. The version is claimed first (a conditional update of its
 * `uploadingUntil`, like the outbox's lease): of every process and instance that would upload it
 * at once, one does, the others return `busy` or `already_posted` without calling Slack. Owed
 * (`again` false, the job's way) it goes only while not yet posted; `again` (a person asked to
 * send the kept report once more) is a deliberate new upload, still never beside another one.
 * A failure is recorded and retried by the job; the report itself is never lost.
 */
export async function uploadReport(
  db: Db,
  client: ReportUploader,
  reportId: string,
  now: Date,
  options: { channelId?: string | undefined; again?: boolean } = {},
): Promise<UploadOutcome> {
  const until = new Date(now.getTime() + UPLOAD_CLAIM_MS);
  const { count } = await db.report.updateMany({
    where: {
      id: reportId,
      OR: [{ uploadingUntil: null }, { uploadingUntil: { lte: now } }],
      ...(options.again ? {} : { postedAt: null }),
    },
    data: { uploadingUntil: until },
  });
  if (count === 0) {
    const current = await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { postedAt: true } });
    return !options.again && current.postedAt ? 'already_posted' : 'busy';
  }
  const report = await db.report.findUniqueOrThrow({ where: { id: reportId } });
  const channel = options.channelId ?? report.channelId;
  // Released only while still ours: a claim taken over after it ran out is the other's.
  const release = () =>
    db.report.updateMany({ where: { id: reportId, uploadingUntil: until }, data: { uploadingUntil: null } });
  if (!channel) {
    await release();
    return 'no_channel';
  }
  try {
    await client.filesUploadV2({
      channel_id: channel,
      initial_comment: F.comment(report.year, report.version),
      file_uploads: reportFiles(report),
    });
    await db.report.update({ where: { id: reportId }, data: { postedAt: now, channelId: channel, lastError: null } });
    await release();
    return 'posted';
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    await db.report.update({
      where: { id: reportId },
      data: { attempts: { increment: 1 }, lastError: String(code).slice(0, 200) },
    });
    await release();
    return 'failed';
  }
}

/** A kept report sent (again) to a channel at a person's request: true when Slack took it. */
export async function postReport(
  db: Db,
  client: ReportUploader,
  reportId: string,
  now: Date,
  channelId?: string,
): Promise<boolean> {
  return (await uploadReport(db, client, reportId, now, { channelId, again: true })) === 'posted';
}

/** Reports owed to their channel and not yet taken by Slack: retried (each claimed before it goes). */
export async function deliverOwedReports(db: Db, client: ReportUploader, now: Date): Promise<number> {
  const owed = await db.report.findMany({
    where: { postedAt: null, channelId: { not: null }, attempts: { lt: MAX_ATTEMPTS } },
    select: { id: true },
  });
  let posted = 0;
  for (const { id } of owed) if ((await uploadReport(db, client, id, now)) === 'posted') posted++;
  return posted;
}

/** A year's latest report version kept; null when none was made. */
export async function latestReport(db: Db, year: number) {
  return db.report.findFirst({ where: { year }, orderBy: { version: 'desc' }, select: { id: true, version: true } });
}

/**
 * A year's report for a person who asked for it when none was kept: produced, or — when another
 * request or the January job produced it at the same moment (the same version, refused as a
 * duplicate) — the one just made, owed like it.
 */
export async function generateOrTakeAnnualReport(
  db: Db,
  year: number,
  options: Parameters<typeof generateAnnualReport>[2],
): Promise<{ id: string; version: number; made: boolean }> {
  const before = await latestReport(db, year);
  try {
    return { ...(await generateAnnualReport(db, year, options)), made: true };
  } catch (error) {
    // Whatever the engine calls the conflict: a version made since we looked is the answer.
    const made = await db.report.findFirst({
      where: { year, version: { gt: before?.version ?? 0 } },
      orderBy: { version: 'desc' },
      select: { id: true, version: true },
    });
    if (made) return { ...made, made: false };
    throw error;
  }
}

/** In January, the past year's report once (a kept one is not made again by the schedule). */
export async function oweYearlyReport(
  db: Db,
  now: Date,
  settings: { timeZone: string; channelId?: string | undefined; coverage?: CoverageCriteria },
) {
  const today = localDate(settings.timeZone, now);
  if (today.slice(5, 7) !== '01') return null;
  const year = Number(today.slice(0, 4)) - 1;
  if (await db.report.findFirst({ where: { year }, select: { id: true } })) return null;
  // A person's `/plateforme rapport` may produce it at the same moment: theirs is the one.
  const report = await generateOrTakeAnnualReport(db, year, {
    now,
    timeZone: settings.timeZone,
    channelId: settings.channelId,
    ...(settings.coverage ? { coverage: settings.coverage } : {}),
  });
  return report.made ? report : null;
}
