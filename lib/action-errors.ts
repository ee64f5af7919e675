import "server-only";
import type { FormState } from "@/lib/action-state";
import { isAppError } from "@/lib/errors";
import { parisTime } from "@/lib/paris-time";
import { RateLimitError } from "@/lib/rate-limit";

// Maps what a domain call threw to the form state: expected errors keep their code, per-field codes
// and the values their message needs; anything else is a bug, logged, and shown as the generic message.
export function formStateFromError(error: unknown, values: Record<string, string>): FormState {
  // The Paris time the limit reopens: "until 14:32" says more than "in 36 minutes" read later.
  if (error instanceof RateLimitError) return { formError: "rate_limited", retryAfterMinutes: error.retryAfterMinutes, params: { until: parisTime(error.retryAt) }, values };
  if (isAppError(error)) {
    const params = Object.keys(error.params).length > 0 ? { params: error.params } : {};
    return { formError: error.code, fieldErrors: error.fields, ...params, values };
  }
  console.error(error);
  return { formError: "generic", values };
}
