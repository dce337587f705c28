import { z } from 'zod';
import { ActionStatus, ActionTarget, Stake } from '../../generated/prisma/enums.js';
import type { FieldError } from '../errors.js';
import { choice, collectFieldErrors, isoDate, optional, required, text } from '../form-fields.js';

/** The action form as filled: the company comes with the form (from its card, an alert, an agenda item). */
export interface ActionForm {
  submissionKey: string;
  companyId: string;
  title?: string | undefined;
  stake?: string | undefined;
  target?: string | undefined;
  ownerStructureId?: string | undefined;
  ownerMemberSlackId?: string | undefined;
  dueDate?: string | undefined;
  description?: string | undefined;
}

export type ActionField = Exclude<keyof ActionForm, 'submissionKey' | 'companyId'>;

const dueFrom = (today: string) => isoDate.refine((d) => d >= today, 'due_in_past');

function actionSchema(today: string) {
  return z.object({
    submissionKey: z.string().min(1),
    companyId: z.string().min(1),
    title: required(text(150)),
    stake: optional(choice(Stake)),
    target: required(choice(ActionTarget)),
    ownerStructureId: required(z.string()),
    ownerMemberSlackId: optional(z.string()),
    dueDate: required(dueFrom(today)),
    description: optional(text(2000)),
  });
}

export type ActionInput = z.output<ReturnType<typeof actionSchema>>;

export function parseActionForm(
  form: ActionForm,
  today: string,
): { ok: true; action: ActionInput } | { ok: false; errors: FieldError<ActionField>[] } {
  const parsed = actionSchema(today).safeParse(form);
  return parsed.success
    ? { ok: true, action: parsed.data }
    : { ok: false, errors: collectFieldErrors<ActionField>(parsed.error.issues) };
}

/** A status change, with the note some statuses require (the outcome, the reason). */
export interface StatusForm {
  status?: string | undefined;
  note?: string | undefined;
}
export type StatusField = keyof StatusForm;

const NOTE_REQUIRED: readonly ActionStatus[] = ['realisee', 'bloquee', 'abandonnee'];

const statusSchema = z.object({ status: required(choice(ActionStatus)), note: optional(text(1000)) }).superRefine(
  (form, ctx) => {
    if (
      NOTE_REQUIRED.includes(form.status) &&
      form.note === undefined &&
      !ctx.issues.some((i) => i.path?.[0] === 'note')
    ) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: `note_required_${form.status}` });
    }
  },
  { when: (payload) => typeof (payload.value as { status?: unknown }).status === 'string' },
);

export function parseStatusForm(
  form: StatusForm,
): { ok: true; status: ActionStatus; note: string | undefined } | { ok: false; errors: FieldError<StatusField>[] } {
  const parsed = statusSchema.safeParse(form);
  return parsed.success
    ? { ok: true, status: parsed.data.status, note: parsed.data.note }
    : { ok: false, errors: collectFieldErrors<StatusField>(parsed.error.issues) };
}

/** A progress note. */
export const parseNote = (note: string | undefined) => {
  const parsed = required(text(1000)).safeParse(note);
  return parsed.success
    ? ({ ok: true, note: parsed.data } as const)
    : ({
        ok: false,
        errors: collectFieldErrors<'note'>(parsed.error.issues.map((i) => ({ ...i, path: ['note'] }))),
      } as const);
};

/** A new due date, and why it moves. */
const dueSchema = (today: string) => z.object({ dueDate: required(dueFrom(today)), reason: required(text(1000)) });
export type DueField = 'dueDate' | 'reason';
export function parseDueForm(form: { dueDate?: string | undefined; reason?: string | undefined }, today: string) {
  const parsed = dueSchema(today).safeParse(form);
  return parsed.success
    ? ({ ok: true, ...parsed.data } as const)
    : ({ ok: false, errors: collectFieldErrors<DueField>(parsed.error.issues) } as const);
}
