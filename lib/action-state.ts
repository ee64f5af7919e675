import type { z } from "zod";
import type { ErrorParams } from "@/lib/errors";

// The state every server action returns to useActionState. It carries codes, not prose: the form
// translates them (it knows the values a message needs, e.g. the site's adult ratio). `values` lets a
// re-render without JavaScript keep what was typed.
export interface FormState {
  ok?: boolean;
  formError?: string;
  retryAfterMinutes?: number;
  fieldErrors?: Record<string, string>;
  /** The values the error's message needs (AppError params). */
  params?: ErrorParams;
  values?: Record<string, string>;
}

// Server actions are public HTTP endpoints: a client can post any JSON as their arguments (a string,
// a number, null, an object…), not only the FormData our forms send. Anything else becomes an empty
// form, so the action answers with its usual validation (or sign-in) error instead of throwing a 500.
export function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** Wraps a useActionState action `(state, formData)` so that it only ever sees a FormData. */
export function formAction<S, R>(action: (state: S, formData: FormData) => Promise<R>): (state: S, formData: FormData) => Promise<R> {
  return async (state, formData) => action(state, asFormData(formData));
}

// First issue per field, keyed by its dotted path (matches the input names).
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !key.startsWith("$")) out[key] = value;
  return out;
}
