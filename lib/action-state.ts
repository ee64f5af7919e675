import type { z } from "zod";

// The state every server action returns to useActionState. It carries codes, not prose: the form
// translates them (it knows the values a message needs, e.g. the site's adult ratio). `values` lets a
// re-render without JavaScript keep what was typed.
export interface FormState {
  ok?: boolean;
  formError?: string;
  retryAfterMinutes?: number;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
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
