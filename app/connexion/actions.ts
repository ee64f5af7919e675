"use server";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { sendMagicLink } from "@/lib/auth/magic-link";
import { signInInput } from "@/lib/auth/schemas";
import { verifyChallenge } from "@/lib/challenge";
import { clientAddress } from "@/lib/client-address";
import { parisTime } from "@/lib/paris-time";
import { CHALLENGE_FIELD, isHoneypotFilled } from "@/lib/security";

export const requestMagicLink = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  // Same answer as a real request, so a bot learns nothing.
  if (isHoneypotFilled(formData)) return { ok: true };
  const parsed = signInInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: formValues(formData) };
  try {
    await verifyChallenge(formData.get(CHALLENGE_FIELD));
    const locale = (await getLocale()) === "en" ? "en" : "fr";
    const left = await sendMagicLink(parsed.data.email, clientAddress(await headers()), parsed.data.callbackUrl, locale);
    return { ok: true, params: { remaining: left.remaining, until: parisTime(left.resetsAt) } };
  } catch (error) {
    return formStateFromError(error, formValues(formData));
  }
});
