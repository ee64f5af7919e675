"use client";
import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/action-state";

// Turns the codes of a FormState into messages: `namespace` holds the domain's error messages;
// rate limiting and unexpected errors share the common ones.
export function useFormText(namespace: string, state: FormState, values: Record<string, string | number> = {}) {
  const t = useTranslations(namespace);
  const common = useTranslations("common.errors");
  const text = (code: string | undefined) => {
    if (!code) return undefined;
    if (code === "rate_limited") return common("rateLimited", { minutes: state.retryAfterMinutes ?? 1 });
    return t.has(code) ? t(code, values) : common("generic");
  };
  return {
    formError: text(state.formError),
    field: (name: string) => text(state.fieldErrors?.[name]),
  };
}
