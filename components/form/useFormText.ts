"use client";
import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/action-state";

// Turns the codes of a FormState into messages: `namespace` holds the domain's error messages;
// rate limiting, the proof of work and unexpected errors share the common ones.
export function useFormText(namespace: string, state: FormState, values: Record<string, string | number> = {}) {
  const t = useTranslations(namespace);
  const common = useTranslations("common.errors");
  const text = (code: string | undefined) => {
    if (!code) return undefined;
    if (code === "rate_limited") return common("rateLimited", { minutes: state.retryAfterMinutes ?? 1 });
    if (t.has(code)) return t(code, values);
    // Codes every form shares (e.g. the proof of work's challenge.*) live in common.errors.
    return common.has(code) ? common(code) : common("generic");
  };
  return {
    /** The message of any code (e.g. an error the form found itself, before sending). */
    message: text,
    formError: text(state.formError),
    field: (name: string) => text(state.fieldErrors?.[name]),
  };
}
