/**
 * A refusal the user can act on. `code` names a French message in src/texts/errors.ts; `field`
 * names the form field it belongs to, so the modal can show it in place.
 */
export class UserError<Field extends string = string> extends Error {
  constructor(
    readonly code: string,
    readonly field?: Field,
    readonly params: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'UserError';
  }
}

export interface FieldError<Field extends string = string> {
  field: Field;
  code: string;
  params?: Record<string, string>;
}

/** Validation failed on one or more fields; nothing was written. */
export class ValidationFailed<Field extends string = string> extends Error {
  constructor(readonly errors: FieldError<Field>[]) {
    super(`validation failed: ${errors.map((e) => `${e.field}=${e.code}`).join(', ')}`);
    this.name = 'ValidationFailed';
  }
}
