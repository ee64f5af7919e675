import "server-only";
import type { FormState } from "@/lib/action-state";
import { isAppError } from "@/lib/errors";
import { RateLimitError } from "@/lib/rate-limit";

// Maps what a domain call threw to the form state: expected errors keep their code (and per-field
// codes); anything else is a bug, logged, and shown as the generic message.
export function formStateFromError(error: unknown, values: Record<string, string>): FormState {
  if (error instanceof RateLimitError) return { formError: "rate_limited", retryAfterMinutes: error.retryAfterMinutes, values };
  if (isAppError(error)) return { formError: error.code, fieldErrors: error.fields, values };
  console.error(error);
  return { formError: "generic", values };
}
