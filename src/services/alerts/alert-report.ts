import { z } from 'zod';
import { AlertOutcome, ContractType } from '../../generated/prisma/enums.js';
import type { FieldError } from '../errors.js';
import {
  checkCompanyChoice,
  type CompanyChoiceForm,
  choice,
  collectFieldErrors,
  companyChoice,
  companyChoiceFields,
  count,
  email,
  httpUrl,
  isoDate,
  optional,
  phone,
  required,
  requireOneOf,
  text,
  yesNo,
} from '../form-fields.js';

import { POSITION_RANKS, type PositionRank } from '../../domain/alerts.js';

type PositionFields<N extends PositionRank> = {
  [K in `p${N}Title` | `p${N}Rome` | `p${N}Count` | `p${N}Contract` | `p${N}Start` | `p${N}Location`]?:
    | string
    | undefined;
};

/** The alert form as the user filled it; the Slack listener builds it from the modal's state. */
export type AlertForm = CompanyChoiceForm & {
  submissionKey: string;
  /** The visit the alert is raised from (its confirmation's button), from the form's metadata. */
  visitId?: string | undefined;
  urgency?: string | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  contactEmail?: string | undefined;
  consentToName?: string | undefined;
} & PositionFields<1> &
  PositionFields<2> &
  PositionFields<3>;

export type AlertField = Exclude<keyof AlertForm, 'submissionKey' | 'visitId'>;

const positionKeys = (n: PositionRank) =>
  ({
    title: `p${n}Title`,
    rome: `p${n}Rome`,
    count: `p${n}Count`,
    contract: `p${n}Contract`,
    start: `p${n}Start`,
    location: `p${n}Location`,
  }) as const;

/** A ROME code (France Travail's job nomenclature): a letter and four digits, e.g. H2913. */
const romeCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-N]\d{4}$/, 'rome_format'));

function positionFields(n: PositionRank, today: string) {
  const k = positionKeys(n);
  return {
    [k.title]: optional(text(120)),
    [k.rome]: optional(romeCode),
    [k.count]: optional(count(999, 1)),
    [k.contract]: optional(choice(ContractType)),
    [k.start]: optional(isoDate.refine((d) => d >= today, 'start_in_past')),
    [k.location]: optional(text(120)),
  } as const;
}

export function alertReportSchema(today: string) {
  return z
    .object({
      submissionKey: z.string().min(1),
      visitId: z.string().min(1).optional(),
      ...companyChoiceFields,
      ...positionFields(1, today),
      ...positionFields(2, today),
      ...positionFields(3, today),
      urgency: required(text(1000)),
      contactName: required(text(120)),
      contactPhone: optional(phone),
      contactEmail: optional(email),
      consentToName: required(yesNo),
    })
    .superRefine(
      (form, ctx) => {
        checkCompanyChoice(form as Record<string, string | undefined>, ctx);
        const values = form as Record<string, unknown>;
        for (const n of POSITION_RANKS) {
          const k = positionKeys(n);
          const started = Object.values(k).some((key) => values[key] !== undefined);
          // The first position is the need itself; the others are filled only when there are more.
          if (n !== 1 && !started) continue;
          for (const key of [k.title, k.count, k.contract, k.location]) {
            if (values[key] === undefined && !ctx.issues.some((i) => i.path?.[0] === key)) {
              ctx.addIssue({ code: 'custom', path: [key], message: 'required' });
            }
          }
        }
        requireOneOf(values, ctx, ['contactPhone', 'contactEmail'], 'contactPhone');
      },
      { when: () => true },
    )
    .transform((form) => {
      const values = form as Record<string, unknown>;
      const positions = POSITION_RANKS.flatMap((rank) => {
        const k = positionKeys(rank);
        if (values[k.title] === undefined) return [];
        return [
          {
            rank,
            jobTitle: values[k.title] as string,
            romeCode: (values[k.rome] as string | undefined) ?? null,
            count: values[k.count] as number,
            contractType: values[k.contract] as ContractType,
            startDate: values[k.start] as string | undefined,
            location: values[k.location] as string,
          },
        ];
      });
      return {
        submissionKey: form.submissionKey,
        visitId: form.visitId ?? null,
        company: companyChoice(form as Record<string, string | undefined>),
        positions,
        urgency: form.urgency,
        contact: { name: form.contactName, phone: form.contactPhone, email: form.contactEmail },
        consentToName: form.consentToName === 'oui',
      };
    });
}

export type AlertReport = z.output<ReturnType<typeof alertReportSchema>>;
export type AlertPositionInput = AlertReport['positions'][number];

export type ParsedAlertReport = { ok: true; report: AlertReport } | { ok: false; errors: FieldError<AlertField>[] };

/** Validates a filled alert form; `today` (local YYYY-MM-DD) bounds the desired start dates. */
export function parseAlertReport(form: AlertForm, today: string): ParsedAlertReport {
  const parsed = alertReportSchema(today).safeParse(form);
  if (parsed.success) return { ok: true, report: parsed.data };
  return { ok: false, errors: collectFieldErrors<AlertField>(parsed.error.issues) };
}

// ── The other alert forms: France Travail's offer, and the closing ──

const offerSchema = z
  .object({
    reference: required(text(40)),
    contactName: required(text(120)),
    contactEmail: optional(email),
    contactPhone: optional(phone),
    url: optional(httpUrl),
  })
  .superRefine((form, ctx) => requireOneOf(form, ctx, ['contactEmail', 'contactPhone'], 'contactEmail'), {
    when: () => true,
  });

export type OfferField = keyof z.input<typeof offerSchema>;
export type OfferForm = { [K in OfferField]?: string | undefined };

/** The offer France Travail registered: its reference, its contact (e-mail or phone), its link. */
export function parseOffer(
  form: OfferForm,
): { ok: true; offer: z.output<typeof offerSchema> } | { ok: false; errors: FieldError<OfferField>[] } {
  const parsed = offerSchema.safeParse(form);
  return parsed.success
    ? { ok: true, offer: parsed.data }
    : { ok: false, errors: collectFieldErrors<OfferField>(parsed.error.issues) };
}

const closingSchema = z.object({ outcome: required(choice(AlertOutcome)), note: required(text(1000)) });

export type ClosingField = keyof z.input<typeof closingSchema>;
export type ClosingForm = { [K in ClosingField]?: string | undefined };

/** How an alert ended, and a note. */
export function parseClosing(
  form: ClosingForm,
): { ok: true; closing: z.output<typeof closingSchema> } | { ok: false; errors: FieldError<ClosingField>[] } {
  const parsed = closingSchema.safeParse(form);
  return parsed.success
    ? { ok: true, closing: parsed.data }
    : { ok: false, errors: collectFieldErrors<ClosingField>(parsed.error.issues) };
}
