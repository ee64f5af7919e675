"use server";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { fieldErrorsOf, formValues, type ActionState } from "@/lib/action-state";
import { sendMagicLink } from "@/lib/auth/magic-link";
import { signInInput } from "@/lib/auth/schemas";
import { clientIp, RateLimitError } from "@/lib/rate-limit";

export async function requestMagicLink(_: ActionState, formData: FormData): Promise<ActionState> {
  const t = await getTranslations();
  const parsed = signInInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    return { fieldErrors: errors.email ? { email: t("auth.signIn.errors.email") } : {}, values: formValues(formData) };
  }
  try {
    const locale = (await getLocale()) === "en" ? "en" : "fr";
    await sendMagicLink(parsed.data.email, clientIp(await headers()), parsed.data.callbackUrl, locale);
  } catch (error) {
    if (error instanceof RateLimitError) {
      return { message: t("common.errors.rateLimited", { minutes: error.retryAfterMinutes }), values: formValues(formData) };
    }
    console.error(error);
    return { message: t("common.errors.generic"), values: formValues(formData) };
  }
  return { ok: true, message: t("auth.signIn.sent") };
}
