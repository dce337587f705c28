import { z } from 'zod';
import type { FieldError } from './errors.js';

/**
 * Building blocks of the forms people fill in Slack (visit reports, alerts…): values arrive as
 * typed; blank means unanswered; every refusal is an error code (src/texts/errors.ts) on its field.
 */
export const TEXT_MAX = 3000;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// `abort: false`: a missing answer must not stop the checks across fields (superRefine).
export const required = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, z.custom((v) => v !== undefined, { error: 'required', abort: false }).pipe(schema));
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
// The limit reaches the French message through the issue's `maximum` (see collectFieldErrors).
export const text = (max = TEXT_MAX) => z.string().trim().max(max, { error: 'too_long' });
export const choice = <T extends Record<string, string>>(values: T) => z.enum(values, { error: 'invalid_choice' });
export const yesNo = z.enum(['oui', 'non'], { error: 'invalid_choice' });

/** A whole number typed by a person: spaces allowed (« 1 200 »), no decimals, within bounds. */
export const count = (max: number, min = 0) =>
  z.string().transform((raw, ctx) => {
    const s = raw.replace(/[\s\u00a0\u202f]/g, '');
    if (!/^-?\d+$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'not_a_number' });
      return z.NEVER;
    }
    const n = Number(s);
    if (n < 0) ctx.addIssue({ code: 'custom', message: 'negative' });
    else if (n < min) ctx.addIssue({ code: 'custom', message: 'too_small', params: { min } });
    else if (n > max)
      ctx.addIssue({ code: 'custom', message: max === 100 ? 'percent_range' : 'too_large', params: { max } });
    return n;
  });

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'invalid_date');

export const email = z
  .string()
  .trim()
  .max(200, { error: 'too_long' })
  .pipe(z.email({ error: 'email_format' }));
/** French numbers as people write them: 06 12 34 56 78, +33 6 12 34 56 78, 06.12.34.56.78. */
export const phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.\-()]/g, ''))
  .pipe(z.string().regex(/^(\+\d{6,15}|0\d{9})$/, 'phone_format'));
export const httpUrl = z
  .string()
  .trim()
  .max(500, { error: 'too_long' })
  .pipe(z.url({ protocol: /^https?$/, error: 'url_format' }))
  // Slack's link syntax <url|label> breaks on these: a link holding them could forge a mention.
  .refine((url) => !/[<>|\s]/.test(url), 'url_format');

// ── The company a form is about: one already known, or a new one described in the form ──

export const companyChoiceFields = {
  companyId: optional(z.string()),
  newSiret: optional(text(30)),
  newName: optional(text(200)),
  newNaf: optional(text(10)),
  newHeadcountBand: optional(text(2)),
  newCommune: optional(text(100)),
  newPostalCode: optional(text(10)),
};

/** The company part of a form, as typed. */
export type CompanyChoiceForm = { [K in keyof typeof companyChoiceFields]?: string | undefined };

export function checkCompanyChoice(form: CompanyChoiceForm, ctx: z.RefinementCtx): void {
  const newFields = [
    form.newSiret,
    form.newName,
    form.newNaf,
    form.newHeadcountBand,
    form.newCommune,
    form.newPostalCode,
  ];
  const startedNew = newFields.some((v) => v !== undefined);
  if (form.companyId && startedNew) ctx.addIssue({ code: 'custom', path: ['companyId'], message: 'company_both' });
  if (!form.companyId && !startedNew) ctx.addIssue({ code: 'custom', path: ['companyId'], message: 'company_missing' });
  if (!form.companyId && startedNew) {
    for (const key of ['newName', 'newNaf', 'newHeadcountBand', 'newCommune'] as const) {
      if (form[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'required' });
    }
  }
}

export function companyChoice(form: CompanyChoiceForm) {
  return form.companyId
    ? ({ kind: 'existing', companyId: form.companyId } as const)
    : ({
        kind: 'new',
        siret: form.newSiret,
        name: form.newName!,
        nafCode: form.newNaf!,
        headcountBand: form.newHeadcountBand!,
        commune: form.newCommune!,
        postalCode: form.newPostalCode,
      } as const);
}

export type CompanyChoice = ReturnType<typeof companyChoice>;

/** At least one way to reach a person (a phone or an e-mail); the error goes on `errorField`. */
export function requireOneOf(
  form: Record<string, unknown>,
  ctx: z.RefinementCtx,
  fields: readonly string[],
  errorField: string,
): void {
  const alreadyRefused = ctx.issues.some((issue) => fields.includes(String(issue.path?.[0])));
  if (!alreadyRefused && fields.every((field) => form[field] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [errorField], message: 'contact_reach_missing' });
  }
}

/** zod's issues as one error per field (the first, the one to fix first), with string params. */
export function collectFieldErrors<Field extends string>(issues: z.core.$ZodIssue[]): FieldError<Field>[] {
  const errors: FieldError<Field>[] = [];
  for (const issue of issues) {
    const field = issue.path[0] as Field;
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
  return errors;
}
