"use client";
import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/action-state";
import type { FieldErrorLink } from "./FormMessage";

// Turns the codes of a FormState into messages: `namespace` holds the domain's error messages;
// rate limiting (said with the Paris time it ends), the proof of work and unexpected errors share the
// common ones.
export function useFormText(namespace: string, state: FormState, values: Record<string, string | number> = {}) {
  const t = useTranslations(namespace);
  const common = useTranslations("common.errors");
  const text = (code: string | undefined) => {
    if (!code) return undefined;
    // A form may word the limit its own way (namespace.rate_limited, given `until` among its values).
    if (code === "rate_limited" && !t.has(code)) {
      const minutes = state.retryAfterMinutes ?? 1;
      return state.params?.until ? common("rateLimitedUntil", { minutes, until: state.params.until }) : common("rateLimited", { minutes });
    }
    if (t.has(code)) return t(code, values);
    // Codes every form shares (e.g. the proof of work's challenge.*) live in common.errors.
    return common.has(code) ? common(code) : common("generic");
  };
  return {
    /** The message of any code (e.g. an error the form found itself, before sending). */
    message: text,
    formError: text(state.formError),
    field: (name: string) => text(state.fieldErrors?.[name]),
    /** The error summary's entries (components/form/FormMessage); `idOf` gives a field's id from its name. */
    fieldLinks: (idOf: (name: string) => string = (name) => name): FieldErrorLink[] =>
      Object.entries(state.fieldErrors ?? {})
        .filter(([name]) => name !== "_form")
        .map(([name, code]) => ({ id: idOf(name), message: text(code) ?? "" })),
  };
}
