import type { Prisma } from '../../generated/prisma/client.js';
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
import {
  checkCompanyChoice,
  type CompanyChoiceForm,
  choice,
  collectFieldErrors,
  companyChoice,
  companyChoiceFields,
  count,
  isoDate,
  optional,
  required,
  text,
  yesNo,
} from '../form-fields.js';

/**
 * The visit-report form as the user filled it: every value as typed or chosen, nothing trusted
 * yet. The Slack listener builds it from the modal's state; `parseVisitReport` validates it.
 */
export interface VisitForm extends CompanyChoiceForm {
  submissionKey: string;
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
      ...companyChoiceFields,
      visitDate: required(
        isoDate.refine((d) => d <= today, 'date_in_future').refine((d) => d >= '2000-01-01', 'date_too_old'),
      ),
      channel: required(choice(VisitChannel)),
      headcount: optional(count(1_000_000)),
      headcountTrend: optional(choice(Trend)),
      revenueTrend: optional(choice(Trend)),
      siteOutlook: optional(choice(SiteOutlook)),
      hiringNeeds: optional(hiringNeedLines),
      hiringHorizon: optional(choice(HiringHorizon)),
      jobsAtRisk: optional(count(1_000_000)),
      investmentPlanned: optional(yesNo),
      exportSharePct: optional(count(100)),
      stakesHigh: stakeList,
      stakesMedium: stakeList,
      stakesLow: stakeList,
      transmissionBuyer: optional(choice(TransmissionBuyer)),
      needs: required(text()),
      diagnostic: required(text()),
      consentToShare: required(yesNo),
      toCommitteeAgenda: z.boolean().default(false),
    })
    .superRefine(
      (form, ctx) => {
        // These checks also run when some fields were refused, so that a person sees every error
        // of the form at once; a check involving a refused field is skipped (its value is raw).
        const refused = new Set(ctx.issues.map((issue) => issue.path?.[0]));
        const valid = (...keys: (keyof typeof form)[]) => keys.every((key) => !refused.has(key));
        checkCompanyChoice(form, ctx);
        if (valid('hiringHorizon', 'hiringNeeds') && form.hiringHorizon && !form.hiringNeeds?.length) {
          ctx.addIssue({ code: 'custom', path: ['hiringNeeds'], message: 'hiring_horizon_without_needs' });
        }
        if (
          valid('jobsAtRisk', 'headcount') &&
          form.jobsAtRisk !== undefined &&
          form.headcount !== undefined &&
          form.jobsAtRisk > form.headcount
        ) {
          ctx.addIssue({ code: 'custom', path: ['jobsAtRisk'], message: 'jobs_at_risk_over_headcount' });
        }
        const seen = new Map<Stake, string>();
        for (const key of ['stakesHigh', 'stakesMedium', 'stakesLow'] as const) {
          for (const stake of Array.isArray(form[key]) ? form[key] : []) {
            if (seen.has(stake))
              ctx.addIssue({ code: 'custom', path: [key], message: 'stake_twice', params: { stake } });
            seen.set(stake, key);
          }
        }
        if (seen.size === 0) ctx.addIssue({ code: 'custom', path: ['stakesHigh'], message: 'stakes_missing' });
      },
      { when: () => true },
    )
    .transform((form) => ({
      submissionKey: form.submissionKey,
      company: companyChoice(form),
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
  return { ok: false, errors: collectFieldErrors<VisitField>(parsed.error.issues) };
}

/**
 * A visit's hiring needs in the order the capteur typed them: the first is the first position of
 * an alert raised from the visit. Rows saved before the order was kept (rank 0) by id.
 */
export const NEEDS_AS_TYPED = [
  { rank: 'asc' },
  { id: 'asc' },
] satisfies Prisma.VisitHiringNeedOrderByWithRelationInput[];
