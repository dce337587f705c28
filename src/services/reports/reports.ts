import type { WebClient } from '@slack/web-api';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../db.js';
import { audit } from '../audit.js';
import { frenchDate, localDate } from '../../time.js';
import { annualData } from './annual-data.js';
import { buildDocument } from './document.js';
import { renderPdf } from './pdf.js';
import { renderXlsx } from './xlsx.js';

/** After this many failed uploads a report stays unposted until asked again (the error is kept). */
const MAX_ATTEMPTS = 10;

/**
 * Produces a year's report — internal and public editions, each as a PDF and its spreadsheet
 * annex — and keeps it (a new version when produced again), owed to `channelId`.
 */
export async function generateAnnualReport(db: Db, year: number, options: { now: Date; timeZone: string; channelId?: string | undefined; actorSlackId?: string | null; memberId?: string | null }) {
  const { data, internalPdf, internalXlsx, publicPdf, publicXlsx } = await buildReport(db, year, options);
  const latest = await db.report.findFirst({ where: { year }, orderBy: { version: 'desc' }, select: { version: true } });
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
  await audit(db, { actorSlackId: options.actorSlackId ?? null, action: 'report.generate', entity: 'Report', entityId: report.id, details: { year, version: report.version } });
  return report;
}

/** A year's aggregates and both editions' files, from what the platform holds now. */
async function buildReport(db: Db, year: number, options: { now: Date; timeZone: string }) {
  const data = await annualData(db, year, options.timeZone);
  const today = frenchDate(localDate(options.timeZone, options.now));
  const internal = buildDocument(data, 'interne');
  const publicDoc = buildDocument(data, 'publique');
  const [internalPdf, internalXlsx, publicPdf, publicXlsx] = await Promise.all([renderPdf(internal, today), renderXlsx(internal), renderPdf(publicDoc, today), renderXlsx(publicDoc)]);
  return { data, internalPdf, internalXlsx, publicPdf, publicXlsx };
}

/**
 * Kept versions whose data hold one of `texts` — versions made before reports counted job
 * families instead of printing what capteurs typed — are rebuilt in place from what the platform
 * holds now (the same counts, no free text). Their copies already posted in Slack are out of the
 * app's reach: the audit names each rebuilt version, to be removed there by hand. Returns how many.
 */
export async function rebuildReportsHolding(db: Db, texts: string[], options: { now: Date; timeZone: string }): Promise<number> {
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
    await audit(db, { actorSlackId: null, action: 'report.rebuilt_after_erasure', entity: 'Report', entityId: report.id, details: { year: report.year, version: report.version } });
  }
  return holding.length;
}

/** The files of a report as Slack gets them. */
export function reportFiles(report: { year: number; version: number; internalPdf: Uint8Array; internalXlsx: Uint8Array; publicPdf: Uint8Array; publicXlsx: Uint8Array }) {
  const v = report.version > 1 ? `-v${report.version}` : '';
  const name = `Rapport annuel ${report.year}${report.version > 1 ? ` (version ${report.version})` : ''}`;
  return [
    { file: Buffer.from(report.publicPdf), filename: `rapport-annuel-${report.year}${v}-public.pdf`, title: `${name} — version publique` },
    { file: Buffer.from(report.publicXlsx), filename: `rapport-annuel-${report.year}${v}-public-annexe.xlsx`, title: `${name} — annexe publique (données)` },
    { file: Buffer.from(report.internalPdf), filename: `rapport-annuel-${report.year}${v}-interne.pdf`, title: `${name} — version interne (ne pas diffuser)` },
    { file: Buffer.from(report.internalXlsx), filename: `rapport-annuel-${report.year}${v}-interne-annexe.xlsx`, title: `${name} — annexe interne (données)` },
  ];
}

/**
 * Uploads a kept report to its channel (again, when asked to send it again). A failure is
 * recorded and retried by the job; the report itself is never lost.
 */
export async function postReport(db: Db, client: WebClient, reportId: string, now: Date, channelId?: string): Promise<boolean> {
  const report = await db.report.findUniqueOrThrow({ where: { id: reportId } });
  const channel = channelId ?? report.channelId;
  if (!channel) return false;
  try {
    await client.filesUploadV2({
      channel_id: channel,
      initial_comment: `:bar_chart: Rapport annuel ${report.year} de la Plateforme Emploi – Mutations Économiques${report.version > 1 ? ` (version ${report.version})` : ''} : la version publique (secret statistique : aucune valeur sous 5 entreprises) à diffuser, la version interne pour le comité de pilotage, chacune avec son annexe de données.`,
      file_uploads: reportFiles(report),
    });
    await db.report.update({ where: { id: reportId }, data: { postedAt: now, channelId: channel, lastError: null } });
    return true;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    await db.report.update({ where: { id: reportId }, data: { attempts: { increment: 1 }, lastError: String(code).slice(0, 200) } });
    return false;
  }
}

/** Reports owed to their channel and not yet taken by Slack: retried. */
export async function deliverOwedReports(db: Db, client: WebClient, now: Date): Promise<number> {
  const owed = await db.report.findMany({ where: { postedAt: null, channelId: { not: null }, attempts: { lt: MAX_ATTEMPTS } }, select: { id: true } });
  let posted = 0;
  for (const { id } of owed) if (await postReport(db, client, id, now)) posted++;
  return posted;
}

/** In January, the past year's report once (a kept one is not made again by the schedule). */
export async function oweYearlyReport(db: Db, now: Date, settings: { timeZone: string; channelId?: string | undefined }) {
  const today = localDate(settings.timeZone, now);
  if (today.slice(5, 7) !== '01') return null;
  const year = Number(today.slice(0, 4)) - 1;
  if (await db.report.findFirst({ where: { year }, select: { id: true } })) return null;
  return generateAnnualReport(db, year, { now, timeZone: settings.timeZone, channelId: settings.channelId });
}
