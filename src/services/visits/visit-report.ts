import { z } from 'zod';
import {
  HiringHorizon,
  Priority,
  SiteOutlook,
  Stake,
  TransmissionBuyer,
  Trend,
  VisitChannel,
} from '../../generated/prisma/enums.js';
import type { FieldError } from '../errors.js';

/**
 * The visit-report form as the user filled it: every value as typed or chosen, nothing trusted
 * yet. The Slack listener builds it from the modal's state; `parseVisitReport` validates it.
 */
export interface VisitForm {
  submissionKey: string;
  companyId?: string | undefined;
  newSiret?: string | undefined;
  newName?: string | undefined;
  newNaf?: string | undefined;
  newHeadcountBand?: string | undefined;
  newCommune?: string | undefined;
  newPostalCode?: string | undefined;
  visitDate?: string | undefined;
  channel?: string | undefined;
  headcount?: string | undefined;
  headcountTrend?: string | undefined;
  revenueTrend?: string | undefined;
  siteOutlook?: string | undefined;
  hiringNeeds?: string | undefined;
  hiringHorizon?: string | undefined;
  jobsAtRisk?: string | undefined;
  investmentPlanned?: string | undefined;
  exportSharePct?: string | undefined;
  stakesHigh?: string[] | undefined;
  stakesMedium?: string[] | undefined;
  stakesLow?: string[] | undefined;
  transmissionBuyer?: string | undefined;
  needs?: string | undefined;
  diagnostic?: string | undefined;
  consentToShare?: string | undefined;
  toCommitteeAgenda?: boolean | undefined;
}

export type VisitField = Exclude<keyof VisitForm, 'submissionKey'>;

const TEXT_MAX = 3000;
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
// `abort: false`: a missing answer must not stop the checks across fields (superRefine below).
const required = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, z.custom((v) => v !== undefined, { error: 'required', abort: false }).pipe(schema));
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
// The limit reaches the French message through the issue's `maximum` (see parseVisitReport).
const text = (max = TEXT_MAX) => z.string().trim().max(max, { error: 'too_long' });
const choice = <T extends Record<string, string>>(values: T) => z.enum(values, { error: 'invalid_choice' });

/** A whole number typed by a person: spaces allowed (« 1 200 »), no decimals, within bounds. */
const count = (max: number) =>
  z.string().transform((raw, ctx) => {
    const s = raw.replace(/[\s\u00a0\u202f]/g, '');
    if (!/^-?\d+$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'not_a_number' });
      return z.NEVER;
    }
    const n = Number(s);
    if (n < 0) ctx.addIssue({ code: 'custom', message: 'negative' });
    else if (n > max) ctx.addIssue({ code: 'custom', message: max === 100 ? 'percent_range' : 'too_large', params: { max } });
    return n;
  });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}, 'invalid_date');

/** « Soudeur : 3 » per line; the job family is free text, the count a whole number. */
const hiringNeedLines = z.string().transform((raw, ctx) => {
  const needs: { jobFamily: string; count: number }[] = [];
  raw.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const match = /^(.+?)\s*[:=–-]\s*(\d{1,5})\s*$/.exec(line.trim());
    if (!match || match[1]!.trim().length > 120 || Number(match[2]) === 0) {
      ctx.addIssue({ code: 'custom', message: 'hiring_needs_line', params: { line: String(i + 1) } });
      return;
    }
    needs.push({ jobFamily: match[1]!.trim(), count: Number(match[2]) });
  });
  return needs;
});

const stakeList = z.array(choice(Stake)).default([]);

export function visitReportSchema(today: string) {
  return z
    .object({
      submissionKey: z.string().min(1),
      companyId: optional(z.string()),
      newSiret: optional(text(30)),
      newName: optional(text(200)),
      newNaf: optional(text(10)),
      newHeadcountBand: optional(text(2)),
      newCommune: optional(text(100)),
      newPostalCode: optional(text(10)),
      visitDate: required(isoDate.refine((d) => d <= today, 'date_in_future').refine((d) => d >= '2000-01-01', 'date_too_old')),
      channel: required(choice(VisitChannel)),
      headcount: optional(count(1_000_000)),
      headcountTrend: optional(choice(Trend)),
      revenueTrend: optional(choice(Trend)),
      siteOutlook: optional(choice(SiteOutlook)),
      hiringNeeds: optional(hiringNeedLines),
      hiringHorizon: optional(choice(HiringHorizon)),
      jobsAtRisk: optional(count(1_000_000)),
      investmentPlanned: optional(z.enum(['oui', 'non'], { error: 'invalid_choice' })),
      exportSharePct: optional(count(100)),
      stakesHigh: stakeList,
      stakesMedium: stakeList,
      stakesLow: stakeList,
      transmissionBuyer: optional(choice(TransmissionBuyer)),
      needs: required(text()),
      diagnostic: required(text()),
      consentToShare: required(z.enum(['oui', 'non'], { error: 'invalid_choice' })),
      toCommitteeAgenda: z.boolean().default(false),
    })
    .superRefine((form, ctx) => {
      // These checks also run when some fields were refused, so that a person sees every error
      // of the form at once; a check involving a refused field is skipped (its value is raw).
      const refused = new Set(ctx.issues.map((issue) => issue.path?.[0]));
      const valid = (...keys: (keyof typeof form)[]) => keys.every((key) => !refused.has(key));
      const newFields = [form.newSiret, form.newName, form.newNaf, form.newHeadcountBand, form.newCommune, form.newPostalCode];
      const startedNew = newFields.some((v) => v !== undefined);
      if (form.companyId && startedNew) ctx.addIssue({ code: 'custom', path: ['companyId'], message: 'company_both' });
      if (!form.companyId && !startedNew) ctx.addIssue({ code: 'custom', path: ['companyId'], message: 'company_missing' });
      if (!form.companyId && startedNew) {
        for (const key of ['newName', 'newNaf', 'newHeadcountBand', 'newCommune'] as const) {
          if (form[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'required' });
        }
      }
      if (valid('hiringHorizon', 'hiringNeeds') && form.hiringHorizon && !form.hiringNeeds?.length) {
        ctx.addIssue({ code: 'custom', path: ['hiringNeeds'], message: 'hiring_horizon_without_needs' });
      }
      if (valid('jobsAtRisk', 'headcount') && form.jobsAtRisk !== undefined && form.headcount !== undefined && form.jobsAtRisk > form.headcount) {
        ctx.addIssue({ code: 'custom', path: ['jobsAtRisk'], message: 'jobs_at_risk_over_headcount' });
      }
      const seen = new Map<Stake, string>();
      for (const key of ['stakesHigh', 'stakesMedium', 'stakesLow'] as const) {
        for (const stake of Array.isArray(form[key]) ? form[key] : []) {
          if (seen.has(stake)) ctx.addIssue({ code: 'custom', path: [key], message: 'stake_twice', params: { stake } });
          seen.set(stake, key);
        }
      }
      if (seen.size === 0) ctx.addIssue({ code: 'custom', path: ['stakesHigh'], message: 'stakes_missing' });
    }, { when: () => true })
    .transform((form) => ({
      submissionKey: form.submissionKey,
      company: form.companyId
        ? ({ kind: 'existing', companyId: form.companyId } as const)
        : ({
            kind: 'new',
            siret: form.newSiret,
            name: form.newName!,
            nafCode: form.newNaf!,
            headcountBand: form.newHeadcountBand!,
            commune: form.newCommune!,
            postalCode: form.newPostalCode,
          } as const),
      visitDate: form.visitDate,
      channel: form.channel,
      headcount: form.headcount,
      headcountTrend: form.headcountTrend,
      revenueTrend: form.revenueTrend,
      siteOutlook: form.siteOutlook,
      hiringNeeds: form.hiringNeeds ?? [],
      hiringHorizon: form.hiringHorizon,
      jobsAtRisk: form.jobsAtRisk,
      investmentPlanned: form.investmentPlanned === undefined ? undefined : form.investmentPlanned === 'oui',
      exportSharePct: form.exportSharePct,
      stakes: [
        ...form.stakesHigh.map((stake) => ({ stake, priority: Priority.haute })),
        ...form.stakesMedium.map((stake) => ({ stake, priority: Priority.moyenne })),
        ...form.stakesLow.map((stake) => ({ stake, priority: Priority.basse })),
      ],
      transmissionBuyer: form.transmissionBuyer,
      needs: form.needs,
      diagnostic: form.diagnostic,
      consentToShare: form.consentToShare === 'oui',
      toCommitteeAgenda: form.toCommitteeAgenda,
    }));
}

export type VisitReport = z.output<ReturnType<typeof visitReportSchema>>;

export type ParsedVisitReport = { ok: true; report: VisitReport } | { ok: false; errors: FieldError<VisitField>[] };

/** Validates a filled form; `today` is the platform's local date (YYYY-MM-DD), the limit for the visit date. */
export function parseVisitReport(form: VisitForm, today: string): ParsedVisitReport {
  const parsed = visitReportSchema(today).safeParse(form);
  if (parsed.success) return { ok: true, report: parsed.data };
  const errors: FieldError<VisitField>[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as VisitField;
    // One message per field: the first is the one to fix first.
    if (errors.some((e) => e.field === field)) continue;
    const raw: Record<string, unknown> =
      'params' in issue && issue.params
        ? (issue.params as Record<string, unknown>)
        : // A built-in length check (text too long) keeps its limit in `maximum`, not in params.
          issue.code === 'too_big'
          ? { max: issue.maximum }
          : {};
    const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
    errors.push({ field, code: issue.message, params });
  }
  return { ok: false, errors };
}
