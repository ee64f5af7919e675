import type { z } from "zod";

// The state every server action returns to useActionState: field errors as message keys/strings,
// one form-level message, and the submitted values so a no-JS re-render keeps what was typed.
export interface ActionState {
  ok?: boolean;
  message?: string;
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
