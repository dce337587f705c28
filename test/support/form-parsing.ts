import { expect } from 'vitest';
import type { FieldError } from '../../src/services/errors.js';

/** The fields of a new company typed in a form (a visit's or an alert's), without a SIRET. */
export const NEW_COMPANY = {
  companyId: undefined,
  newName: 'Chaudronnerie Berrichonne',
  newNaf: '25.62B',
  newHeadcountBand: '11',
  newCommune: 'Bourges',
  newPostalCode: '18000',
};

type Parsed<Report, Field extends string> = { ok: true; report: Report } | { ok: false; errors: FieldError<Field>[] };

/**
 * A form's parser on `today`, as its tests read it: the report of a form it must accept, the
 * errors of one it must refuse, the single error of one wrong in one field (as `field=code`).
 */
export function formParsing<Form, Report, Field extends string>(
  parse: (form: Form, today: string) => Parsed<Report, Field>,
  today: string,
) {
  function parseOk(form: Form): Report {
    const parsed = parse(form, today);
    if (!parsed.ok) throw new Error(`expected a valid form, got ${JSON.stringify(parsed.errors)}`);
    return parsed.report;
  }
  function errorsOf(form: Form): FieldError<Field>[] {
    const parsed = parse(form, today);
    if (parsed.ok) throw new Error('expected the form to be refused');
    return parsed.errors;
  }
  function onlyError(form: Form): string {
    const errors = errorsOf(form).map((e) => `${e.field}=${e.code}`);
    expect(errors).toHaveLength(1);
    return errors[0]!;
  }
  return { parseOk, errorsOf, onlyError };
}
